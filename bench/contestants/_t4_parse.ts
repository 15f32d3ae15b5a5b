// T4's per-line work, CPU-heavy on purpose: JSON.parse of every line and a
// regular expression over its message; ERROR lines become a JSON summary,
// the others are dropped (undefined). Loaded directly (one core, with a
// filter after it) or in workers (parallel(), which drops undefined).
const WORDS = /^(\S+)\s+(\S+)/u;

export default function t4(line: string): string | undefined {
  const record = JSON.parse(line);
  const words = WORDS.exec(String(record.msg ?? ""));
  if (record.level !== "ERROR") return undefined;
  return JSON.stringify({
    service: record.service,
    status: record.status ?? null,
    first: words === null ? null : words[1],
  });
}
