# T2 with awk: ERROR lines -> {"service","status"} JSON lines (the service
# is the third word; no status is null).
/ERROR/ {
  status = "null"
  if (match($0, /status=[0-9]+/)) status = substr($0, RSTART + 7, RLENGTH - 7) + 0
  printf "{\"service\":\"%s\",\"status\":%s}\n", $3, status
}
