// MEM: the T1 match as a module for parallel()'s workers: ERROR lines are
// kept, the others dropped (undefined).
export default function errorLine(line: string): string | undefined {
  return line.includes("ERROR") ? line : undefined;
}
