// Copyright 2026 the sluice authors. MIT license.
// `sluice tail`: the last N lines, holding only N; a regular file is read
// from its end.

import { pipeline } from "../../core/pipeline.ts";
import { readLines } from "../../io/read_lines.ts";
import { writeLines } from "../../io/write_lines.ts";
import { tail as tailStage } from "../../stages/tail.ts";
import type { Command } from "./_command.ts";
import { lineCountCommand } from "./_line_count.ts";

/** Bytes read at a time, backwards from the end of a file. */
const BACK_BYTES = 64 * 1024;

/**
 * Where the last `n` lines of the file at `path` start, read backwards from
 * its end; `undefined` when the file cannot be read that way (not a regular
 * file, a size that tells nothing as in /proc, gzip, standard input).
 */
async function startOfLast(
  path: string,
  n: number,
): Promise<number | undefined> {
  if (path === "-" || /\.gz$/i.test(path)) return undefined;
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch {
    return undefined; // the reader says what is wrong
  }
  if (!info.isFile || info.size === 0) return undefined;
  const file = await Deno.open(path, { read: true });
  try {
    const magic = new Uint8Array(2);
    if (
      (await file.read(magic)) === 2 && magic[0] === 0x1f && magic[1] === 0x8b
    ) {
      return undefined;
    }
    if (n === 0) return info.size;
    const block = new Uint8Array(BACK_BYTES);
    let end = info.size;
    let seen = 0;
    // The file's last LF ends its last line; it starts none.
    let skipLast = true;
    while (end > 0) {
      const start = Math.max(0, end - BACK_BYTES);
      const want = end - start;
      await file.seek(start, Deno.SeekMode.Start);
      let got = 0;
      while (got < want) {
        const r = await file.read(block.subarray(got, want));
        if (r === null) return undefined; // cut shorter meanwhile: stream it
        got += r;
      }
      for (let i = want - 1; i >= 0; i--) {
        if (block[i] !== 0x0a) continue;
        if (skipLast && start + i === info.size - 1) continue;
        if (++seen === n) return start + i + 1;
      }
      skipLast = false;
      end = start;
    }
    return 0;
  } finally {
    file.close();
  }
}

const streamed = lineCountCommand(
  {
    name: "tail",
    synopsis: "tail -n N",
    summary: "the last N lines (keeps only N)",
  },
  "Print the last N lines, keeping only N lines in memory. A regular file is read from its end, as GNU tail does.",
  ["sluice tail -n 100 app.log"],
  tailStage,
);

/** `sluice tail -n N`: the last N lines, with only N in memory. */
export const tail: Command = {
  ...streamed,
  async run(ctx) {
    ctx.values.lines ??= "10";
    // A shard, or a partial, is read as a stream: its last lines are of its
    // part of the inputs.
    const sharded = ctx.shard !== undefined ||
      ctx.values.partial !== undefined;
    const only = ctx.inputs.length === 1 && !sharded
      ? ctx.inputs[0]!
      : undefined;
    const lines = ctx.values.lines;
    const n = typeof lines === "string" && /^\d+$/.test(lines)
      ? Number(lines)
      : undefined;
    const start = only === undefined || n === undefined
      ? undefined
      : await startOfLast(only, n);
    if (start === undefined) return await streamed.run(ctx);
    const file = await Deno.open(only!, { read: true });
    try {
      await file.seek(start, Deno.SeekMode.Start);
      await pipeline(
        readLines(file, ctx.readOptions),
        writeLines(ctx.output, ctx.writeOptions),
        ctx.pipelineOptions,
      );
    } finally {
      file.close();
    }
  },
};
