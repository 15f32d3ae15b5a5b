// Copyright 2026 the sluice authors. MIT license.
// `sluice split`: lines into part files by a key, with a bounded number of
// open files, all parts moved into place only when the whole run succeeded.

import { pipeline, type PipelineOptions } from "./pipeline.ts";

export interface SplitOptions {
  prefix: string;
  suffix: string;
  maxOpen: number;
  pipelineOptions: PipelineOptions;
}

// Text buffered per open part before it is written out.
const PART_BUFFER_CHARS = 64 * 1024;

interface Part {
  file: Deno.FsFile | undefined;
  pending: string[];
  pendingChars: number;
  created: boolean;
}

const encoder = new TextEncoder();

async function writeAll(file: Deno.FsFile, text: string): Promise<void> {
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length;) {
    const n = await file.write(bytes.subarray(at));
    if (!(n > 0)) throw new Deno.errors.WriteZero(`Write returned ${n}`);
    at += n;
  }
}

/** A key as a file name: no path separators, no leading dot, not empty. */
function safeName(key: string): string {
  const cleaned = key.replace(/[\/\\\0]/g, "_").replace(/^\.+/, "_");
  return cleaned === "" ? "_empty" : cleaned;
}

/**
 * Writes each line to the part its key names. Returns the final paths of
 * the parts, in the order they were first written.
 */
export async function splitLines(
  source: AsyncIterable<string>,
  keyOf: (line: string, index: number) => string,
  options: SplitOptions,
): Promise<string[]> {
  const slash = options.prefix.lastIndexOf("/");
  const dir = slash === -1 ? "." : options.prefix.slice(0, slash) || "/";
  const base = options.prefix.slice(slash + 1);
  await Deno.mkdir(dir, { recursive: true });
  const temp = await Deno.makeTempDir({ dir, prefix: ".sluice-split-" });
  const parts = new Map<string, Part>();
  const order: string[] = [];
  // Open parts, least recently used first.
  const open: string[] = [];
  const nameOf = (key: string) => `${base}${safeName(key)}${options.suffix}`;

  const flush = async (key: string, part: Part) => {
    if (part.pending.length === 0) return;
    if (part.file === undefined) {
      if (open.length >= options.maxOpen) {
        const oldest = open.shift()!;
        const old = parts.get(oldest)!;
        await flush(oldest, old);
        old.file?.close();
        old.file = undefined;
      }
      part.file = await Deno.open(`${temp}/${nameOf(key)}`, {
        write: true,
        create: true,
        append: part.created,
        truncate: !part.created,
      });
      part.created = true;
      open.push(key);
    } else {
      // Most recently used now.
      open.splice(open.indexOf(key), 1);
      open.push(key);
    }
    const text = part.pending.join("\n") + "\n";
    part.pending = [];
    part.pendingChars = 0;
    await writeAll(part.file, text);
  };

  let ok = false;
  try {
    await pipeline(
      source,
      async function split(lines: AsyncIterable<string>) {
        let index = 0;
        for await (const line of lines) {
          const key = keyOf(line, index++);
          let part = parts.get(key);
          if (part === undefined) {
            part = {
              file: undefined,
              pending: [],
              pendingChars: 0,
              created: false,
            };
            parts.set(key, part);
            order.push(key);
          }
          part.pending.push(line);
          part.pendingChars += line.length + 1;
          if (part.pendingChars >= PART_BUFFER_CHARS) await flush(key, part);
        }
      },
      options.pipelineOptions,
    );
    for (const key of order) {
      const part = parts.get(key)!;
      await flush(key, part);
      if (part.file !== undefined) {
        await part.file.sync();
        part.file.close();
        part.file = undefined;
      }
    }
    const finals: string[] = [];
    for (const key of order) {
      const final = `${dir}/${nameOf(key)}`;
      await Deno.rename(`${temp}/${nameOf(key)}`, final);
      finals.push(final);
    }
    ok = true;
    return finals;
  } finally {
    for (const part of parts.values()) {
      try {
        part.file?.close();
      } catch {
        // Closing after an earlier error, which is the one to report.
      }
    }
    await Deno.remove(temp, { recursive: ok ? false : true }).catch(() => {});
  }
}
