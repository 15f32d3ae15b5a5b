// Copyright 2026 the sluice authors. MIT license.
// `sluice tail`: the last N lines, holding only N; a regular file is read
// from its end.

import { readLines } from "../../io/read_lines.ts";
import { tail as tailStage } from "../../stages/tail.ts";
import type { Command } from "./_command.ts";
import { lineCountCommand } from "./_line_count.ts";
import { integer } from "./_options.ts";

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

const perFile = lineCountCommand(
  {
    name: "tail",
    synopsis: "tail -n N",
    summary: "the last N lines (keeps only N)",
  },
  "Print the last N lines of each file, keeping only N lines in memory. A regular file is read from its end, as GNU tail does; with -n 0 nothing is read, as in GNU tail.",
  ["sluice tail -n 100 app.log", "sluice tail -n 1 *.log"],
  async (ctx, input, n, read) => {
    // A shard is read as a stream: its last lines are of its part.
    const start = ctx.shard === undefined
      ? await startOfLast(input, n)
      : undefined;
    if (start === undefined) {
      return { source: readLines(input, read), stage: tailStage(n) };
    }
    const file = await Deno.open(input, { read: true });
    try {
      await file.seek(start, Deno.SeekMode.Start);
    } catch (error) {
      file.close();
      throw error;
    }
    return {
      source: readLines(file, read),
      close: () => file.close(),
    };
  },
);

/** `sluice tail -n N`: the last N lines, with only N in memory. */
export const tail: Command = {
  ...perFile,
  async run(ctx) {
    ctx.values.lines ??= "10";
    // GNU tail -n 0 opens nothing and prints nothing, not even headers.
    if (integer(ctx, "lines") === 0) return;
    return await perFile.run(ctx);
  },
};
