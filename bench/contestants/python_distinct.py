# DISTINCT with Python: the first line of each request id (none: ""), in
# input order. It keeps every id in memory.
import re
import sys

REQ = re.compile(r" req=([^ ]*)")

seen = set()
with open(sys.argv[1], encoding="utf-8", errors="replace", newline="\n") as f, \
        open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
    for line in f:
        m = REQ.search(line)
        key = m.group(1) if m else ""
        if key not in seen:
            seen.add(key)
            out.write(line if line.endswith("\n") else line + "\n")
