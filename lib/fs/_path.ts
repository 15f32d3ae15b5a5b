// Copyright 2026 the sluice authors. MIT license.
// Paths given as strings or file URLs. The one place a URL becomes a path, so
// that messages, checkpoints and the files opened all name the same file;
// and which inputs are URLs or globs (the globs expand in _glob.ts).

import { isWritableStream } from "./_streams.ts";

/**
 * The path `target` names: a string as given, a `file:` URL as the path
 * Deno opens for it (percent escapes decoded, a `%` that starts no escape
 * kept as it is).
 *
 * @param target A path, or a `file:` URL.
 * @returns The path.
 * @throws {TypeError} For a URL that is not a `file:` URL, names another
 * host, or whose escapes do not decode to UTF-8 text.
 */
export function pathOf(target: string | URL): string {
  if (typeof target === "string") return target;
  return fileUrlPath(target, Deno.build.os === "windows");
}

/**
 * The path of a `file:` URL on Windows (`windows`) or elsewhere: what
 * {@linkcode pathOf} does on each platform.
 */
export function fileUrlPath(url: URL, windows: boolean): string {
  const refuse = (why: string, cause?: unknown) =>
    new TypeError(
      `Cannot use "${url.href}" as a file path: ${why}`,
      cause === undefined ? undefined : { cause },
    );
  if (url.protocol !== "file:") {
    throw refuse("only a file: URL names a file");
  }
  const host = url.hostname === "localhost" ? "" : url.hostname;
  if (host !== "" && !windows) {
    throw refuse(`it names the host "${url.hostname}", not this machine`);
  }
  let path: string;
  try {
    path = decodeEscapes(url.pathname);
  } catch (error) {
    throw refuse("its percent escapes do not decode to UTF-8 text", error);
  }
  if (!windows) return path;
  if (host !== "") return `\\\\${host}${path.replaceAll("/", "\\")}`;
  // "/C:/logs" is the drive path "C:\logs".
  const drive = /^\/[A-Za-z]:(\/|$)/.test(path) ? path.slice(1) : path;
  return drive.replaceAll("/", "\\");
}

/**
 * Decodes `%XX` escapes as bytes of UTF-8 text, as the URL parser and the
 * file system do: `decodeURIComponent` would throw on a `%` that starts no
 * escape (the parser keeps `a b%.log` as `a%20b%.log`).
 */
function decodeEscapes(text: string): string {
  if (!text.includes("%")) return text;
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  for (let i = 0; i < text.length;) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      bytes.push(...encoder.encode(char));
      i += char.length;
    }
  }
  return new TextDecoder("utf-8", { fatal: true })
    .decode(new Uint8Array(bytes));
}

/** `path` made absolute and without `.`, `..` or doubled slashes. */
function normalPath(path: string): string {
  const absolute = path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
  const out: string[] = [];
  for (const part of absolute.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}

/**
 * Whether two paths name the same file: the same path once normalised, or,
 * where both exist, the same device and inode (a link or another spelling).
 *
 * @param a A path.
 * @param b Another path.
 * @returns Whether they are one file.
 */
export function sameFile(a: string, b: string): boolean {
  if (normalPath(a) === normalPath(b)) return true;
  try {
    const x = Deno.statSync(a);
    const y = Deno.statSync(b);
    return x.dev === y.dev && x.ino !== null && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * The file information of `path`; a missing file is a NotFound that names
 * it (Deno's own message names only the system call).
 */
export async function statNamed(path: string): Promise<Deno.FileInfo> {
  try {
    return await Deno.stat(path);
  } catch (error) {
    throw named(path, error);
  }
}

/**
 * {@linkcode statNamed} in this thread: a stat never waits for another
 * process, as opening a FIFO does, and one handed to Deno's I/O threads and
 * back took longer than the system call (see openPath).
 */
export function statNamedSync(path: string): Deno.FileInfo {
  try {
    return Deno.statSync(path);
  } catch (error) {
    throw named(path, error);
  }
}

/** A stat's error, a missing file's naming it. */
function named(path: string, error: unknown): unknown {
  return error instanceof Deno.errors.NotFound
    ? new Deno.errors.NotFound(`Cannot read "${path}": no such file`, {
      cause: error,
    })
    : error;
}

/**
 * How messages name an output (a LineTarget of _output.ts): a path in
 * quotes, or what it is.
 */
export function targetName(target: string | URL | object): string {
  if (target === "-") return "standard output";
  if (typeof target === "string" || target instanceof URL) {
    return `"${pathOf(target)}"`;
  }
  if (isWritableStream(target)) return "the stream";
  return "the file";
}

/** Whether `text` is a URL that fetch reads. */
export function isHttpUrl(text: string | URL): boolean {
  const href = typeof text === "string" ? text : text.href;
  return /^https?:\/\//i.test(href);
}

/** Whether `path` has a glob character (`*`, `?` or `[`). */
export function isGlob(path: string): boolean {
  return path !== "-" && !isHttpUrl(path) && /[*?[]/.test(path);
}
