# DISTINCT with awk: the first line of each request id (none: ""), in input
# order; the ids seen stay in memory.
{
  k = ""
  if (match($0, / req=[^ ]*/)) k = substr($0, RSTART + 5, RLENGTH - 5)
  if (!seen[k]++) print
}
