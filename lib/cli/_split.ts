// Copyright 2026 the sluice authors. MIT license.
// `sluice split`: lines into part files by a key, with a bounded number of
// open files and bounded buffers, all parts moved into place only when the
// whole run succeeded.

import type { PipelineOptions } from "../core/pipeline.ts";
import type { Stage } from "../core/types.ts";
import type { Summary } from "../summary/summary.ts";
import { runStages } from "./commands/_options.ts";
import { encodeLossless } from "../io/lossless.ts";

export interface SplitOptions<T> {
  prefix: string;
  suffix: string;
  maxOpen: number;
  pipelineOptions: PipelineOptions & { summary: Summary };
  /** Stages from the lines to the items (--format), if any. */
  stages?: Stage<never, unknown>[];
  /** An item's text (default: the item, a line). */
  text?: (item: T) => string;
  /** The first line of every part (a CSV header), once known. */
  header?: () => string | undefined;
}

// Text buffered per part, and for all parts together, before it is written.
const PART_BUFFER_CHARS = 64 * 1024;
const TOTAL_BUFFER_CHARS = 8 * 1024 * 1024;
const MAX_NAME_CHARS = 200;

interface Part {
  name: string;
  pending: string[];
  pendingChars: number;
  created: boolean;
  /** Whether the LF of the last line written is owed (see flush). */
  owed: boolean;
}

const encoder = new TextEncoder();

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
 * A key as a file name, one to one: characters other than letters, digits,
 * `-` and `_` are percent-encoded as their UTF-8 bytes (so are `%` and a
 * leading `.`), a lone surrogate (half a character, which UTF-8 cannot
 * hold) as `%uD83D`; a very long name is cut and given a hash of the whole
 * key.
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
      for (const b of encoder.encode(ch)) {
        name += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
      }
    }
  }
  if (name === "") name = "%";
  return name.length <= MAX_NAME_CHARS
    ? name
    : `${name.slice(0, MAX_NAME_CHARS - 17)}~${hash(key)}`;
}

async function writeAll(file: Deno.FsFile, text: string): Promise<number> {
  // Lines read losslessly go back to their bytes.
  const bytes = encodeLossless(text);
  for (let at = 0; at < bytes.length;) {
    const n = await file.write(bytes.subarray(at));
    if (!(n > 0)) throw new Deno.errors.WriteZero(`Write returned ${n}`);
    at += n;
  }
  return bytes.length;
}

/**
 * Writes each line to the part its key names. Returns the final paths of
 * the parts, in the order they were first written.
 */
export async function splitLines<T = string>(
  source: AsyncIterable<string>,
  keyOf: (item: T, index: number) => string,
  options: SplitOptions<T>,
): Promise<string[]> {
  const textOf = options.text ?? ((item: T) => item as string);
  const slash = options.prefix.lastIndexOf("/");
  const dir = slash === -1 ? "." : options.prefix.slice(0, slash) || "/";
  const base = options.prefix.slice(slash + 1);
  await Deno.mkdir(dir, { recursive: true });
  const temp = await Deno.makeTempDir({ dir, prefix: ".sluice-split-" });
  const summary = options.pipelineOptions.summary;
  const parts = new Map<string, Part>();
  // Open files, least recently used first (a Map keeps insertion order).
  const open = new Map<string, Deno.FsFile>();
  let totalPending = 0;

  const fileOf = async (key: string, part: Part): Promise<Deno.FsFile> => {
    const file = open.get(key);
    if (file !== undefined) {
      open.delete(key);
      open.set(key, file);
      return file;
    }
    if (open.size >= options.maxOpen) {
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
    open.set(key, opened);
    return opened;
  };

  const flush = async (key: string, part: Part) => {
    if (part.pending.length === 0) return;
    // A last line without LF (the reader's mark ends it) stays without it,
    // unless more lines follow in the part; a mark inside is written as
    // nothing.
    const last = part.pending[part.pending.length - 1]!;
    const marked = last.charCodeAt(last.length - 1) === 0xdc0a;
    const text = (part.owed ? "\n" : "") + part.pending.join("\n") +
      (marked ? "" : "\n");
    part.owed = marked;
    totalPending -= part.pendingChars;
    part.pending = [];
    part.pendingChars = 0;
    const file = await fileOf(key, part);
    summary.bytesWritten += await writeAll(file, text);
  };

  try {
    await runStages(
      source,
      options.stages ?? [],
      async function split(items: AsyncIterable<T>) {
        let index = 0;
        for await (const item of items) {
          const key = keyOf(item, index++);
          const line = textOf(item);
          let part = parts.get(key);
          if (part === undefined) {
            part = {
              name: `${base}${partName(key)}${options.suffix}`,
              pending: [],
              pendingChars: 0,
              created: false,
              owed: false,
            };
            parts.set(key, part);
            const header = options.header?.();
            if (header !== undefined) {
              part.pending.push(header);
              part.pendingChars += header.length + 1;
              totalPending += header.length + 1;
            }
          }
          part.pending.push(line);
          part.pendingChars += line.length + 1;
          totalPending += line.length + 1;
          if (part.pendingChars >= PART_BUFFER_CHARS) await flush(key, part);
          if (totalPending >= TOTAL_BUFFER_CHARS) {
            // Everything buffered is written out: memory stays bounded
            // whatever the number of parts.
            for (const [k, p] of parts) await flush(k, p);
          }
        }
        // The rest is written within the run, so that its summary, its
        // errors and Ctrl-C cover it.
        for (const [k, p] of parts) await flush(k, p);
      },
      options.pipelineOptions,
    );
    for (const file of open.values()) file.close();
    open.clear();
    // fsync each part (also those closed earlier to stay within --max-open).
    for (const part of parts.values()) {
      options.pipelineOptions.signal?.throwIfAborted();
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
    return finals;
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
