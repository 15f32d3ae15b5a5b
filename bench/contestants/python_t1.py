# T1 with Python generators: read, filter.
import sys


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace", newline="\n") as f:
        for line in f:
            yield line.rstrip("\n")


def errors(lines):
    for line in lines:
        if "ERROR" in line:
            yield line


print(sum(1 for _ in errors(read_lines(sys.argv[1]))))
