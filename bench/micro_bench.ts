// Copyright 2026 the sluice authors. MIT license.
// `deno task bench:micro`: the line splitter against the plain decode-and-split
// loop it builds on, and the cost of one stage against none. Each group has a
// baseline, so deno bench prints the ratios.
import { deadLetter, filter, map, pipeline, readLines } from "../mod.ts";
import { sampleLines } from "../examples/sample_log.ts";

const lines: string[] = [];
const g = sampleLines(11);
let size = 0;
while (size < 8 << 20) {
  const l = g.next().value!;
  lines.push(l);
  size += l.length + 1;
}
const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
const READ = 256 * 1024;
const reads: Uint8Array[] = [];
for (let i = 0; i < bytes.length; i += READ) {
  reads.push(bytes.subarray(i, i + READ));
}

async function count(source: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of source) n++;
  return n;
}

Deno.bench("decode + split per read (hand-written floor)", {
  group: "splitter",
  baseline: true,
}, () => {
  const decoder = new TextDecoder();
  let rest = "";
  let n = 0;
  for (const r of reads) {
    const parts = (rest + decoder.decode(r, { stream: true })).split("\n");
    rest = parts.pop()!;
    n += parts.length;
  }
  if (n !== lines.length) throw new Error(`got ${n} lines`);
});

Deno.bench(
  "readLines() over the same reads",
  { group: "splitter" },
  async () => {
    const n = await count(pipeline(readLines(ReadableStream.from(reads))));
    if (n !== lines.length) throw new Error(`got ${n} lines`);
  },
);

Deno.bench(
  "TextLineStream-style TransformStream",
  { group: "splitter" },
  async () => {
    let rest = "";
    const split = new TransformStream<string, string>({
      transform(chunk, c) {
        const parts = (rest + chunk).split("\n");
        rest = parts.pop()!;
        for (const p of parts) c.enqueue(p);
      },
    });
    const n = await count(
      ReadableStream.from(reads).pipeThrough(new TextDecoderStream())
        .pipeThrough(split),
    );
    if (n !== lines.length) throw new Error(`got ${n} lines`);
  },
);

const keepAll = () => true;

Deno.bench(
  "filter() alone",
  { group: "stage overhead", baseline: true },
  async () => {
    await count(pipeline(lines, filter(keepAll)));
  },
);

Deno.bench("filter() + no-op map()", { group: "stage overhead" }, async () => {
  await count(pipeline(lines, map((l) => l), filter(keepAll)));
});

Deno.bench(
  "filter() + user async generator",
  { group: "stage overhead" },
  async () => {
    async function* same(source: AsyncIterable<string>) {
      yield* source;
    }
    await count(pipeline(lines, same, filter(keepAll)));
  },
);

// The cost of an error policy: none while nothing fails; then per failing
// item, the rest of its batch goes one item at a time.
const same = (l: string) => l;
const failOnePercent = (l: string, i: number) => {
  if (i % 100 === 0) throw new Error("bad line");
  return l;
};

Deno.bench(
  "map() with the default policy",
  { group: "error policy", baseline: true },
  async () => {
    await count(pipeline(lines, map(same)));
  },
);

Deno.bench(
  'map() with onError: "skip", nothing fails',
  { group: "error policy" },
  async () => {
    await count(pipeline(lines, map(same, { onError: "skip" })));
  },
);

Deno.bench(
  'map() with onError: "skip", 1% fail',
  { group: "error policy" },
  async () => {
    await count(pipeline(lines, map(failOnePercent, { onError: "skip" })));
  },
);

Deno.bench(
  "map() with a dead letter function, 1% fail",
  { group: "error policy" },
  async () => {
    let n = 0;
    const onError = deadLetter(() => void n++);
    await count(pipeline(lines, map(failOnePercent, { onError })));
  },
);
