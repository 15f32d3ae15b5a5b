# GROUP with Python: lines per service and exact p95 latency (nearest rank),
# as JSON lines in service order. It keeps every latency in memory.
import json
import math
import re
import sys

LATENCY = re.compile(r"latency_ms=(\d+)")

groups = {}
with open(sys.argv[1], encoding="utf-8", errors="replace", newline="\n") as f:
    for line in f:
        parts = line.rstrip("\n").split(" ", 3)
        service = parts[2] if len(parts) > 2 else ""
        g = groups.get(service)
        if g is None:
            g = groups[service] = [0, []]
        g[0] += 1
        m = LATENCY.search(line)
        if m:
            g[1].append(int(m.group(1)))

with open(sys.argv[2], "w", encoding="utf-8") as out:
    for service in sorted(groups):
        n, values = groups[service]
        values.sort()
        p95 = values[max(1, math.ceil(95 / 100 * len(values))) - 1] if values else None
        out.write(json.dumps({"service": service, "count": n, "p95": p95},
                             separators=(",", ":"), ensure_ascii=False) + "\n")
