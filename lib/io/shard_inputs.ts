// Copyright 2026 the sluice authors. MIT license.

import {
  formatByContent,
  formatByName,
  isCompressedFileSync,
  SIGNATURE_BYTES,
} from "../fs/_compression.ts";
import type { CompressionChoice } from "../fs/_compression.ts";
import type { FileRange, UrlValidators } from "../fs/_file_range.ts";
import { isHttpUrl, pathOf } from "../fs/_path.ts";

export type { FileRange, UrlValidators } from "../fs/_file_range.ts";

/**
 * What shard K of N reads: a whole (compressed) file or URL, or a plain
 * file's or URL's range.
 */
export type ShardPart = string | FileRange;

/** Options for {@linkcode shardInputs}. */
export interface ShardInputsOptions {
  /**
   * Replace a directory with the files under it, as `readLines` does.
   *
   * @default {false}
   */
  recursive?: boolean;
  /**
   * How compressed files are told, as `readLines`'s `compression`:
   * `"none"` cuts every file in ranges, `"gzip"`, `"zstd"` or `"brotli"`
   * none.
   *
   * @default {"auto"}
   */
  compression?: CompressionChoice;
  /**
   * How URLs are asked for their sizes: `headers` go with each request
   * (authorization, say), and a server silent for `idleTimeoutMs` is an
   * error naming the URL.
   *
   * @default {{ idleTimeoutMs: 30000 }}
   */
  http?: { idleTimeoutMs?: number; headers?: HeadersInit | undefined };
}

/** The shard `index` of `count` as the shard's options say it, checked. */
function checkShard(index: number, count: number): void {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(
      `Cannot shard inputs: the count of shards must be a positive integer, got ${count}`,
    );
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new RangeError(
      `Cannot shard inputs: the shard must be an integer from 0 to ${
        count - 1
      }, got ${index}`,
    );
  }
}

/** An input as the division sees it: its name, size and whether it splits. */
export interface SizedInput {
  /** The path or URL. */
  name: string;
  /** Its size in bytes, as stored. */
  size: number;
  /** Whether it is read whole (compressed) rather than in ranges. */
  whole: boolean;
  /** For a URL: its validators, which each range read checks. */
  seen?: UrlValidators;
}

/** Whether a URL's headers say its bytes are compressed. */
function compressedByHeaders(
  contentType: string | null,
  contentEncoding: string | null,
): boolean {
  if (
    contentEncoding !== null && contentEncoding.trim() !== "" &&
    contentEncoding.trim().toLowerCase() !== "identity"
  ) {
    return true;
  }
  return contentType !== null &&
    /^application\/(?:x-)?(?:gzip|gzip-compressed|zstd|brotli|bzip2|xz|lz4)\b/i
      .test(contentType);
}

/**
 * A URL as the division sees it: its size from a request for its first
 * bytes (`Range: bytes=0-9`, whose Content-Range gives the total); whole
 * when compressed by name, headers or first bytes, else in ranges, which
 * the server must be able to send.
 */
async function sizedUrl(
  url: string,
  choice: CompressionChoice,
  options: ShardInputsOptions,
): Promise<SizedInput> {
  const { probeUrl } = await import("../fs/_http.ts");
  const probe = await probeUrl(url, {
    retries: 0,
    retryDelayMs: 0,
    idleTimeoutMs: options.http?.idleTimeoutMs ?? 30_000,
    headers: options.http?.headers,
  }, SIGNATURE_BYTES);
  const pathname = new URL(url).pathname;
  const whole = choice === "auto"
    ? formatByName(pathname) !== undefined ||
      compressedByHeaders(probe.contentType, probe.contentEncoding) ||
      formatByContent(probe.head, true) !== null
    : choice !== "none";
  if (probe.size === undefined || !Number.isSafeInteger(probe.size)) {
    throw new TypeError(
      `Cannot shard "${url}": the server does not say its size (no Content-Range total or Content-Length), and shards are cut by size`,
    );
  }
  if (!whole && !probe.ranges && probe.size > 0) {
    throw new TypeError(
      `Cannot shard "${url}": the server ignores Range requests (it answered 200 with the whole resource), so a shard cannot read only its byte range`,
    );
  }
  return {
    name: url,
    size: probe.size,
    whole,
    seen: {
      size: probe.size,
      etag: probe.etag,
      lastModified: probe.lastModified,
    },
  };
}

/**
 * The inputs' names and sizes, globs expanded in a stable order: what every
 * shard computes alike.
 *
 * @throws {TypeError} For standard input, a file that is not a regular
 * file, or a URL whose server gives no size or (plain text) ignores Range.
 */
export async function sizedInputs(
  inputs: string | URL | readonly (string | URL)[],
  options: ShardInputsOptions = {},
): Promise<SizedInput[]> {
  const given = typeof inputs === "string" || inputs instanceof URL
    ? [inputs]
    : inputs;
  // The globbing is loaded on first use, not with the library (README,
  // "Layout").
  const { expandInputs } = await import("../fs/_glob.ts");
  const list = await expandInputs(given, options.recursive ?? false);
  const choice = options.compression ?? "auto";
  const out: SizedInput[] = [];
  for (const one of list) {
    if (one === "-") {
      throw new TypeError(
        "Cannot shard standard input: only files can be divided among shards (give the files, or run one process)",
      );
    }
    if (isHttpUrl(one)) {
      out.push(
        await sizedUrl(
          typeof one === "string" ? one : one.href,
          choice,
          options,
        ),
      );
      continue;
    }
    if (typeof one !== "string" && !(one instanceof URL)) {
      throw new TypeError(
        "Cannot shard a stream or handle: only files can be divided among shards",
      );
    }
    const name = pathOf(one);
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(name);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new Deno.errors.NotFound(`Cannot read "${name}": no such file`, {
          cause: error,
        });
      }
      throw error;
    }
    if (!info.isFile) {
      throw new TypeError(
        `Cannot shard "${name}": it is not a regular file (a directory needs recursive, -r on the command line; a pipe or device cannot be divided)`,
      );
    }
    const whole = choice === "auto"
      ? isCompressedFileSync(name)
      : choice !== "none";
    out.push({ name, size: info.size, whole });
  }
  return out;
}

/**
 * The parts of sized inputs that shard `index` of `count` reads (see
 * {@linkcode shardInputs}): pure, from names and sizes alone.
 */
export function divideInputs(
  inputs: readonly SizedInput[],
  index: number,
  count: number,
): ShardPart[] {
  checkShard(index, count);
  const total = inputs.reduce((n, i) => n + i.size, 0);
  // Shard k covers [bound(k), bound(k + 1)) of the inputs laid end to end.
  const bound = (k: number) => Math.floor(k * total / count);
  const owner = (at: number) => {
    let k = total === 0
      ? 0
      : Math.min(count - 1, Math.floor(at * count / total));
    while (k > 0 && at < bound(k)) k--;
    while (k < count - 1 && at >= bound(k + 1)) k++;
    return k;
  };
  const lo = bound(index);
  const hi = bound(index + 1);
  const parts: ShardPart[] = [];
  let at = 0;
  for (const input of inputs) {
    const from = at;
    at += input.size;
    if (input.whole || input.size === 0) {
      // Whole, to the shard its middle falls in.
      if (owner(from + input.size / 2) === index) parts.push(input.name);
      continue;
    }
    const start = Math.max(from, lo);
    const end = Math.min(at, hi);
    if (start < end) {
      parts.push({
        path: input.name,
        start: start - from,
        end: end - from,
        ...(input.seen === undefined ? {} : { seen: input.seen }),
      });
    }
  }
  return parts;
}

/**
 * The part of `inputs` that shard `index` of `count` reads, the same on every
 * machine without their talking to each other: the division depends only on
 * the inputs' names and sizes. Globs are expanded (in the order of
 * {@linkcode listInputs}); the inputs are laid end to end and cut into
 * `count` spans of equal bytes. A plain file is read in byte ranges
 * ({@linkcode FileRange}) cut at line boundaries: a line belongs to the shard
 * where it starts, so that the shards together read each line exactly once,
 * in order. A compressed file cannot be cut: it goes whole to the shard in
 * whose span its middle lies (its size as stored, the only size known
 * without decompressing). Shard 0, then 1, ... read the lines in the order of
 * one reading of all the inputs.
 *
 * An `http:` or `https:` URL is divided as a file of its size. Its size is
 * asked with one request for its first 10 bytes (`Range: bytes=0-9`): the
 * answer's Content-Range total (an empty resource: 416 with `bytes *\/0`).
 * A URL compressed by its name, its Content-Type or Content-Encoding, or
 * its first bytes goes whole to one shard (read as `readLines` reads a
 * URL; its size from Content-Length when the server ignores ranges). A
 * plain-text URL's range is read with Range requests: from the byte before
 * the range to 64 KiB past its end, then doubling spans while its last line
 * runs on, never the bytes before it. Each answer must be a 206 of the
 * resource the division saw (the part's `seen`: size, ETag, Last-Modified),
 * else the read fails with `Deno.errors.Http` naming the URL and offset.
 *
 * Give the parts to {@linkcode readLines} (or give it the `shard` option,
 * which calls this). Byte offsets stay those of each input. Line numbers
 * of a file's range stay those of the file too: a range that starts inside
 * a file reads the bytes before it once, only to count their lines (so the
 * N shards of one file read about (N - 1) / 2 times the file more, in all;
 * many files divide at no such cost). A URL's range does not download the
 * bytes before it to count them: its lines are numbered from 1 at its first
 * line, and the reader's errors say from which byte offset they count (a
 * line's identity for `sample` then differs from one reading's: sample
 * files, or a URL in one process).
 *
 * @param inputs Paths, globs and URLs (standard input cannot be sharded).
 * @param index The shard, from 0 (as Kubernetes' `JOB_COMPLETION_INDEX`
 * and Slurm's `SLURM_ARRAY_TASK_ID`).
 * @param count How many shards.
 * @param options Directories, compression and how URLs are asked.
 * @returns The shard's parts, in input order: paths and URLs read whole,
 * and ranges.
 * @throws {RangeError} When `index` or `count` is out of range.
 * @throws {TypeError} For standard input, an input that is not a regular
 * file, or a plain-text URL whose server ignores Range requests (answers
 * 200 with the whole body) or says no size.
 * @throws {Deno.errors.NotFound} For a missing file or URL, or a glob that
 * matches none.
 * @throws {Deno.errors.Http} For a URL the server cannot be asked about.
 *
 * @example Two shards of one file read each line once
 * ```ts
 * import { readLines, shardInputs } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "a\nbb\nccc\ndddd\n");
 * const lines: string[] = [];
 * for (const k of [0, 1]) {
 *   for await (const line of readLines(await shardInputs(path, k, 2))) {
 *     lines.push(line);
 *   }
 * }
 * assert.deepEqual(lines, ["a", "bb", "ccc", "dddd"]);
 * await Deno.remove(path);
 * ```
 *
 * @example Two shards of a URL, each asking only for its bytes
 * ```ts
 * import { readLines, shardInputs } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * // A server of one log that answers Range requests, as most do.
 * const body = new TextEncoder().encode("a\nbb\nccc\ndddd\n");
 * const asked: string[] = [];
 * const server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   (request) => {
 *     const range = request.headers.get("range") ?? "";
 *     asked.push(range);
 *     const [, first, last] = /^bytes=(\d+)-(\d+)$/.exec(range) ?? [];
 *     if (first === undefined) return new Response(body);
 *     const end = Math.min(Number(last), body.length - 1);
 *     return new Response(body.slice(Number(first), end + 1), {
 *       status: 206,
 *       headers: { "content-range": `bytes ${first}-${end}/${body.length}` },
 *     });
 *   },
 * );
 * const url = `http://127.0.0.1:${server.addr.port}/app.log`;
 * const lines: string[] = [];
 * for (const k of [0, 1]) {
 *   const parts = await shardInputs(url, k, 2);
 *   for await (const line of readLines(parts)) lines.push(line);
 * }
 * await server.shutdown();
 * assert.deepEqual(lines, ["a", "bb", "ccc", "dddd"]);
 * // Each shard: its size (the first 10 bytes), then its range (from the
 * // byte before it) to the end, which is within 64 KiB.
 * assert.deepEqual(asked, ["bytes=0-9", "bytes=0-13", "bytes=0-9", "bytes=6-13"]);
 * ```
 */
export async function shardInputs(
  inputs: string | URL | readonly (string | URL)[],
  index: number,
  count: number,
  options: ShardInputsOptions = {},
): Promise<ShardPart[]> {
  checkShard(index, count);
  return divideInputs(await sizedInputs(inputs, options), index, count);
}
