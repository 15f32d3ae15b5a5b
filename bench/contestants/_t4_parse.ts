// T4's per-line work, CPU-heavy on purpose: JSON.parse of every line and a
// regular expression over its message; ERROR lines become a JSON summary,
// the others "". Loaded directly (one core) or in workers (parallel()).
const WORDS = /^(\S+)\s+(\S+)/u;

export default function t4(line: string): string {
  const record = JSON.parse(line);
  const words = WORDS.exec(String(record.msg ?? ""));
  if (record.level !== "ERROR") return "";
  return JSON.stringify({
    service: record.service,
    status: record.status ?? null,
    first: words === null ? null : words[1],
  });
}
