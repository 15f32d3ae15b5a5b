// Copyright 2026 the sluice authors. MIT license.
// Partial results of shards, saved, read back and merged, against the same
// stage run on all the input at once: sort, groupBy, distinct, top, sample.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  count,
  distinct,
  distinctPartial,
  first,
  groupBy,
  groupByPartial,
  type GroupRecord,
  last,
  mergeDistinct,
  mergeGroups,
  mergeSample,
  mergeSorted,
  mergeTop,
  percentile,
  pipeline,
  readLines,
  readPartials,
  sample,
  samplePartial,
  sort,
  sortPartial,
  type Stage,
  sum,
  top,
  topPartial,
  writePartial,
} from "../../mod.ts";
import { decodeRecord } from "../../lib/shard/partial_file.ts";
import { collect, withNatives, withTempDir } from "../_helpers.ts";

/** A partial's header with no options and no inputs. */
function bareHeader(command: string, index: number, count: number) {
  return { command, options: {}, shard: { index, count }, inputs: [] };
}

/** A line: a key (or none), a value (or none), and some text. */
const lineArb = fc.record({
  k: fc.option(fc.constantFrom("a", "b", "c", "d", "e", "é", "10", "9"), {
    nil: undefined,
  }),
  v: fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined }),
  pad: fc.nat({ max: 40 }),
}).map(({ k, v, pad }) =>
  `${k === undefined ? "" : `k=${k} `}${v === undefined ? "" : `v=${v} `}${
    "x".repeat(pad)
  }`
);

const keyOf = (l: string) => /k=(\S+)/.exec(l)?.[1];
const valueOf = (l: string) => Number(/v=(-?\d+)/.exec(l)?.[1]);

/** A job: files of lines, and a shard count from 1 to 16. */
const jobArb = fc.record({
  files: fc.array(
    fc.record({
      lines: fc.array(lineArb, { maxLength: 40 }),
      trailing: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  count: fc.integer({ min: 1, max: 16 }),
  budget: fc.constantFrom(4096, 1 << 20),
});

/**
 * The output of `whole` over all the lines, and of the partials of every
 * shard written to files, read back and merged.
 */
async function both<R, O>(
  dir: string,
  job: {
    files: { lines: string[]; trailing: boolean }[];
    count: number;
  },
  whole: Stage<string, O>,
  partial: () => Stage<string, R>,
  merge: (partials: AsyncIterable<unknown>[]) => AsyncIterable<unknown>,
): Promise<[unknown[], O[]]> {
  const paths: string[] = [];
  for (const [i, f] of job.files.entries()) {
    const path = `${dir}/in${i}.log`;
    await Deno.writeTextFile(
      path,
      f.lines.join("\n") + (f.trailing && f.lines.length > 0 ? "\n" : ""),
    );
    paths.push(path);
  }
  const expected = await collect(pipeline(readLines(paths), whole));
  const parts: string[] = [];
  for (let index = 0; index < job.count; index++) {
    const path = `${dir}/part${index}`;
    await pipeline(
      readLines(paths, { shard: { index, count: job.count } }),
      partial(),
      writePartial(path, bareHeader("test", index, job.count)),
    );
    parts.unshift(path); // any order
  }
  const { partials } = await readPartials(parts);
  return [await collect(merge(partials)), expected];
}

/** The records of every shard, one shard after another. */
async function* concat<T>(
  partials: AsyncIterable<unknown>[],
): AsyncGenerator<T> {
  for (const p of partials) yield* p as AsyncIterable<T>;
}

function property(
  name: string,
  check: (dir: string, job: {
    files: { lines: string[]; trailing: boolean }[];
    count: number;
    budget: number;
  }, reverse: boolean) => Promise<void>,
): void {
  Deno.test(name, async () => {
    await withTempDir(async (root) => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(jobArb, fc.boolean(), async (job, reverse) => {
          const dir = `${root}/${run++}`;
          await Deno.mkdir(dir);
          await check(dir, job, reverse);
          await Deno.remove(dir, { recursive: true });
        }),
        { numRuns: 40 },
      );
    });
  });
}

property(
  "sort: the merged partials of 1 to 16 shards are the sort of all the lines, stable, missing keys last",
  async (dir, job, reverse) => {
    const [merged, expected] = await both(
      dir,
      job,
      sort(valueOf, { reverse, budget: job.budget }),
      () => sortPartial(valueOf, { reverse, budget: job.budget }),
      (partials) => mergeSorted<string>(partials, { reverse }),
    );
    assert.deepEqual(merged, expected);
  },
);

property(
  "sort by text: the merged partials equal the sort of all the lines, also merged two at a time in passes",
  async (dir, job, reverse) => {
    const byKey = (l: string) => keyOf(l);
    const [merged, expected] = await both(
      dir,
      job,
      sort(byKey, { reverse, budget: job.budget }),
      () => sortPartial(byKey, { reverse, budget: job.budget }),
      (partials) =>
        mergeSorted<string>(partials, { reverse, fanIn: 2, tempDir: dir }),
    );
    assert.deepEqual(merged, expected);
  },
);

property(
  "groupBy: the merged partials are the groups of all the lines (count, sum, first, last, p50)",
  async (dir, job) => {
    const reducers = () => ({
      n: count(),
      s: sum(valueOf),
      f: first(),
      l: last(),
      p: percentile(50, valueOf),
    });
    const [merged, expected] = await both(
      dir,
      job,
      groupBy(keyOf, reducers(), { budget: job.budget }),
      () => groupByPartial(keyOf, reducers(), { budget: job.budget }),
      (partials) =>
        pipeline(
          concat<GroupRecord>(partials),
          mergeGroups(reducers(), { budget: job.budget }),
        ),
    );
    assert.deepEqual(merged, expected);
  },
);

property(
  "distinct: the merged partials are the first line of each key of all the lines",
  async (dir, job) => {
    const key = (l: string) => keyOf(l) ?? "";
    const [merged, expected] = await both(
      dir,
      job,
      distinct(key, { budget: job.budget }),
      () => distinctPartial(key, { budget: job.budget }),
      (partials) =>
        pipeline(
          concat<[string, string]>(partials),
          mergeDistinct<string>({ budget: job.budget }),
        ),
    );
    assert.deepEqual(merged, expected);
  },
);

property(
  "top: the merged partials are the best 3 of all the lines, ties in input order",
  async (dir, job, reverse) => {
    const by = (l: string) => keyOf(l) ?? "";
    const [merged, expected] = await both(
      dir,
      job,
      top(3, { by, reverse }),
      () => topPartial(3, { by, reverse }),
      (partials) =>
        pipeline(
          concat<[string, string]>(partials),
          mergeTop<string>(3, { reverse }),
        ),
    );
    assert.deepEqual(merged, expected);
  },
);

property(
  "sample: the merged partials are the sample of all the lines with the same seed",
  async (dir, job, reverse) => {
    const seed = reverse ? 7 : 2 ** 40 + 3;
    const [merged, expected] = await both(
      dir,
      job,
      sample(5, { seed }),
      () => samplePartial(5, { seed }),
      (partials) =>
        pipeline(concat<[number, string]>(partials), mergeSample<string>(5)),
    );
    assert.deepEqual(merged, expected);
  },
);

Deno.test("sample() with a seed picks each line with the same chance (a rough check of the priorities)", async () => {
  const hits = new Array(100).fill(0);
  for (let seed = 0; seed < 400; seed++) {
    const items = Array.from({ length: 100 }, (_, i) => i);
    for (const i of await collect(pipeline(items, sample(10, { seed })))) {
      hits[i]++;
    }
  }
  // 40 expected per item: none far off.
  assert.ok(hits.every((h) => h > 15 && h < 70), JSON.stringify(hits));
});

/**
 * A record to save: JSON values, bigints, infinite numbers, and strings that
 * start with "$" or hold the text of a "\\u0024" escape. Not an object whose
 * only key is "$bigint" or "$number" with a string: that is how a partial
 * writes a bigint or an infinite number, and reads back as one.
 */
const recordArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v))),
    fc.bigInt(),
    fc.constantFrom(Infinity, -Infinity),
    fc.string().map((s) => `$${s}`),
    fc.string().map((s) => `${s}\\u0024${s}`),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom("$bigint", "$number", "$x")),
      tie("value"),
      { maxKeys: 3 },
    ).map((o) => ({ ...o })).filter((o) =>
      !(Object.keys(o).length === 1 &&
        (typeof o.$bigint === "string" || typeof o.$number === "string"))
    ),
  ),
})).value;

Deno.test("writePartial() and readPartials() give back every record: bigints, infinite numbers, strings that start with $ or hold \\u0024, also when a partial escapes $ as \\u0024", async () => {
  await withTempDir(async (dir) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordArb, { maxLength: 20 }),
        async (records) => {
          const path = `${dir}/p${run++}`;
          await pipeline(
            records,
            writePartial(path, bareHeader("test", 0, 1)),
          );
          const read = async () =>
            await collect(pipeline((await readPartials([path])).records));
          assert.deepEqual(await read(), records);
          // A partial written by hand may escape the $ of "$bigint".
          const text = await Deno.readTextFile(path);
          const lines = text.split("\n");
          const escaped = lines[0] + "\n" +
            lines.slice(1).join("\n").replaceAll('"$', '"\\u0024');
          await Deno.writeTextFile(path, escaped);
          assert.deepEqual(await read(), records);
        },
      ),
      { numRuns: 200 },
    );
  });
});

Deno.test("decodeRecord() gives what JSON.parse gives, or throws where it throws, for records that start with a short string, whole or spoiled", () => {
  // Lines with a string that starts with $ are the reviver's (the property
  // test above): here JSON.parse alone is the reference.
  const reference = (line: string) => JSON.parse(line);
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (error) {
      return { error: (error as Error).constructor.name };
    }
  };
  const lineArb = fc.tuple(
    fc.string({ maxLength: 12, unit: "binary" }),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    fc.constantFrom(
      "none",
      "trailing comma",
      "space after key",
      "control in key",
      "cut",
      "two keys",
      "no comma",
    ),
    fc.nat(),
  ).map(([key, rest, spoil, at]) => {
    const line = JSON.stringify([key, ...rest]);
    switch (spoil) {
      case "trailing comma":
        return `${line.slice(0, -1)},]`;
      case "space after key":
        return line.replace(/^(\["(?:[^"\\]|\\.)*")/, "$1 ");
      case "control in key":
        return `["\u0001${line.slice(2)}`;
      case "cut":
        return line.slice(0, at % (line.length + 1));
      case "no comma":
        return line.replace(/^(\["(?:[^"\\]|\\.)*"),/, "$1]");
      case "two keys":
        return `[${JSON.stringify(key)}${line.slice(1)}`;
      default:
        return line;
    }
  });
  fc.assert(
    fc.property(lineArb, (line) => {
      fc.pre(!line.includes('"$') && !line.includes("\\u0024"));
      assert.deepEqual(
        outcome(() => decodeRecord(line)),
        outcome(() => reference(line)),
        line,
      );
    }),
    { numRuns: 2000 },
  );
  // A line that is not an array, or whose first element is no short string.
  for (
    const line of [
      '{"a":1}',
      '["a long key, 12",1]',
      '["k"]',
      '["k",]',
      '["k"',
      '["k",1] ',
      ' ["k",1]',
    ]
  ) {
    assert.deepEqual(
      outcome(() => decodeRecord(line)),
      outcome(() => reference(line)),
      line,
    );
  }
});

Deno.test("a merge's records have their short keys cut from the line, not internalized by V8", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/part`;
    const records = Array.from(
      { length: 5000 },
      (_, i) => [(i * 2654435761 >>> 0).toString(16), [1]],
    );
    await pipeline(
      records,
      writePartial(path, bareHeader("group", 0, 1)),
    );
    const back: unknown[] = [];
    await pipeline(
      (await readPartials([path])).records,
      async (items) => {
        for await (const r of items) back.push(r);
      },
    );
    assert.deepEqual(back, records);
    // V8 puts internalized strings in its old generation, where a merge's
    // keys (one per record) would die: JSON.parse internalizes a string of
    // fewer than 10 characters.
    const lib = new URL("../../lib/shard/partial_file.ts", import.meta.url);
    assert.deepEqual(
      await withNatives(
        `import { decodeRecord } from ${JSON.stringify(lib.href)};`,
        `const line = '["95d84e84",[1]]';
console.log(JSON.stringify([
  interned(JSON.parse(line)[0]),
  interned((decodeRecord(line) as string[])[0]),
  interned((decodeRecord('["95d84e84",{"a":1}]') as string[])[0]),
]));`,
      ),
      [true, false, false],
    );
  });
});

Deno.test("recordsWithHeadOnce(n) joins the shards with the first n records of each but the first left out", async () => {
  await withTempDir(async (dir) => {
    const paths: string[] = [];
    for (const index of [0, 1, 2]) {
      paths.push(`${dir}/${index}`);
      await pipeline(
        index === 1 ? ["h1", "h2"] : ["h1", "h2", `r${index}`, `s${index}`],
        writePartial(paths[index]!, bareHeader("demo", index, 3)),
      );
    }
    const partials = await readPartials(paths.toReversed());
    const read = (n: number) =>
      collect(pipeline(partials.recordsWithHeadOnce(n)));
    assert.deepEqual(await read(0), await collect(pipeline(partials.records)));
    assert.deepEqual(await read(2), ["h1", "h2", "r0", "s0", "r2", "s2"]);
    assert.deepEqual(await read(3), ["h1", "h2", "r0", "s0", "s2"]);
    for (const n of [-1, 1.5, NaN]) {
      assert.throws(
        () => partials.recordsWithHeadOnce(n),
        new RangeError(
          `A head of records must be a whole number from 0, got ${n}`,
        ),
      );
    }
  });
});

Deno.test("readPartials() refuses other commands, options, inputs, shard counts, and missing or doubled shards, naming the files", async () => {
  await withTempDir(async (dir) => {
    const header = (over: Record<string, unknown> = {}) => ({
      command: "sort",
      options: { reverse: true },
      shard: { index: 0, count: 3 },
      inputs: [{ name: "app.log", size: 10 }],
      ...over,
    });
    const write = async (name: string, over: Record<string, unknown> = {}) => {
      const path = `${dir}/${name}`;
      await pipeline([], writePartial(path, header(over)));
      return path;
    };
    const p0 = await write("p0");
    const p1 = await write("p1", { shard: { index: 1, count: 3 } });
    const p2 = await write("p2", { shard: { index: 2, count: 3 } });
    assert.equal((await readPartials([p2, p0, p1])).partials.length, 3);
    const other = await write("other", {
      command: "group",
      shard: { index: 1, count: 3 },
    });
    await assert.rejects(
      readPartials([p0, other, p2]),
      new TypeError(
        `Cannot merge: "${other}" is a partial of "group", "${p0}" of "sort"`,
      ),
    );
    const opts = await write("opts", {
      options: { reverse: true, key: "ms" },
      shard: { index: 1, count: 3 },
    });
    await assert.rejects(
      readPartials([p0, opts, p2]),
      new TypeError(
        `Cannot merge: "${opts}" was made with other options than "${p0}": key "ms", not not given`,
      ),
    );
    const grown = await write("grown", {
      inputs: [{ name: "app.log", size: 12 }],
      shard: { index: 1, count: 3 },
    });
    await assert.rejects(
      readPartials([p0, grown, p2]),
      /"[^"]*grown" read other inputs than "[^"]*p0": \["app.log \(12 bytes\)"\], not \["app.log \(10 bytes\)"\]/,
    );
    const of4 = await write("of4", { shard: { index: 1, count: 4 } });
    await assert.rejects(readPartials([p0, of4]), /is shard 1 of 4/);
    await assert.rejects(
      readPartials([p0, p2]),
      new RangeError("Cannot merge: shard 1 of 3 is missing"),
    );
    await assert.rejects(
      readPartials([p0]),
      new RangeError("Cannot merge: shards 1 and 2 of 3 are missing"),
    );
    await assert.rejects(
      readPartials([p0, p1, p1, p2]),
      new RangeError(
        `Cannot merge: shard 1 of 3 is given twice: "${p1}" and "${p1}"`,
      ),
    );
    const plain = `${dir}/plain.log`;
    await Deno.writeTextFile(plain, "not a partial\n");
    await assert.rejects(
      readPartials([plain]),
      new TypeError(
        `Cannot merge "${plain}": it is not a partial result (written with --partial)`,
      ),
    );
  });
});

Deno.test("sample() of a glob that matches one file takes the sample its shards merge into", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/only.log`,
      Array.from({ length: 200 }, (_, i) => `line ${i}\n`).join(""),
    );
    const glob = `${dir}/*.log`;
    const whole = await collect(
      pipeline(readLines(glob), sample(7, { seed: 3 })),
    );
    const records: [number, string][] = [];
    for (const index of [0, 1, 2]) {
      records.push(
        ...await collect(pipeline(
          readLines(glob, { shard: { index, count: 3 } }),
          samplePartial<string>(7, { seed: 3 }),
        )),
      );
    }
    assert.deepEqual(
      await collect(pipeline(records, mergeSample<string>(7))),
      whole,
    );
  });
});
