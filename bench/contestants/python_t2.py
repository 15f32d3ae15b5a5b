# T2 with Python generators: read, filter, parse, write.
import json
import re
import sys

STATUS = re.compile(r"status=(\d+)")


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace", newline="\n") as f:
        for line in f:
            yield line.rstrip("\n")


def errors(lines):
    for line in lines:
        if "ERROR" in line:
            yield line


def records(lines):
    for line in lines:
        parts = line.split(" ", 3)
        m = STATUS.search(line)
        yield json.dumps(
            {"service": parts[2] if len(parts) > 2 else "",
             "status": int(m.group(1)) if m else None},
            separators=(",", ":"), ensure_ascii=False,
        )


with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
    for record in records(errors(read_lines(sys.argv[1]))):
        out.write(record + "\n")
