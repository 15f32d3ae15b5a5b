// Copyright 2026 the sluice authors. MIT license.
// The key of `sort -t' ' -k8.12,8 -n` (C locale) for the SORT task: the
// number at the 12th character of the 8th space-separated field, which in
// the corpus is the value after "latency_ms=". GNU's -n reads leading blanks,
// an optional minus, digits and an optional fraction; no number is 0.

/** The line's key, as GNU sort -n sees it. */
export function latencyKey(line: string): number {
  let at = 0;
  for (let f = 1; f < 8; f++) {
    const sp = line.indexOf(" ", at);
    if (sp === -1) return 0; // fewer than 8 fields: an empty key
    at = sp + 1;
  }
  let end = line.indexOf(" ", at);
  if (end === -1) end = line.length;
  let i = at + 11;
  while (i < end && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) {
    i++;
  }
  const start = i;
  if (i < end && line.charCodeAt(i) === 45) i++;
  let digits = 0;
  while (i < end) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
    digits++;
  }
  if (i < end && line.charCodeAt(i) === 46) {
    i++;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
      digits++;
    }
  }
  if (digits === 0) return 0;
  const n = Number(line.slice(start, i));
  return n === 0 ? 0 : n; // -0 sorts as 0
}
