# T3 with Python generators: map, filter, map, batch(1000), write.
import re
import sys

LATENCY = re.compile(r"latency_ms=(\d+)")


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace", newline="\n") as f:
        for line in f:
            yield line.rstrip("\n")


def fields(lines):
    for line in lines:
        parts = line.split(" ", 3)
        m = LATENCY.search(line)
        yield (parts[2] if len(parts) > 2 else "", int(m.group(1)) if m else -1)


def slow(items):
    for item in items:
        if item[1] >= 1000:
            yield item


def csv(items):
    for service, latency in items:
        yield f"{service},{latency}"


def batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
    for batch in batches(csv(slow(fields(read_lines(sys.argv[1])))), 1000):
        out.write("\n".join(batch) + "\n")
