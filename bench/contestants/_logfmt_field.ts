// The value of `name=` in a logfmt line (unquoted values only), or "".
export function logfmtField(line: string, name: string): string {
  const at = line.indexOf(` ${name}=`);
  if (at === -1) return "";
  const from = at + name.length + 2;
  const end = line.indexOf(" ", from);
  return line.slice(from, end === -1 ? line.length : end);
}
