# T1 with awk: count the lines that contain ERROR.
/ERROR/ { n++ }
END { print n + 0 }
