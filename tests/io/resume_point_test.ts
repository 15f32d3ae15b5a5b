// Copyright 2026 the sluice authors. MIT license.
// The reader's resume point: a splitter started at the point reached after
// any read goes on with exactly the lines (and numbers) the first one would
// have handed out, for random inputs, chunkings and long-line policies.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  LineSplitter,
  type LongLinePolicy,
} from "../../lib/io/_line_splitter.ts";
import { bytesFrom } from "../_helpers.ts";

const encoder = new TextEncoder();
const tokens = [
  "a",
  "b",
  " ",
  "\n",
  "\n",
  "\r",
  "\r\n",
  "é",
  "€",
  "😀",
  "\uFEFF",
  "bbbbbbbbbbbb",
].map((t) => encoder.encode(t));

interface Numbered {
  line: number;
  text: string;
}

function splitter(
  maxLineBytes: number,
  onLongLine: LongLinePolicy,
  at?: { offset: number; line: number },
): LineSplitter {
  return new LineSplitter({
    maxLineBytes,
    onLongLine,
    fatal: false,
    path: undefined,
    readBytes: 16,
    offset: at?.offset ?? 0,
    line: at?.line ?? 1,
  });
}

function drain(s: LineSplitter, out: Numbered[]): void {
  const c = s.take();
  c.items.forEach((text, i) =>
    out.push({ line: c.lines?.[i] ?? c.firstLine + i, text })
  );
}

/** Feeds `bytes` in pieces cut at `cuts`; returns the lines per piece. */
function feed(s: LineSplitter, bytes: Uint8Array, cuts: number[]) {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))]
    .sort((a, b) => a - b);
  const steps: { lines: Numbered[]; at: LineSplitter["resumePoint"] }[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    const lines: Numbered[] = [];
    s.write(bytes.subarray(from, p));
    drain(s, lines);
    steps.push({ lines, at: s.resumePoint });
    from = p;
  }
  const last: Numbered[] = [];
  s.end();
  drain(s, last);
  steps.push({ lines: last, at: s.resumePoint });
  return steps;
}

Deno.test("a splitter started at any resume point goes on with the same lines and numbers", () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(), { maxLength: 80 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 10 }),
      fc.array(fc.nat({ max: 300 }), { maxLength: 10 }),
      fc.nat(),
      fc.integer({ min: 4, max: 12 }),
      fc.constantFrom("split" as const, "skip" as const),
      (parts, cuts, cuts2, pick, maxLineBytes, onLongLine) => {
        const bytes = bytesFrom(parts, tokens);
        const whole = feed(splitter(maxLineBytes, onLongLine), bytes, cuts);
        const k = pick % whole.length;
        const at = whole[k]!.at;
        if (at === undefined) return; // inside a skipped line: no point
        const after = whole.slice(k + 1).flatMap((s) => s.lines);
        const resumed = feed(
          splitter(maxLineBytes, onLongLine, at),
          bytes.subarray(at.offset),
          cuts2,
        ).flatMap((s) => s.lines);
        assert.deepEqual(resumed, after);
      },
    ),
    { numRuns: 1000 },
  );
});
