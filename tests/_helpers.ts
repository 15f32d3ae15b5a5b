// Copyright 2026 the sluice authors. MIT license.
// Shared test helpers: byte sources with chosen chunkings, temp dirs, and
// open file descriptor counts from /proc.

import assert from "node:assert/strict";
import fc from "fast-check";
import type { Chunk } from "../lib/core/_chunk.ts";
import { defineStage } from "../lib/core/_define.ts";
import { register } from "../lib/core/_registry.ts";
import type { Sink, Stage } from "../mod.ts";

export const encoder = new TextEncoder();

/**
 * Characters where orders of text part: NUL, one of each UTF-8 length, and
 * both sides of the surrogates (U+E000 to U+FFFF come after U+10000 and up
 * in UTF-16, before them in UTF-8, whose lead bytes are 0xEE-0xEF against
 * 0xF0-0xF4).
 */
export const EDGE_CHARS: readonly string[] = [
  "\0",
  "a",
  "z",
  "\u007f",
  "é",
  "\u07ff",
  "\u0800",
  "\ud7ff",
  "\ue000",
  "\uf8ff",
  "\uffff",
  "\u{10000}",
  "😀",
  "\u{10ffff}",
];

/** A stream that delivers `bytes` cut at the given positions. */
export function chunked(
  bytes: Uint8Array,
  cuts: number[],
): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))]
    .sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    pieces.push(bytes.slice(at, p));
    at = p;
  }
  return ReadableStream.from(pieces.filter((p) => p.length > 0));
}

/**
 * Reads the next bytes of `bytes`, from `at` and at most `size`, into the
 * splitter's space, as a reader would; how many.
 */
export function readInto(
  splitter: { space(readAt?: number): Uint8Array },
  bytes: Uint8Array,
  at: number,
  size: number,
  readAt?: number,
): number {
  const space = splitter.space(readAt);
  const n = Math.min(space.length, bytes.length - at, size);
  space.set(bytes.subarray(at, at + n));
  return n;
}

/**
 * Writes `bytes` into `splitter` through `space()` and `commit()`, `sizes[k]`
 * bytes at a time in turn (less where the space or the bytes end), then ends
 * it; `each` runs after every commit and after the end. With `readFrom`, each
 * `space()` is told where its read starts, as if `bytes` lay in a file from
 * that offset on.
 */
export function feed(
  splitter: {
    space(readAt?: number): Uint8Array;
    commit(n: number): void;
    end(): void;
  },
  bytes: Uint8Array,
  sizes: readonly number[],
  each: () => void,
  readFrom?: number,
): void {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = readInto(
      splitter,
      bytes,
      at,
      sizes[k % sizes.length]!,
      readFrom === undefined ? undefined : readFrom + at,
    );
    at += n;
    splitter.commit(n);
    each();
  }
  splitter.end();
  each();
}

/** Collects an async iterable. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of source) out.push(x);
  return out;
}

/** The number of file descriptors this process has open. */
export function openFds(): number {
  return [...Deno.readDirSync("/proc/self/fd")].length;
}

/** Runs `fn` with a fresh temp dir that is removed afterwards. */
export async function withTempDir(
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "sluice-test-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Lines of one JSON object each, whose members take keys from `key`:
 * blanks between tokens and after the object; values that are short
 * strings (an 8-character id) and longer ones, strings with escapes,
 * numbers JSON.stringify writes otherwise (`1.50`, `1e3`, `-0`), an integer
 * beyond 2^53, nested objects and arrays, and a value nested 600 deep; keys
 * may repeat. `broken` gives such lines with the closing brace lost or
 * replaced, which JSON.parse refuses, each still starting with `{`.
 */
export function jsonObjectLines(
  key: fc.Arbitrary<string>,
): { good: fc.Arbitrary<string>; broken: fc.Arbitrary<string> } {
  const deep = "[".repeat(600) + '"x"' + "]".repeat(600);
  const value = fc.oneof(
    fc.constantFrom(
      '"95d84e84"',
      '"a\\tb"',
      '"\\u0024x"',
      '"ab\\"c"',
      '""',
      '"0123456789ab"',
      "1.50",
      "1e3",
      "-0",
      "12345678901234567890",
      "true",
      "null",
      '{"x":[1,{"y":"z,w"}]}',
      deep,
    ),
    fc.string({ maxLength: 12 }).map((t) => JSON.stringify(t)),
    fc.integer().map(String),
  );
  const blank = fc.constantFrom("", " ", "\t");
  const member = fc.tuple(key, blank, value).map(([k, b, v]) =>
    `${JSON.stringify(k)}${b}:${b}${v}`
  );
  const good = fc.tuple(fc.array(member, { maxLength: 5 }), blank).map((
    [members, b],
  ) => `{${b}${members.join(`${b},`)}${b}}${b}`);
  const broken = fc.tuple(good, fc.constantFrom("", "x", ",", "}", "]"))
    .map(([l, tail]) => l.trimEnd().slice(0, -1) + tail);
  return { good, broken };
}

/**
 * Runs `fn` with `JSON.parse` watched: returns what `fn` gave and every text
 * given to `JSON.parse` meanwhile. `JSON.parse` makes each string of fewer
 * than 10 characters an internalized one, which V8 keeps in its old
 * generation: the tests that use this check that a log line's short strings
 * (its request ids) never reach it.
 */
export async function watchingJsonParse<T>(
  fn: () => T | Promise<T>,
): Promise<{ result: T; parsed: string[] }> {
  const parse = JSON.parse;
  const parsed: string[] = [];
  JSON.parse = ((text: string, reviver?: never) => {
    parsed.push(text);
    return parse(text, reviver);
  }) as typeof JSON.parse;
  try {
    return { result: await fn(), parsed };
  } finally {
    JSON.parse = parse;
  }
}

/**
 * Runs `body` in a script of its own, after `imports`, with V8's natives
 * syntax allowed and `interned(s)` in scope (whether V8 made the string `s`
 * an internalized one, which it keeps in its string table and old
 * generation); returns what the script logged, parsed as JSON.
 */
export async function withNatives(
  imports: string,
  body: string,
): Promise<unknown> {
  const dir = await Deno.makeTempDir({ prefix: "sluice-test-" });
  try {
    const script = `${dir}/natives.ts`;
    await Deno.writeTextFile(
      script,
      `${imports}
const interned = new Function("s", "return %IsInternalizedString(s)");
${body}`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--v8-flags=--allow-natives-syntax", script],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    return JSON.parse(new TextDecoder().decode(out.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The entries of a directory, sorted. */
export async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

/** The bytes of `parts`, one after another. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A stage that shows `see` each chunk it hands on unchanged. */
export function chunkProbe<T>(see: (chunk: Chunk<T>) => void): Stage<T, T> {
  return defineStage<T, T>({
    kind: "probe",
    name: undefined,
    bound: "1 chunk",
    async *run(input) {
      for await (const chunk of input) {
        see(chunk);
        yield chunk;
      }
    },
  });
}

/**
 * A sink that takes lines as bytes, as writeLines does, and keeps each
 * chunk that reaches it in `seen`.
 */
export function bytesSink(): { sink: Sink<unknown>; seen: Chunk<unknown>[] } {
  const seen: Chunk<unknown>[] = [];
  const sink = register(() => Promise.resolve(), {
    kind: "keep",
    name: undefined,
    bound: "none",
    takesBytes: true,
    async consume(input: AsyncIterable<Chunk<unknown>>) {
      for await (const chunk of input) seen.push(chunk);
    },
  });
  return { sink, seen };
}

/**
 * Pieces that property tests of the line splitter put together: ASCII and
 * other text, empty lines, CRs, a long run, bytes that are not UTF-8 (0xFF,
 * a character cut short), and `extra` pieces of the test's own.
 */
export function linePieces(...extra: string[]): Uint8Array[] {
  return [
    ...extra,
    "ERROR x",
    "a",
    "",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "é",
    "日本",
    "😀",
    "b".repeat(40),
  ].map((t) => encoder.encode(t)).concat([
    new Uint8Array([0xff]),
    new Uint8Array([0xe2, 0x82]),
  ]);
}

/** The bytes of `parts`, each an index into `pool` (taken modulo its size). */
export function bytesFrom(parts: number[], pool: Uint8Array[]): Uint8Array {
  return concatBytes(parts.map((i) => pool[i % pool.length]!));
}

/** `text` compressed as one gzip member. */
export async function gzip(text: string): Promise<Uint8Array> {
  const stream = ReadableStream.from([encoder.encode(text)])
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The names `deno doc` finds exported by `file` (a path from the
 * repository's root), types included.
 */
export async function exportedNames(file: string): Promise<string[]> {
  const root = new URL("../", import.meta.url);
  const doc = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", file],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!doc.success) throw new Error(new TextDecoder().decode(doc.stderr));
  const json = JSON.parse(new TextDecoder().decode(doc.stdout)) as {
    nodes: Record<string, { symbols: { name: string }[] }>;
  };
  return json.nodes[new URL(file, root).href]!.symbols.map((s) => s.name);
}

/** Every name mod.ts exports, types included. */
export async function publicNames(): Promise<Set<string>> {
  return new Set(await exportedNames("mod.ts"));
}

/** A module of `deno info --json`'s graph and what it imports. */
export interface GraphModule {
  specifier: string;
  dependencies?: {
    specifier: string;
    isDynamic?: boolean;
    code?: { specifier: string };
  }[];
}

/** `deno info --json ENTRY`, run at the repository's root. */
export async function moduleGraph(
  entry: string,
): Promise<{ roots: string[]; modules: GraphModule[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: new URL("../", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/**
 * The path of a file of the data shared by every developer and CI, which
 * lives beside the repository (`../shared/data/`), or undefined (and a line
 * on standard error saying so, once per file) when it is not there: the
 * tests that need it are then skipped, not failed.
 */
export function sharedData(name: string): string | undefined {
  const path = new URL(`../../shared/data/${name}`, import.meta.url).pathname;
  try {
    Deno.statSync(path);
    return path;
  } catch {
    console.error(
      `Skipping the tests that read ${path}: the shared data is not beside this clone`,
    );
    return undefined;
  }
}

/** How {@linkcode serveFiles} answers. */
export interface ServeOptions {
  /** Answer Range requests with 206 (else 200, the whole file). */
  ranges?: boolean;
  /** Send Content-Length (else a chunked body of unknown length). */
  length?: boolean;
  /** Headers sent with every answer. */
  headers?: Record<string, string>;
}

/**
 * An HTTP server on 127.0.0.1 for the files under `dir`, read anew for each
 * request (so that a file changed meanwhile is served changed), with an
 * ETag of their bytes, Range and If-Range as RFC 9110 has them; `asked`
 * lists each request's path and Range header, `sent` the body bytes sent.
 */
export function serveFiles(dir: string, options: ServeOptions = {}): {
  base: string;
  asked: string[];
  sent: { bytes: number };
  close(): Promise<void>;
} {
  const asked: string[] = [];
  const sent = { bytes: 0 };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const path = decodeURIComponent(new URL(req.url).pathname);
      let body: Uint8Array<ArrayBuffer>;
      try {
        body = await Deno.readFile(`${dir}${path}`);
      } catch {
        return new Response("no such file", { status: 404 });
      }
      const range = req.headers.get("range");
      asked.push(`${path} ${range ?? "-"}`);
      let hash = 2166136261;
      for (const b of body) hash = Math.imul(hash ^ b, 16777619) >>> 0;
      const etag = `"${body.length}-${hash.toString(16)}"`;
      const headers = new Headers({ ...options.headers, etag });
      let status = 200;
      let part = body;
      const ifRange = req.headers.get("if-range");
      const m = /^bytes=(\d+)-(\d*)$/.exec(range ?? "");
      if (
        m !== null && options.ranges !== false &&
        (ifRange === null || ifRange === etag)
      ) {
        const first = Number(m[1]);
        if (first >= body.length) {
          headers.set("content-range", `bytes */${body.length}`);
          return new Response(null, { status: 416, headers });
        }
        const last = m[2] === ""
          ? body.length - 1
          : Math.min(body.length - 1, Number(m[2]));
        status = 206;
        part = body.subarray(first, last + 1);
        headers.set("content-range", `bytes ${first}-${last}/${body.length}`);
      }
      sent.bytes += part.length;
      if (options.length === false) {
        return new Response(ReadableStream.from([part]), { status, headers });
      }
      return new Response(part, { status, headers });
    },
  );
  return {
    base: `http://127.0.0.1:${server.addr.port}`,
    asked,
    sent,
    close: () => server.shutdown(),
  };
}

/**
 * Runs the script at `path` with full collections at hand
 * (`--v8-flags=--expose-gc`) and returns the number it prints: a heap's
 * growth, measured inside it between two `gc()` calls.
 */
export async function heapGrowthOf(path: string): Promise<number> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", path],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`${path} failed: ${out.code}`);
  return Number(new TextDecoder().decode(out.stdout).trim());
}

/**
 * Writes a script for a test to run in a subprocess, `dir/name`, that
 * imports `names` (as "a, b") from mod.ts and then runs `body`; its path.
 */
export async function writeScript(
  dir: string,
  name: string,
  names: string,
  body: string,
): Promise<string> {
  const path = `${dir}/${name}`;
  const mod = JSON.stringify(new URL("../mod.ts", import.meta.url).href);
  await Deno.writeTextFile(path, `import { ${names} } from ${mod};\n${body}`);
  return path;
}

/**
 * The full collections (mark-compacts) and scavenges V8 made in a run, and
 * what the run wrote on standard error (V8's trace takes standard output).
 */
export async function collections(args: string[]): Promise<
  { full: number; scavenges: number; said: string }
> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--trace-gc-nvp", ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, stderr);
  const trace = new TextDecoder().decode(out.stdout);
  return {
    full: trace.split('"gc":"mc"').length - 1,
    scavenges: trace.split('"gc":"s"').length - 1,
    said: stderr,
  };
}

/**
 * How readLines may read a file whose lines a stage right after it takes as
 * bytes or as text: lossless or not, lines over 64 bytes split or skipped,
 * or none so long.
 */
export const readOptionsOfLines = fc.record({
  lossless: fc.boolean(),
  maxLineBytes: fc.constantFrom(64, 1 << 20),
  onLongLine: fc.constantFrom("split", "skip") as fc.Arbitrary<
    "split" | "skip"
  >,
});

/** The files of a test of a sort from a file: its input, its output, what that should be, and an empty directory to spill to. */
export interface SortFiles {
  input: string;
  out: string;
  want: string;
  tempDir: string;
}

/** Runs `fn` in a temporary directory with the files of {@linkcode SortFiles}. */
export function withSortFiles(
  fn: (files: SortFiles) => Promise<void>,
): Promise<void> {
  return withTempDir(async (dir) => {
    const tempDir = `${dir}/spill`;
    await Deno.mkdir(tempDir);
    await fn({
      input: `${dir}/in.log`,
      out: `${dir}/out.log`,
      want: `${dir}/want.log`,
      tempDir,
    });
  });
}

/** What {@linkcode runInstalled} saw of a run: exit code and output. */
export interface InstalledRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the installed command `bin` with `args` in `cwd`, its environment
 * `env` added, standard input closed.
 */
export async function runInstalled(
  bin: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<InstalledRun> {
  const out = await new Deno.Command(bin, {
    args,
    cwd,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}
