// Copyright 2026 the sluice authors. MIT license.
// The summary's memory lines: the sparkline of RSS over the run, in block
// characters or ASCII, and how the terminal's charset is told.
import assert from "node:assert/strict";
import fc from "fast-check";
import { formatCount, pipeline, Summary } from "../../mod.ts";
import { renderProgress } from "../../lib/cli/_progress.ts";
import { recordOf } from "../../lib/summary/_record.ts";
import {
  ASCII_LEVELS,
  BLOCKS,
  sparkline,
} from "../../lib/summary/_sparkline.ts";
import { asciiTerminal } from "../../lib/summary/_terminal.ts";

const MiB = 1024 * 1024;

Deno.test("sparkline() draws each value at its level between the lowest and the highest", () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 60), "▁▂▃▄▅▆▇█");
  assert.equal(
    sparkline([0, 1, 2, 3, 4, 5, 6, 7], 60, ASCII_LEVELS),
    " .:-=+*#",
  );
  assert.equal(sparkline([10, 80, 45], 60), "▁█▅");
  assert.equal(sparkline([5, 5, 5], 60), "▄▄▄");
  assert.equal(sparkline([], 60), "");
});

Deno.test("sparkline() fits a long series in its width, each column the highest of its values", () => {
  const values = Array.from({ length: 1000 }, (_, i) => (i === 517 ? 100 : 0));
  const line = sparkline(values, 50);
  assert.equal([...line].length, 50);
  // The one peak lands in its column: 517 of 1000 is column 25 of 50.
  assert.equal(line, "▁".repeat(25) + "█" + "▁".repeat(24));
  assert.equal([...sparkline(values, 7)].length, 7);
});

/**
 * A summary with RSS rising from 40 to 110 MiB and falling to 60, its heap
 * split by space or as one figure.
 */
function sampled(split = true): Summary {
  const summary = new Summary();
  const record = recordOf(summary);
  record.addStage("readLines#1", "readLines", "1 chunk");
  record.start();
  const rss = [40, 50, 60, 70, 80, 90, 100, 110, 60];
  rss.forEach((mib, i) =>
    record.observeMemory({
      atMs: i * 50,
      rssBytes: mib * MiB,
      heapUsedBytes: 2 * MiB,
      heapBytes: 5 * MiB,
      ...(split
        ? {
          youngBytes: 1 * MiB,
          oldBytes: 3 * MiB,
          codeBytes: 1 * MiB,
          largeObjectBytes: 0,
        }
        : {}),
      externalBytes: 1 * MiB,
    })
  );
  return summary;
}

Deno.test("format() draws RSS over the run under the table, in blocks or in ASCII as asked", () => {
  const summary = sampled();
  const unicode = summary.format({ ascii: false }).split("\n");
  const ascii = summary.format({ ascii: true }).split("\n");
  const line = (lines: string[]) => lines.find((l) => l.startsWith("RSS ["));
  assert.match(
    line(unicode)!,
    /^RSS \[▁▂▃▄▅▆▇█▃\] 40\.0 MiB to 110\.0 MiB over /,
  );
  assert.match(line(ascii)!, /^RSS \[ \.:-=\+\*#:\] 40\.0 MiB to 110\.0 MiB/);
  assert.ok(/^[\x20-\x7e\n]*$/.test(summary.format({ ascii: true })));
  assert.equal([...BLOCKS].length, [...ASCII_LEVELS].length);
});

Deno.test("format() shows the breakdown at the peak in three lines after the run's line", () => {
  const lines = sampled().format({ ascii: true }).split("\n");
  const run = lines.findIndex((l) => l.startsWith("run: "));
  assert.deepEqual(lines.slice(run + 1, run + 4), [
    "memory at its peak sample, 350.0 ms in: 110.0 MiB RSS",
    "  runtime 34.0 MiB before the run; V8 heap 5.0 MiB (young 1.0 MiB, old 3.0 MiB, code 1.0 MiB, large objects 0 B; 2.0 MiB in use)",
    "  external 1.0 MiB, unexplained 70.0 MiB (63.6%; the runtime's code paged in since the start is among it); the stages held 0 B of the heap and external",
  ]);
});

Deno.test("format() without the heap split by space shows the heap as one figure and says how to split it", () => {
  const lines = sampled(false).format({ ascii: true }).split("\n");
  const run = lines.findIndex((l) => l.startsWith("run: "));
  assert.deepEqual(lines.slice(run + 1, run + 4), [
    "memory at its peak sample, 350.0 ms in: 110.0 MiB RSS",
    "  runtime 34.0 MiB before the run; V8 heap 5.0 MiB (by space: new Summary({ heapSpaces: true }), or the command line's --summary; 2.0 MiB in use)",
    "  external 1.0 MiB, unexplained 70.0 MiB (63.6%; the runtime's code paged in since the start is among it); the stages held 0 B of the heap and external",
  ]);
});

Deno.test("format() says why the parts add up to more than RSS, when they do", () => {
  // A sort's arena, allocated to its limit at once, counts whole in V8's
  // external memory; only the pages its lines filled are resident.
  const summary = new Summary();
  const record = recordOf(summary);
  record.addStage("sort#1", "sort", "budget 64.0 MiB, then disk");
  record.start();
  const readings: [number, number][] = [[40, 1], [60, 36]];
  for (const [i, [rss, external]] of readings.entries()) {
    record.observeMemory({
      atMs: i * 50,
      rssBytes: rss * MiB,
      heapUsedBytes: 2 * MiB,
      heapBytes: 5 * MiB,
      externalBytes: external * MiB,
    });
  }
  const line = summary.format({ ascii: true }).split("\n")
    .find((l) => l.startsWith("  external "));
  assert.equal(
    line,
    "  external 36.0 MiB, unexplained -15.0 MiB (-25.0%; the parts add up to more than RSS: V8 counts an array buffer whole in the external memory, the kernel only its pages written to); the stages held 0 B of the heap and external",
  );
  assert.match(summary.toHTML(), /the parts add up to more than RSS/);
});

/** Runs `fn` with the given environment variables set (undefined: unset). */
function withEnv(
  vars: Record<string, string | undefined>,
  fn: () => void,
): void {
  const saved = Object.keys(vars).map((k) => [k, Deno.env.get(k)] as const);
  try {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) Deno.env.delete(k);
      else Deno.env.set(k, v);
    }
    fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) Deno.env.delete(k);
      else Deno.env.set(k, v);
    }
  }
}

Deno.test("the terminal is taken to be UTF-8 only when its locale says so and NO_COLOR is not set", () => {
  const none = {
    NO_COLOR: undefined,
    LC_ALL: undefined,
    LC_CTYPE: undefined,
    LANG: undefined,
  };
  withEnv({ ...none, LANG: "en_US.UTF-8" }, () => {
    assert.equal(asciiTerminal(), false);
    assert.match(sampled().format(), /RSS \[▁/);
  });
  withEnv(
    { ...none, LANG: "C.utf8" },
    () => assert.equal(asciiTerminal(), false),
  );
  withEnv(
    { ...none, LC_CTYPE: "de_DE.UTF-8", LANG: "C" },
    () => assert.equal(asciiTerminal(), false),
  );
  // LC_ALL comes first: sort's LC_ALL=C means ASCII.
  withEnv({ ...none, LC_ALL: "C", LANG: "en_US.UTF-8" }, () => {
    assert.equal(asciiTerminal(), true);
    assert.match(sampled().format(), /RSS \[ \./);
  });
  withEnv(
    { ...none, LANG: "en_US.ISO-8859-1" },
    () => assert.equal(asciiTerminal(), true),
  );
  withEnv(none, () => assert.equal(asciiTerminal(), true));
  withEnv(
    { ...none, NO_COLOR: "1", LANG: "en_US.UTF-8" },
    () => assert.equal(asciiTerminal(), true),
  );
  withEnv(
    { ...none, NO_COLOR: "", LANG: "en_US.UTF-8" },
    () => assert.equal(asciiTerminal(), false),
  );
});

Deno.test("without the environment permission the terminal is taken to be UTF-8, and nothing asks for it", async () => {
  const mod = new URL("../../lib/summary/_terminal.ts", import.meta.url).href;
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/t.ts`,
      `import { asciiTerminal } from "${mod}"; console.log(asciiTerminal());`,
    );
    const run = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-R", `${dir}/t.ts`],
      env: { LANG: "C", NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(run.stderr);
    assert.ok(run.success, stderr);
    assert.equal(new TextDecoder().decode(run.stdout), "false\n");
    assert.doesNotMatch(stderr, /env/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test('formatCount() writes an integer as toLocaleString("en-US") does', () => {
  for (
    const n of [0, 7, 999, 1000, 1001, 999_999, 1_000_000, -1, -999, -1000]
  ) {
    assert.equal(formatCount(n), n.toLocaleString("en-US"), String(n));
  }
  fc.assert(
    fc.property(
      fc.integer({
        min: Number.MIN_SAFE_INTEGER,
        max: Number.MAX_SAFE_INTEGER,
      }),
      (n) => formatCount(n) === n.toLocaleString("en-US"),
    ),
    { numRuns: 2000 },
  );
  assert.equal(formatCount(1.5), "1.5");
  assert.equal(formatCount(NaN), "NaN");
});

Deno.test("the summary's table, its page and the progress line write counts without Intl (a first use pages in about 6 MiB of ICU data)", async () => {
  const summary = new Summary();
  await pipeline(
    Array.from({ length: 123_456 }, (_, i) => String(i)),
    async (items) => {
      for await (const _ of items);
    },
    { summary },
  );
  const numberFormat = Intl.NumberFormat;
  const toLocale = Number.prototype.toLocaleString;
  const used = () => {
    throw new Error("Intl was used");
  };
  // deno-lint-ignore no-explicit-any
  (Intl as any).NumberFormat = used;
  Number.prototype.toLocaleString = used;
  try {
    assert.match(summary.format(), /123,456/);
    assert.match(summary.toHTML(), /123,456/);
    assert.match(renderProgress(summary, undefined), /123,456 lines/);
  } finally {
    // deno-lint-ignore no-explicit-any
    (Intl as any).NumberFormat = numberFormat;
    Number.prototype.toLocaleString = toLocale;
  }
});
