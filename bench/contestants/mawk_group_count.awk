# GROUP with awk, count only: lines per service (the third word), as
# "service count" lines in no particular order. awk has no sort for an
# exact p95.
{ n[$3]++ }
END { for (s in n) print s, n[s] }
