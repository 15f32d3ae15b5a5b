// Copyright 2026 the sluice authors. MIT license.
// The partitioning sink: items into part files by a key, with a bounded
// number of files open and bounded buffers, every part moved into place
// only when the whole run succeeded.

import { recordOf, type StageStats } from "../summary/_record.ts";
import { RunContext, stageFailure } from "../core/_context.ts";
import { type Chunk, lineOf } from "../core/_chunk.ts";
import { chunksOf } from "../core/_adapters.ts";
import { register, type SinkImpl } from "../core/_registry.ts";
import { formatBytes, Summary } from "../summary/summary.ts";
import type { Sink, StageOptions } from "../core/types.ts";
import { encodeLossless } from "./lossless.ts";

/** Options for {@linkcode writeSplit}. */
export interface WriteSplitOptions<T> extends StageOptions {
  /**
   * Where the parts go: a directory (`"parts/"`) or a directory and the
   * start of every part's name (`"out/app-"`). The directory is made if
   * it is missing.
   *
   * @default {"split-"}
   */
  prefix?: string;
  /**
   * The end of every part's name.
   *
   * @default {".log"}
   */
  suffix?: string;
  /**
   * The most part files open at once; beyond it the least recently written
   * is closed (and opened again to append when its key comes back).
   *
   * @default {64}
   */
  maxOpen?: number;
  /**
   * An item's line in its part, without the line feed. Items that are
   * strings are written as they are; others need this.
   */
  text?: (item: T) => string;
  /**
   * The first line of every part (a CSV header): a string, or a function
   * asked when a part is started, which may answer `undefined` for none.
   */
  header?: string | (() => string | undefined);
  /**
   * Write lines read with `readLines(..., { lossless: true })` back to their
   * bytes (CRLF and invalid UTF-8 kept); a last line marked as unterminated
   * (`markUnterminated`) stays without its line feed when it ends its part.
   *
   * @default {false}
   */
  lossless?: boolean;
  /**
   * Receives the path of each part, in the order the parts were started,
   * once every part is in place.
   */
  parts?: string[];
}

// Lines buffered per part before they are written, as UTF-8, and the room
// of all parts' buffers together: whatever the number of parts, at most
// about 16 MiB waits, plus one line. The lines are encoded as they come:
// kept as text until written, each survived V8's scavenges and its young
// generation grew to its largest. Medians of 3 in turns at V8's defaults:
// `sluice split --by service` over 256 MiB of JSON lines 138.6 -> 68.2 MiB
// (3.82 -> 3.00 s), `--by-prefix 15` over the 256 MiB bench corpus 108.4 ->
// 80.7 MiB (3.16 -> 2.35 s).
const PART_BUFFER_BYTES = 64 * 1024;
const TOTAL_BUFFER_BYTES = 16 * 1024 * 1024;
/** The room a part's buffer starts with. */
const FIRST_BUFFER_BYTES = 1024;
const MAX_NAME_CHARS = 200;

const utf8 = new TextEncoder();

/** A 64-bit FNV-1a hash of `text`'s UTF-16 code units, in hex. */
function hash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (const b of [unit & 0xff, unit >> 8]) {
      h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  }
  return h.toString(16).padStart(16, "0");
}

/**
 * A key as a file name, one to one: letters, digits, `-` and `_` stay, and
 * so does `.` except first; every other character is percent-encoded as its
 * UTF-8 bytes (`b/c` gives `b%2Fc`, `%` gives `%25`), a lone surrogate (half
 * a character, which UTF-8 cannot hold) as `%u` and its four hex digits
 * (`%uD83D`), the empty key as `%`. A name longer than 200 characters is cut
 * and ends with `~` and a hash of the whole key.
 *
 * @param key The key.
 * @returns The part's name, without prefix or suffix.
 *
 * @example Keys as names
 * ```ts
 * import { partName } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * assert.equal(partName("api/v1"), "api%2Fv1");
 * assert.equal(partName("Jun 14"), "Jun%2014");
 * assert.equal(partName("\ud83d"), "%uD83D");
 * ```
 */
export function partName(key: string): string {
  let name = "";
  for (const ch of key) {
    const unit = ch.charCodeAt(0);
    if (/^[A-Za-z0-9_-]$/.test(ch) || (ch === "." && name !== "")) {
      name += ch;
    } else if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      name += `%u${unit.toString(16).toUpperCase()}`;
    } else {
      for (const b of utf8.encode(ch)) {
        name += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
      }
    }
  }
  if (name === "") name = "%";
  return name.length <= MAX_NAME_CHARS
    ? name
    : `${name.slice(0, MAX_NAME_CHARS - 17)}~${hash(key)}`;
}

interface Part {
  name: string;
  /** The part's lines not written yet, as UTF-8 with their LFs. */
  buf: Uint8Array | undefined;
  used: number;
  created: boolean;
  /**
   * Whether the LF of the last line is owed: it was marked unterminated,
   * and gets its LF only when another line follows in the part.
   */
  owed: boolean;
}

/**
 * A sink that writes each item, as a line, to the part file its key names:
 * `prefix + partName(key) + suffix`. Parts are written into a temporary
 * directory beside them and moved into place only when the whole run has
 * succeeded; a failed or aborted run leaves no part and no temporary file.
 * A part that replaces a file replaces it whole; a part whose path is a
 * directory fails the run before any part moves. Split by time with a key
 * made by {@linkcode bucket}.
 *
 * The summary's row counts the parts (`parts`) and the bytes written, which
 * also count in the summary's `bytesWritten`.
 *
 * Memory: the lines waiting to be written, as UTF-8, in buffers of at
 * most 16 MiB for all parts together, plus one line; at most `maxOpen`
 * files open.
 *
 * @typeParam T The items.
 * @param key The key of an item (and its index, from 0): the part it goes
 * to. Any string; equal keys go to one part.
 * @param options Where the parts go and how items are written.
 * @returns The sink, for {@linkcode pipeline}.
 * @throws {TypeError} When `key` is not a function or `maxOpen` is not an
 * integer of at least 1 (at once); when an item is not a string and `text`
 * is not given (during the run).
 *
 * @example Lines into parts by their level
 * ```ts
 * import { pipeline, writeSplit } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const parts: string[] = [];
 * await pipeline(
 *   ["INFO a", "ERROR b", "INFO c"],
 *   writeSplit((line: string) => line.split(" ")[0]!, {
 *     prefix: `${dir}/level-`,
 *     parts,
 *   }),
 * );
 * assert.deepEqual(parts, [`${dir}/level-INFO.log`, `${dir}/level-ERROR.log`]);
 * assert.equal(await Deno.readTextFile(parts[0]!), "INFO a\nINFO c\n");
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @example Records into a file per hour
 * ```ts
 * import { bucket, pipeline, writeSplit } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * const events = [
 *   { at: new Date("2026-03-01T10:05:00Z"), msg: "start" },
 *   { at: new Date("2026-03-01T11:40:00Z"), msg: "stop" },
 * ];
 * const parts: string[] = [];
 * await pipeline(
 *   events,
 *   writeSplit((e) => bucket(e.at, "1h").slice(0, 13), {
 *     prefix: `${dir}/`,
 *     text: (e) => JSON.stringify(e),
 *     parts,
 *   }),
 * );
 * assert.deepEqual(parts, [
 *   `${dir}/2026-03-01T10.log`,
 *   `${dir}/2026-03-01T11.log`,
 * ]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function writeSplit<T = string>(
  key: (item: T, index: number) => string,
  options: WriteSplitOptions<T> = {},
): Sink<T> {
  if (typeof key !== "function") {
    throw new TypeError(
      `Cannot create writeSplit stage: key must be a function, got ${typeof key}`,
    );
  }
  const maxOpen = options.maxOpen ?? 64;
  if (!Number.isSafeInteger(maxOpen) || maxOpen < 1) {
    throw new TypeError(
      `Cannot create writeSplit stage: maxOpen must be an integer of at least 1, got ${maxOpen}`,
    );
  }
  const prefix = options.prefix ?? "split-";
  const suffix = options.suffix ?? ".log";
  const given = options.text;
  const textOf = given ?? ((item: T): string => {
    if (typeof item === "string") return item;
    throw new TypeError(
      `Cannot write an item of type ${
        item === null ? "null" : typeof item
      } as a line: give writeSplit a text option`,
    );
  });
  const header = options.header;
  const headerOf = typeof header === "function" ? header : () => header;
  const lossless = options.lossless === true;
  const slash = prefix.lastIndexOf("/");
  const dir = slash === -1 ? "." : prefix.slice(0, slash) || "/";
  const base = prefix.slice(slash + 1);

  async function consume(
    input: AsyncIterable<Chunk<T>>,
    stats: StageStats,
    ctx: RunContext,
  ): Promise<void> {
    await Deno.mkdir(dir, { recursive: true });
    const temp = await Deno.makeTempDir({ dir, prefix: ".sluice-split-" });
    const parts = new Map<string, Part>();
    // Open files, least recently used first (a Map keeps insertion order).
    const open = new Map<string, Deno.FsFile>();
    // The room of all parts' buffers.
    let room = 0;

    // Encodes `line` and its LF into the part's buffer, grown to fit. A
    // lossless line marked unterminated owes its LF (see Part.owed); a mark
    // inside a line is written as nothing, as encodeLossless writes it.
    const put = (part: Part, line: string) => {
      const need = part.used + 3 * line.length + 2;
      let buf = part.buf;
      if (buf === undefined || need > buf.length) {
        let size = buf === undefined ? FIRST_BUFFER_BYTES : 2 * buf.length;
        while (size < need) size *= 2;
        const grown = new Uint8Array(size);
        if (buf !== undefined) grown.set(buf.subarray(0, part.used));
        room += size - (buf?.length ?? 0);
        part.buf = buf = grown;
      }
      let at = part.used;
      if (part.owed) {
        buf[at++] = 10;
        part.owed = false;
      }
      const marked = lossless && line.charCodeAt(line.length - 1) === 0xdc0a;
      const text = marked ? line.slice(0, -1) : line;
      if (!lossless || text.isWellFormed()) {
        at += utf8.encodeInto(text, buf.subarray(at)).written;
      } else {
        const bytes = encodeLossless(text);
        buf.set(bytes, at);
        at += bytes.length;
      }
      if (marked) part.owed = true;
      else buf[at++] = 10;
      part.used = at;
    };

    const fileOf = async (k: string, part: Part): Promise<Deno.FsFile> => {
      const file = open.get(k);
      if (file !== undefined) {
        open.delete(k);
        open.set(k, file);
        return file;
      }
      if (open.size >= maxOpen) {
        const [oldest, oldFile] = open.entries().next().value!;
        open.delete(oldest);
        oldFile.close();
      }
      const opened = await Deno.open(`${temp}/${part.name}`, {
        write: true,
        create: true,
        append: part.created,
        truncate: !part.created,
      });
      part.created = true;
      open.set(k, opened);
      return opened;
    };

    const flush = async (k: string, part: Part) => {
      // A part whose lines so far encode to nothing (one empty line marked
      // unterminated) is still made, empty.
      if (part.used === 0 && part.created) return;
      const bytes = part.buf!.subarray(0, part.used);
      const file = await fileOf(k, part);
      for (let at = 0; at < bytes.length;) {
        const n = await file.write(bytes.subarray(at));
        if (!(n > 0)) throw new Deno.errors.WriteZero(`Write returned ${n}`);
        at += n;
      }
      part.used = 0;
      ctx.summary.bytesWritten += bytes.length;
      stats.count("bytesWritten", bytes.length);
    };
    // Writes every part's lines and lets go of the buffers.
    const flushAll = async () => {
      for (const [k, p] of parts) {
        await flush(k, p);
        p.buf = undefined;
      }
      room = 0;
      stats.hold(0, 0);
    };

    try {
      let index = 0;
      for await (const chunk of input) {
        const items = chunk.items;
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          let k: string;
          let line: string;
          try {
            k = key(item, index++);
            if (typeof k !== "string") {
              throw new TypeError(
                `Cannot split by a key of type ${typeof k}: key must return a string`,
              );
            }
            line = textOf(item);
          } catch (error) {
            // Named by the item's own line, not by its chunk's first.
            throw stageFailure(error, stats, ctx, {
              line: lineOf(chunk, i),
              path: chunk.path,
            });
          }
          let part = parts.get(k);
          if (part === undefined) {
            part = {
              name: `${base}${partName(k)}${suffix}`,
              buf: undefined,
              used: 0,
              created: false,
              owed: false,
            };
            parts.set(k, part);
            stats.count("parts", 1);
            const first = headerOf();
            if (first !== undefined) put(part, first);
          }
          put(part, line);
          if (part.used >= PART_BUFFER_BYTES) await flush(k, part);
          // Everything buffered is written out once the buffers' room
          // passes its bound: memory stays bounded whatever the number of
          // parts.
          if (room > TOTAL_BUFFER_BYTES) await flushAll();
        }
        stats.hold(0, room);
      }
      // The rest is written within the run, so that its summary, its errors
      // and an abort cover it.
      await flushAll();
      for (const file of open.values()) file.close();
      open.clear();
      // fsync each part (also those closed earlier to stay within maxOpen).
      for (const part of parts.values()) {
        ctx.signal?.throwIfAborted();
        using file = await Deno.open(`${temp}/${part.name}`, { read: true });
        await file.sync();
      }
      // A part that would replace a directory fails the run before any part
      // is moved into place.
      for (const part of parts.values()) {
        const info = await Deno.lstat(`${dir}/${part.name}`).catch(() => null);
        if (info?.isDirectory) {
          throw new Deno.errors.IsADirectory(
            `Cannot write the part "${dir}/${part.name}": it is a directory`,
          );
        }
      }
      ctx.signal?.throwIfAborted();
      // Into place all or none: a file a part replaces is first moved aside,
      // and put back if a later rename fails.
      const finals: string[] = [];
      const asides: [string, string][] = [];
      try {
        for (const [i, part] of [...parts.values()].entries()) {
          const final = `${dir}/${part.name}`;
          try {
            await Deno.lstat(final);
            const aside = `${temp}/.replaced-${i}`;
            await Deno.rename(final, aside);
            asides.push([aside, final]);
          } catch (error) {
            if (!(error instanceof Deno.errors.NotFound)) throw error;
          }
          await Deno.rename(`${temp}/${part.name}`, final);
          finals.push(final);
        }
      } catch (error) {
        for (const final of finals) await Deno.remove(final).catch(() => {});
        for (const [aside, final] of asides) {
          await Deno.rename(aside, final).catch(() => {});
        }
        throw error;
      }
      options.parts?.push(...finals);
    } finally {
      for (const file of open.values()) {
        try {
          file.close();
        } catch {
          // Closing after an earlier error, which is the one to report.
        }
      }
      // After success it holds only the files the parts replaced.
      await Deno.remove(temp, { recursive: true }).catch(() => {});
    }
  }

  const impl: SinkImpl<T> = {
    kind: "writeSplit",
    name: options.name,
    bound: `${formatBytes(TOTAL_BUFFER_BYTES)} of UTF-8 + 1 line, ${
      maxOpen === 1 ? "1 file" : `${maxOpen} files`
    } open`,
    resumable: { refused: "writeSplit cannot be resumed" },
    consume,
  };
  const sink = (source: AsyncIterable<T>): Promise<void> => {
    const summary = new Summary();
    const stats = recordOf(summary).addStage(
      options.name ?? "writeSplit",
      "writeSplit",
      impl.bound,
    );
    return consume(chunksOf(source), stats, new RunContext({ summary }));
  };
  return register(sink, impl);
}
