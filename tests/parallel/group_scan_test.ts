// Copyright 2026 the sluice authors. MIT license.
// The grouping read on the lines' bytes against the lines' text: the same
// file read in ranges by the WebAssembly module (parallel/_group_scan.ts)
// and by the splitter, grouped by the same getters, gives the same groups.
import assert from "node:assert/strict";
import fc from "fast-check";
import { readRange } from "../../lib/io/_read_range.ts";
import { type GroupScan, groupScanOf } from "../../lib/parallel/_group_scan.ts";
import { GroupTable, loadGroupSpec } from "../../lib/spill/_group_table.ts";
import type { RangeSource } from "../../lib/core/_registry.ts";
import { GROUP_SCAN_WASM_BASE64 } from "../../lib/parallel/_group_scan_wasm.ts";
import { buildWasm, GROUP_SCAN_WASM, wasmSource } from "../_build_wasm.ts";
import { count, lineWord } from "../../mod.ts";
import { encoder, withTempDir } from "../_helpers.ts";

const SPEC = new URL("../fixtures/group_spec.ts", import.meta.url).href;

const load = (name: string) =>
  loadGroupSpec("parallelGroupBy", SPEC, name, undefined);

/** Every group of `table`, by its key. */
function groupsOf(table: GroupTable): Map<unknown, Record<string, unknown>> {
  const out = new Map<unknown, Record<string, unknown>>();
  for (let s = 0; s < table.size; s++) {
    out.set(table.keyAt(s), table.resultOf(table.keyAt(s), table.accsAt(s)));
  }
  return out;
}

function sourceOf(
  path: string,
  maxLineBytes = 1 << 20,
  onLongLine: RangeSource["onLongLine"] = "split",
): RangeSource {
  return { path, maxLineBytes, onLongLine, fatal: false, readBytes: 65536 };
}

/** The groups of `path`'s lines as text, grouped by `name`'s own reducers. */
async function byText(
  name: string,
  source: RangeSource,
): Promise<{ groups: Map<unknown, unknown>; lines: number }> {
  const spec = await load(name);
  const table = new GroupTable(spec.named);
  const size = (await Deno.stat(source.path)).size;
  const lines = await readRange(source, 0, size, (items) => {
    for (const item of items) table.add(spec.key(item), item);
  });
  return { groups: groupsOf(table), lines };
}

/**
 * The groups of `path`'s lines read on bytes, in the ranges that `cuts`
 * make, and the scan that read them.
 */
async function byBytes(
  name: string,
  source: RangeSource,
  cuts: number[],
): Promise<{ groups: Map<unknown, unknown>; lines: number; scan: GroupScan }> {
  const scan = groupScanOf(await load(name));
  assert.ok(scan !== undefined, "not read on bytes");
  const table = new GroupTable(scan.named);
  scan.into(table, Infinity, () => {});
  const size = (await Deno.stat(source.path)).size;
  const at = [...new Set([0, ...cuts.map((c) => c % (size + 1)), size])]
    .sort((a, b) => a - b);
  let lines = 0;
  for (let i = 0; i + 1 < at.length; i++) {
    scan.start();
    lines += await readRange(source, at[i]!, at[i + 1]!, (items) => {
      for (const item of items) scan.addText(item);
    }, scan.full ? undefined : scan);
  }
  return { groups: groupsOf(table), lines, scan };
}

const word = fc.oneof(
  fc.constantFrom(
    "api",
    "auth",
    "é",
    "注文",
    "",
    'x"y',
    "{",
    "latency_ms=5",
    "a=b=c",
  ),
  fc.string({ maxLength: 5 }),
);

const pair = fc.oneof(
  fc.integer({ min: 0, max: 99999 }).map((n) => `latency_ms=${n}`),
  fc.integer({ min: -999, max: -1 }).map((n) => `latency_ms=${n}`),
  fc.constantFrom(
    "latency_ms=0",
    "latency_ms=007",
    "latency_ms=-0",
    "latency_ms=1.5",
    "latency_ms=",
    'latency_ms="5"',
    "latency_ms=5ms",
    "latency_ms=1234567890123456",
    "latency_ms=123456789012345",
    "xlatency_ms=4",
    "latency_ms",
    'msg="a b latency_ms=9"',
    'msg="unclosed',
    "path=/a=b",
    "latency_ms=3\t",
  ),
  fc.constantFrom("api", "db", "", '"q"', 'a"b', "é", "x=y")
    .map((v) => `service=${v}`),
  fc.constantFrom("200", "503", "-1", "04", "2x", "").map((v) => `status=${v}`),
);

const line = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(
      fc.constantFrom("", " ", "  "),
      fc.array(
        fc.tuple(fc.oneof(word, pair), fc.constantFrom(" ", " ", "  ", "\t")),
        { maxLength: 8 },
      ),
      fc.constantFrom("", "", "", "\r"),
    ).map(([lead, tokens, end]) =>
      lead + tokens.map(([t, sep]) => t + sep).join("").trimEnd() + end
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"latency_ms":5}',
      '{"latency_ms":"6","x":1} a b',
      "a b c latency_ms=8",
    ),
  },
);

const file = fc.tuple(
  fc.array(line, { maxLength: 120 }),
  fc.boolean(),
  fc.boolean(),
).map(([lines, lf, bom]) =>
  (bom ? "\ufeff" : "") + lines.join("\n") +
  (lf && lines.length > 0 ? "\n" : "")
);

Deno.test("the grouping read on bytes gives the groups of the lines' text, for any lines and ranges", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await fc.assert(
      fc.asyncProperty(
        file,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(
          "wordLatency",
          "wordCount",
          "wordTwo",
          "fieldKeyed",
          "fieldSelf",
        ),
        fc.constantFrom(24, 1 << 20),
        fc.constantFrom<RangeSource["onLongLine"]>("split", "skip"),
        async (text, cuts, name, max, long) => {
          await Deno.writeTextFile(path, text);
          const source = sourceOf(path, max, long);
          const want = await byText(name, source);
          const got = await byBytes(name, source, cuts);
          assert.deepEqual(got.groups, want.groups);
          assert.equal(got.lines, want.lines);
        },
      ),
      { numRuns: 300 },
    );
  });
});

Deno.test("the grouping read on bytes decodes only the lines it cannot read", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const plain = Array.from(
      { length: 3000 },
      (_, i) =>
        `2026-11-01T00:00:00Z INFO s${i % 7} req=${i} latency_ms=${
          i % 500
        } msg="ok é"`,
    );
    const text = [
      "2026-11-01T00:00:00Z INFO\tapi latency_ms=5", // a tab
      "2026-11-01T00:00:00Z INFO api latency_ms=5\r", // a CR
      "2026-11-01T00:00:00Z INFO café latency_ms=5", // a key beyond ASCII
      '2026-11-01T00:00:00Z INFO api msg="x" latency_ms=5', // a quote before
      "2026-11-01T00:00:00Z INFO api latency_ms=05", // not a plain integer
      "2026-11-01T00:00:00Z INFO", // no third word
      '{"latency_ms":5}', // JSON
    ];
    await Deno.writeTextFile(path, [...plain, ...text].join("\n"));
    const source = sourceOf(path);
    const got = await byBytes("wordLatency", source, [70000]);
    assert.equal(got.scan.textLines, text.length);
    assert.deepEqual(got.groups, (await byText("wordLatency", source)).groups);
  });
});

Deno.test("the grouping read on bytes reads new keys as text once its table of keys is full", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `t INFO key${i % 2500} latency_ms=${i}`,
    );
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const source = sourceOf(path);
    const got = await byBytes("wordLatency", source, [40000, 90000]);
    assert.ok(got.scan.full);
    assert.ok(got.scan.textLines > 0);
    assert.equal(got.lines, 5000);
    assert.deepEqual(got.groups, (await byText("wordLatency", source)).groups);
  });
});

Deno.test("the grouping read on bytes leaves a line too long to the policy for long lines, numbered on", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const long = `t INFO api latency_ms=7 msg=${"x".repeat(300)}`;
    await Deno.writeTextFile(
      path,
      ["t INFO api latency_ms=1", "t INFO db latency_ms=2", long, "t INFO api"]
        .join("\n"),
    );
    const source = sourceOf(path, 100, "error");
    const scan = groupScanOf(await load("wordLatency"))!;
    scan.into(new GroupTable(scan.named), Infinity, () => {});
    scan.start();
    const size = (await Deno.stat(path)).size;
    const text = await readRange(source, 0, size, () => {}).catch((e) => e);
    assert.match(text.message, /^Line 3 of .* at byte offset 47/);
    await assert.rejects(
      readRange(source, 0, size, () => {}, scan),
      (error: Error & { line?: number }) => {
        assert.equal(error.line, 3);
        assert.equal(error.message, text.message);
        return true;
      },
    );
    assert.ok(scan.done);
  });
});

Deno.test("the grouping read on bytes leaves a line longer than its buffer's half to the splitter", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    const lines = [
      "t INFO api latency_ms=1",
      `t INFO db latency_ms=2 msg=${"y".repeat(300_000)}`,
      "t INFO api latency_ms=3",
    ];
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    const source = sourceOf(path);
    const got = await byBytes("wordLatency", source, []);
    // The long line and the one after it.
    assert.equal(got.scan.textLines, 2);
    assert.equal(got.lines, 3);
    assert.deepEqual(got.groups, (await byText("wordLatency", source)).groups);
  });
});

Deno.test("the grouping read on bytes of a word beyond the module's integers finds none, as the text", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/app.log`;
    await Deno.writeTextFile(path, "a b latency_ms=1\nc d latency_ms=2\n");
    const n = count();
    const scan = groupScanOf({
      key: lineWord(2 ** 32 + 1) as (item: unknown) => string | undefined,
      reducers: { n },
      named: { names: ["n"], list: [n] },
    })!;
    const table = new GroupTable(scan.named);
    scan.into(table, Infinity, () => {});
    scan.start();
    const size = (await Deno.stat(path)).size;
    assert.equal(await readRange(sourceOf(path), 0, size, () => {}, scan), 2);
    assert.deepEqual([...groupsOf(table).keys()], [null]);
  });
});

Deno.test("a spec whose reducers read other fields, or by other getters, is read as text", async () => {
  const spec = await load("all");
  assert.equal(groupScanOf(spec), undefined);
  for (const name of ["wordCount", "wordTwo", "fieldKeyed", "fieldSelf"]) {
    assert.ok(groupScanOf(await load(name)) !== undefined, name);
  }
});

Deno.test("the committed grouping module is the one _group_scan.wat builds", async () => {
  const built = await buildWasm(GROUP_SCAN_WASM);
  assert.deepEqual(
    Uint8Array.from(atob(GROUP_SCAN_WASM_BASE64), (c) => c.charCodeAt(0)),
    built,
    "run `deno task wasm`",
  );
  assert.equal(
    await Deno.readTextFile(GROUP_SCAN_WASM.out),
    wasmSource(GROUP_SCAN_WASM, built),
  );
  assert.ok(encoder.encode("ok").length > 0);
});
