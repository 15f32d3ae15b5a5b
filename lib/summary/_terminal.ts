// Copyright 2026 the sluice authors. MIT license.
// Whether text for the terminal should keep to ASCII: when NO_COLOR is set,
// or the locale (LC_ALL, else LC_CTYPE, else LANG) is not UTF-8, or unset
// (POSIX's locale is ASCII). Variables are read only where the environment
// permission is already granted: a prompt would stop the run, and a locale
// that cannot be read is taken to be UTF-8.

/** Whether the environment asks for plain ASCII. */
export function asciiTerminal(): boolean {
  const deno = (globalThis as { Deno?: typeof Deno }).Deno;
  if (deno?.permissions?.querySync === undefined) return false;
  // "" when unset, undefined when it cannot be read without asking.
  const read = (name: string): string | undefined => {
    try {
      const { state } = deno.permissions.querySync({
        name: "env",
        variable: name,
      });
      return state === "granted" ? deno.env.get(name) ?? "" : undefined;
    } catch {
      return undefined;
    }
  };
  if (read("NO_COLOR")) return true;
  for (const name of ["LC_ALL", "LC_CTYPE", "LANG"]) {
    const value = read(name);
    if (value === undefined) return false;
    if (value !== "") return !/utf-?8/i.test(value);
  }
  return true;
}
