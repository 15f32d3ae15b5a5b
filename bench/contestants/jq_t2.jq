# T2 with jq over raw lines (jq -cR): ERROR lines -> {"service","status"}.
select(contains("ERROR"))
| {
    service: (split(" ")[2] // ""),
    status: (first(capture("status=(?<s>[0-9]+)").s | tonumber) // null)
  }
