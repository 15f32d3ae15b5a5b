# T1 with jq over raw lines (jq -nR): count the lines that contain ERROR.
reduce (inputs | select(contains("ERROR"))) as $line (0; . + 1)
