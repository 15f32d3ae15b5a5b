// Copyright 2026 the sluice authors. MIT license.
// What the property tests of a sort right after readLines share: the file of
// generated lines, and the check of the sort of it against the lines sorted
// by a reference.
import assert from "node:assert/strict";
import { pipeline, readLines, type Stage, writeLines } from "../../mod.ts";
import { collect, concatBytes, listDir, type SortFiles } from "../_helpers.ts";

/**
 * A file's bytes: each line's text and its end, each but the last (or every
 * one, with `lastLf`) followed by an LF. An end of "\xff" is the byte 0xff,
 * which is not UTF-8, and any other end is text.
 */
export function linesFile(
  made: readonly (readonly [string, string])[],
  lastLf: boolean,
): Uint8Array {
  const parts = made.map(([text, end]) => {
    const bytes = new TextEncoder().encode(text + (end === "\xff" ? "" : end));
    return end === "\xff" ? new Uint8Array([...bytes, 0xff]) : bytes;
  });
  const lf = new Uint8Array([10]);
  return concatBytes(
    parts.flatMap((p, i) => i < parts.length - 1 || lastLf ? [p, lf] : [p]),
  );
}

/**
 * Checks that the sorts `stage()` makes, right after readLines over the
 * input read with `options`, give `sorted` and count `missing` keys, that
 * the sort written by writeLines is `sorted` written, and that nothing is
 * left in the spill directory.
 */
export async function checkSortOfFile(
  files: SortFiles,
  options: { lossless: boolean },
  stage: () => Stage<string, string>,
  sorted: readonly string[],
  missing: number,
): Promise<void> {
  const { input, out, want, tempDir } = files;
  const summary = await pipeline(
    readLines(input, options),
    stage(),
    async (items) => {
      assert.deepEqual(await collect(items), sorted);
    },
  );
  assert.equal(summary.stages[1]!.counters.missingKeys ?? 0, missing);
  const write = { lossless: options.lossless };
  await pipeline(readLines(input, options), stage(), writeLines(out, write));
  await pipeline(sorted, writeLines(want, write));
  assert.deepEqual(await Deno.readFile(out), await Deno.readFile(want));
  assert.deepEqual(await listDir(tempDir), []);
}
