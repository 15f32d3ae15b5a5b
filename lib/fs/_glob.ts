// Copyright 2026 the sluice authors. MIT license.
// Many inputs from one argument: globs (`logs/*.log`, `**`), directories
// read recursively, and the order a rotated set is read in (oldest first).

import { withoutCompressionEnding } from "./_compression.ts";
import { isGlob, isHttpUrl, pathOf } from "./_path.ts";

/**
 * The regular expression one segment of a glob stands for: `*` any run of
 * characters, `?` one, `[abc]`, `[a-z]` and `[!a]` (or `[^a]`) one of a
 * set; a `[` without its `]` is itself. A segment that does not start with
 * `.` does not match names that do, as in the shell.
 */
export function segmentRegExp(segment: string): RegExp {
  let out = segment.startsWith(".") ? "" : "(?!\\.)";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      let j = i + 1;
      if (segment[j] === "!" || segment[j] === "^") j++;
      if (segment[j] === "]") j++; // a leading ] is one of the set
      while (j < segment.length && segment[j] !== "]") j++;
      if (j >= segment.length) {
        out += "\\[";
        continue;
      }
      let set = segment.slice(i + 1, j);
      const negated = set.startsWith("!") || set.startsWith("^");
      if (negated) set = set.slice(1);
      set = set.replace(/[\\\]^]/g, (m) => `\\${m}`);
      out += `[${negated ? "^" : ""}${set}]`;
      i = j;
    } else out += c.replace(/[.+^${}()|\\\]]/g, (m) => `\\${m}`);
  }
  return new RegExp(`^${out}$`, "u");
}

/** How a name sorts in a rotated set. */
interface RotationKey {
  base: string;
  /** 0: numbered (`.1` newest), 1: dated (`-20260101`), 2: the live file. */
  kind: number;
  n: number;
}

function rotationKey(name: string): RotationKey {
  const stem = withoutCompressionEnding(name);
  const numbered = /^(.+)\.([1-9]\d{0,5})$/.exec(stem);
  if (numbered !== null) {
    return { base: numbered[1]!, kind: 0, n: Number(numbered[2]) };
  }
  const dated = /^(.+?)[-.](\d{8}(?:\d{2}){0,3})$/.exec(stem);
  if (dated !== null) return { base: dated[1]!, kind: 1, n: Number(dated[2]) };
  return { base: stem, kind: 2, n: 0 };
}

/**
 * The order of file names in one directory: by name, except that a rotated
 * set comes oldest first, the live file last: `app.log.10.gz`, ...,
 * `app.log.2.gz`, `app.log.1`, `app.log` (numbered as logrotate numbers,
 * `.1` the newest; without a leading zero, so that `part.001`, `part.002`
 * stay in name order), and `app.log-20260101.gz` before
 * `app.log-20260102.gz` before `app.log`.
 */
export function compareRotation(a: string, b: string): number {
  const ka = rotationKey(a);
  const kb = rotationKey(b);
  if (ka.base !== kb.base) return ka.base < kb.base ? -1 : 1;
  if (ka.kind !== kb.kind) return ka.kind - kb.kind;
  if (ka.n !== kb.n) return ka.kind === 0 ? kb.n - ka.n : ka.n - kb.n;
  return a < b ? -1 : a > b ? 1 : 0;
}

function join(dir: string, name: string): string {
  if (dir === "") return name;
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}

/** A directory's entries, sorted, with symlinks resolved (broken ones left out). */
async function entries(
  dir: string,
): Promise<
  { name: string; isFile: boolean; isDirectory: boolean; isSymlink: boolean }[]
> {
  const out = [];
  for await (const e of Deno.readDir(dir === "" ? "." : dir)) {
    let { isFile, isDirectory } = e;
    if (e.isSymlink) {
      try {
        const info = await Deno.stat(join(dir, e.name));
        isFile = info.isFile;
        isDirectory = info.isDirectory;
      } catch {
        continue;
      }
    }
    out.push({ name: e.name, isFile, isDirectory, isSymlink: e.isSymlink });
  }
  return out.sort((x, y) => compareRotation(x.name, y.name));
}

/**
 * The files under `dir`, depth first, each directory's entries in
 * {@linkcode compareRotation} order. Symbolic links met on the way are not
 * followed into directories (as `grep -r` does not), so a link cannot make
 * a cycle.
 */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await entries(dir)) {
    const path = join(dir, e.name);
    if (e.isFile) out.push(path);
    else if (e.isDirectory && !e.isSymlink) out.push(...await filesUnder(path));
  }
  return out;
}

/** The directories under `dir` (itself first), for `**`. */
async function dirsUnder(dir: string): Promise<string[]> {
  const out = [dir];
  for (const e of await entries(dir)) {
    if (e.isDirectory && !e.isSymlink && !e.name.startsWith(".")) {
      out.push(...await dirsUnder(join(dir, e.name)));
    }
  }
  return out;
}

/** `[x]` for one character, as a glob writes a literal `*`, `?` or `[`. */
function unescape(segment: string): string {
  return segment.replace(/\[([*?[])\]/g, "$1");
}

/**
 * The files `pattern` matches, each directory's in
 * {@linkcode compareRotation} order. `**` as a whole segment matches any
 * number of directories (none included); with `recursive`, a directory
 * that matches gives the files under it.
 */
export async function expandGlob(
  pattern: string,
  recursive = false,
): Promise<string[]> {
  const parts = pattern.split("/");
  let dirs = [pattern.startsWith("/") ? "/" : ""];
  const found: string[] = [];
  for (let i = pattern.startsWith("/") ? 1 : 0; i < parts.length; i++) {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    if (part === "" && !last) continue;
    const next: string[] = [];
    for (const dir of dirs) {
      if (part === "**") {
        const under = await dirsUnder(dir).catch(() => []);
        if (last) {
          for (const d of under) {
            for (const e of await entries(d)) {
              if (e.isFile && !e.name.startsWith(".")) {
                found.push(join(d, e.name));
              }
            }
          }
        } else next.push(...under);
        continue;
      }
      if (!isGlob(part)) {
        const path = join(dir, unescape(part));
        if (!last) {
          next.push(path);
          continue;
        }
        const info = await Deno.stat(path).catch(() => undefined);
        if (info?.isFile) found.push(path);
        else if (info?.isDirectory && recursive) {
          found.push(...await filesUnder(path));
        }
        continue;
      }
      const re = segmentRegExp(part);
      let list: Awaited<ReturnType<typeof entries>>;
      try {
        list = await entries(dir);
      } catch {
        continue; // not a directory, or gone: it matches nothing
      }
      for (const e of list) {
        if (!re.test(e.name)) continue;
        const path = join(dir, e.name);
        if (!last) {
          if (e.isDirectory) next.push(path);
        } else if (e.isFile) found.push(path);
        else if (e.isDirectory && recursive) {
          found.push(...await filesUnder(path));
        }
      }
    }
    dirs = next;
  }
  return found;
}

/** An input to expand: a path (string or file URL), or anything else as is. */
export type ExpandableInput = string | URL | object;

/**
 * The inputs with each glob replaced by the files it matches and, with
 * `recursive`, each directory by the files under it: rotated sets oldest
 * first (see {@linkcode compareRotation}). Standard input (`"-"`), URLs
 * and streams stay as they are, and so does a path that is not a glob nor
 * (with `recursive`) a directory, for the reader to open or report.
 *
 * @throws {Deno.errors.NotFound} For a glob that matches no file.
 */
export async function expandInputs<T extends ExpandableInput>(
  inputs: readonly T[],
  recursive: boolean,
): Promise<T[]> {
  const out: T[] = [];
  for (const input of inputs) {
    if (typeof input === "string" && isGlob(input)) {
      const found = await expandGlob(input, recursive);
      if (found.length === 0) {
        throw new Deno.errors.NotFound(`No file matches "${input}"`);
      }
      out.push(...found as T[]);
      continue;
    }
    if (
      recursive && input !== "-" &&
      (typeof input === "string" && !isHttpUrl(input) ||
        input instanceof URL && input.protocol === "file:")
    ) {
      const path = pathOf(input as string | URL);
      const info = await Deno.stat(path).catch(() => undefined);
      if (info?.isDirectory) {
        out.push(...await filesUnder(path.replace(/\/+$/, "") || "/") as T[]);
        continue;
      }
    }
    out.push(input);
  }
  return out;
}
