// Copyright 2026 the sluice authors. MIT license.
// CSV and TSV after RFC 4180: fields, quotes, doubled quotes, line breaks
// inside quotes, headers, and the bound on a record.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  deadLetter,
  parse,
  type ParseOptions,
  pipeline,
  readLines,
  StageError,
} from "../../mod.ts";
import { collect, encoder, withTempDir } from "../_helpers.ts";

async function csv(
  lines: string[],
  options: ParseOptions = {},
  format: "csv" | "tsv" = "csv",
): Promise<unknown[]> {
  return await collect(pipeline(lines, parse(format, options)));
}

/** A record as a CSV writer writes it: quoted only when it must be. */
function formatRecord(fields: string[], sep = ","): string {
  return fields.map((f) =>
    f.includes('"') || f.includes(sep) || f.includes("\n") || f.startsWith(" ")
      ? `"${f.replaceAll('"', '""')}"`
      : f
  ).join(sep);
}

Deno.test("parse('csv') names fields by the header row", async () => {
  assert.deepEqual(await csv(["a,b,c", "1,2,3", "4,,6"]), [
    { a: "1", b: "2", c: "3" },
    { a: "4", b: "", c: "6" },
  ]);
});

Deno.test("parse('csv') reads quoted fields with separators, doubled quotes and empty quotes", async () => {
  assert.deepEqual(
    await csv(["name,note", '"Smith, J.","said ""no"""', '"",""']),
    [
      { name: "Smith, J.", note: 'said "no"' },
      { name: "", note: "" },
    ],
  );
  assert.deepEqual(await csv(["a,b,c", 'x,"y",', ',"",z']), [
    { a: "x", b: "y", c: "" },
    { a: "", b: "", c: "z" },
  ]);
});

Deno.test("parse('csv') reads a record over several lines, numbered by its first line", async () => {
  const run = pipeline(
    ["id,text", '1,"one', "", 'three"', "2,x"],
    parse("csv"),
  );
  const out: unknown[] = [];
  for await (const r of run) out.push(r);
  assert.deepEqual(out, [{ id: "1", text: "one\n\nthree" }, {
    id: "2",
    text: "x",
  }]);
});

Deno.test("parse('csv') skips blank lines between records", async () => {
  assert.deepEqual(await csv(["a,b", "", "1,2", ""]), [{ a: "1", b: "2" }]);
});

Deno.test("parse('csv') takes columns instead of a header, or over it with header: true", async () => {
  assert.deepEqual(await csv(["1,2"], { columns: ["x", "y"] }), [
    { x: "1", y: "2" },
  ]);
  assert.deepEqual(
    await csv(["a,b", "1,2"], { columns: ["x", "y"], header: true }),
    [{ x: "1", y: "2" }],
  );
  assert.deepEqual(await csv(["1,2", "3,4"], { header: false }), [
    ["1", "2"],
    ["3", "4"],
  ]);
});

Deno.test("parse('csv') names a repeated header name with a suffix", async () => {
  assert.deepEqual(await csv(["a,a,b,a", "1,2,3,4"]), [
    { a: "1", a_2: "2", b: "3", a_3: "4" },
  ]);
});

Deno.test("parse('tsv') splits on tabs and reads quotes the same way", async () => {
  assert.deepEqual(
    await csv(["a\tb", 'x, y\t"tab\there"'], {}, "tsv"),
    [{ a: "x, y", b: "tab\there" }],
  );
});

Deno.test("parse('csv') fails on a record of the wrong width, naming the line", async () => {
  await assert.rejects(
    () => csv(["a,b", "1,2", "1,2,3"]),
    (e) =>
      e instanceof StageError && e.line === 3 &&
      e.cause instanceof RangeError &&
      /Record has 3 fields where the header has 2: "1,2,3"/.test(e.message),
  );
});

Deno.test("parse('csv') fails on text after a closing quote", async () => {
  await assert.rejects(
    () => csv(["a,b", '"x"y,2']),
    (e) =>
      e instanceof StageError && e.line === 2 && e.cause instanceof SyntaxError,
  );
});

Deno.test("parse('csv') fails on a quote left open at the end of the input, naming its first line", async () => {
  await assert.rejects(
    () => csv(["a,b", "1,2", '3,"open', "more"]),
    (e) =>
      e instanceof StageError && e.line === 3 &&
      /ends inside a quoted field/.test(e.message),
  );
});

Deno.test("parse('csv') bounds a record by maxRecordBytes and goes on at the next line", async () => {
  const run = pipeline(
    ["a,b", '1,"open', "x".repeat(50), "y".repeat(50), "2,3"],
    parse("csv", { maxRecordBytes: 80, onError: "skip" }),
  );
  const out = await collect(run);
  assert.deepEqual(out, [{ a: "2", b: "3" }]);
  // The record is dropped with the line that did not fit; the next line
  // starts afresh.
  assert.deepEqual(run.summary.stages[1]!.firstErrors, [
    "item 2: Record is longer than maxRecordBytes (80): is a quote left open?",
  ]);
});

Deno.test("parse('csv') counts maxRecordBytes in UTF-8 bytes", async () => {
  // 30 characters of 3 bytes each: 90 bytes.
  await assert.rejects(
    () => csv(["a", "€".repeat(30)], { maxRecordBytes: 89 }),
    (e) => e instanceof StageError && e.cause instanceof RangeError,
  );
  assert.deepEqual(await csv(["a", "€".repeat(30)], { maxRecordBytes: 90 }), [
    { a: "€".repeat(30) },
  ]);
});

Deno.test("parse('csv') reads each input's own header, and a quote does not run on into the next file", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/1.csv`, 'a,b\n1,"open\n');
    await Deno.writeTextFile(`${dir}/2.csv`, "c,d\n3,4\n");
    const run = pipeline(
      readLines([`${dir}/1.csv`, `${dir}/2.csv`]),
      parse("csv", { onError: "skip" }),
    );
    assert.deepEqual(await collect(run), [{ c: "3", d: "4" }]);
    assert.match(
      run.summary.stages[1]!.firstErrors[0]!,
      /^line 2 of ".*1\.csv": Record ends inside a quoted field/,
    );
  });
});

Deno.test("parse('csv') reads back any records a CSV writer wrote, whatever their quotes, commas and line breaks", async () => {
  const text = fc.string({
    unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "é", "😀"),
    maxLength: 8,
  });
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }).chain((width) =>
        fc.array(fc.array(text, { minLength: width, maxLength: width }), {
          minLength: 1,
          maxLength: 6,
        })
      ),
      async (records) => {
        // A record of one empty field is a blank line: no record.
        fc.pre(records.every((r) => r.length > 1 || r[0] !== ""));
        const file = records.map((r) => formatRecord(r)).join("\n") + "\n";
        const lines = await collect(
          readLines(ReadableStream.from([encoder.encode(file)])),
        );
        const out = await collect(
          pipeline(lines, parse("csv", { header: false })),
        );
        assert.deepEqual(out, records);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("parse('csv') reads CRLF files, a line break inside quotes read as \\n", async () => {
  const bytes = encoder.encode('a,b\r\n1,"x\r\ny"\r\n');
  const out = await collect(
    pipeline(readLines(ReadableStream.from([bytes])), parse("csv")),
  );
  assert.deepEqual(out, [{ a: "1", b: "x\ny" }]);
});

Deno.test("parse('csv') sends a record left open to the dead letter with its first line", async () => {
  const failed: unknown[] = [];
  const out = await collect(
    pipeline(
      ["a,b", "1,2", '3,"open', "more"],
      parse("csv", {
        onError: deadLetter((f) => void failed.push([f.line, f.item])),
      }),
    ),
  );
  assert.deepEqual(out, [{ a: "1", b: "2" }]);
  assert.deepEqual(failed, [[3, '3,"open']]);
});
