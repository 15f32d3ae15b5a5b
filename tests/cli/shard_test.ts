// Copyright 2026 the sluice authors. MIT license.
// --shard K/N, --partial FILE and `sluice merge`: a job cut into shards and
// merged gives, byte for byte, the output of one run over all the inputs.
import assert from "node:assert/strict";
import fc from "fast-check";
import { main } from "../../lib/cli/main.ts";
import { gzip, serveFiles, withTempDir } from "../_helpers.ts";

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

/** Every command whose shards merge, with options that shape its answer. */
const JOBS: string[][] = [
  ["count"],
  ["sort"],
  ["sort", "-k", "ms", "-n", "-r"],
  ["sort", "--word", "2"],
  ["group", "--by", "svc", "--count", "--p95", "ms", "--sum", "ms"],
  ["group", "--by", "user", "--count", "--top", "3"],
  ["group", "--by-word", "1", "--max", "ms", "--csv"],
  ["distinct", "-k", "user"],
  ["distinct"],
  ["sample", "-n", "5", "--seed", "11"],
  ["head", "-n", "4"],
  ["tail", "-n", "4"],
  ["grep", "ERROR"],
  ["grep", "-c", "svc=api"],
  ["fields", "--keys", "user,ms"],
  ["fields", "--keys", "user,ms", "--csv"],
  // With --format, the records' keys (sort, distinct) and fields (group).
  ["sort", "--format", "logfmt", "-k", "ms", "-n"],
  ["distinct", "--format", "logfmt", "-k", "svc"],
  ["group", "--format", "logfmt", "--by", "svc", "--count", "--min", "ms"],
];

/** A log line: a few fields, sometimes missing, sometimes an ERROR. */
const lineArb = fc.record({
  svc: fc.option(fc.constantFrom("api", "auth", "db"), { nil: undefined }),
  ms: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
  user: fc.constantFrom("u1", "u2", "u3", "u4", "u5", "u6"),
  error: fc.boolean(),
  pad: fc.nat({ max: 30 }),
}).map((r) =>
  [
    r.svc === undefined ? "" : `svc=${r.svc}`,
    r.ms === undefined ? "" : `ms=${r.ms}`,
    `user=${r.user}`,
    r.error ? "ERROR" : "ok",
    "x".repeat(r.pad),
  ].filter((w) => w !== "").join(" ")
);

/**
 * A job as it shards: head and tail (whose output over several files is one
 * part per file, with headers) and grep -c (a count per file) read one
 * file; grep writes no file names (-h), so that its lines concatenate.
 */
function fit(job: string[], inputs: string[]): [string[], string[]] {
  const oneFile = job[0] === "head" || job[0] === "tail" ||
    (job[0] === "grep" && job.includes("-c"));
  return [
    job[0] === "grep" && !job.includes("-c") ? [...job, "-h"] : job,
    oneFile ? inputs.slice(0, 1) : inputs,
  ];
}

/** Runs `sluice ARGS` in this process; the status. */
async function sluice(...args: string[]): Promise<number> {
  return await main(args);
}

/**
 * Runs `job` on `inputs` once, and in `count` shards merged; returns both
 * outputs.
 */
async function oneAndMerged(
  dir: string,
  job: string[],
  inputs: string[],
  count: number,
): Promise<[string, string]> {
  [job, inputs] = fit(job, inputs);
  const one = `${dir}/one.out`;
  const merged = `${dir}/merged.out`;
  const status = await sluice(
    ...job,
    "--no-progress",
    "--output",
    one,
    ...inputs,
  );
  assert.ok(status === 0 || (job[0] === "grep" && status === 1), `${status}`);
  const parts: string[] = [];
  for (let k = 0; k < count; k++) {
    const part = `${dir}/part.${k}`;
    assert.equal(
      await sluice(
        ...job,
        "--no-progress",
        "--shard",
        `${k}/${count}`,
        "--partial",
        part,
        ...inputs,
      ),
      0,
    );
    parts.push(part);
  }
  assert.equal(
    await sluice(
      "merge",
      "--no-progress",
      "--output",
      merged,
      ...parts.reverse(),
    ),
    status,
  );
  return [await Deno.readTextFile(one), await Deno.readTextFile(merged)];
}

Deno.test("every command's partials of 1 to 16 shards merge into the one-machine output, byte for byte", async () => {
  await withTempDir(async (root) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            lines: fc.array(lineArb, { maxLength: 30 }),
            trailing: fc.boolean(),
            gzipped: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom(...JOBS),
        async (files, count, job) => {
          const dir = `${root}/${run++}`;
          await Deno.mkdir(dir);
          const inputs: string[] = [];
          for (const [i, f] of files.entries()) {
            const text = f.lines.join("\n") +
              (f.trailing && f.lines.length > 0 ? "\n" : "");
            const path = `${dir}/in${i}.log${f.gzipped ? ".gz" : ""}`;
            if (f.gzipped) await Deno.writeFile(path, await gzip(text));
            else await Deno.writeTextFile(path, text);
            inputs.push(path);
          }
          const [one, merged] = await oneAndMerged(dir, job, inputs, count);
          assert.equal(merged, one, job.join(" "));
          await Deno.remove(dir, { recursive: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});

Deno.test("a file of one line, and one long line cut by every shard boundary, merge as one run for every command", async () => {
  await withTempDir(async (dir) => {
    const single = `${dir}/single.log`;
    await Deno.writeTextFile(single, "svc=api ms=5 user=u1 ERROR\n");
    const long = `${dir}/long.log`;
    await Deno.writeTextFile(
      long,
      `svc=db ms=1 user=u2 ok\nsvc=api ms=7 user=u3 ERROR ${
        "y".repeat(5000)
      }\nsvc=auth ms=3 user=u1 ok`,
    );
    for (const job of JOBS) {
      for (const inputs of [[single], [long], [single, long]]) {
        const [one, merged] = await oneAndMerged(dir, job, inputs, 16);
        assert.equal(merged, one, `${job.join(" ")} of ${inputs.length}`);
      }
    }
  });
});

/** The jobs whose shards may read URLs: all but sample, which refuses. */
const URL_JOBS = JOBS.filter((job) => job[0] !== "sample");

Deno.test("every command's partials of URLs from a server, 1 to 16 shards read with Range requests, merge into the one-machine output", async () => {
  await withTempDir(async (root) => {
    const server = serveFiles(root);
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              lines: fc.array(lineArb, { maxLength: 30 }),
              trailing: fc.boolean(),
              gzipped: fc.boolean(),
            }),
            { minLength: 1, maxLength: 3 },
          ),
          fc.integer({ min: 1, max: 16 }),
          fc.constantFrom(...URL_JOBS),
          async (files, count, job) => {
            const sub = `${run++}`;
            const dir = `${root}/${sub}`;
            await Deno.mkdir(dir);
            const inputs: string[] = [];
            for (const [i, f] of files.entries()) {
              const text = f.lines.join("\n") +
                (f.trailing && f.lines.length > 0 ? "\n" : "");
              const name = `in${i}.log${f.gzipped ? ".gz" : ""}`;
              const path = `${dir}/${name}`;
              if (f.gzipped) await Deno.writeFile(path, await gzip(text));
              else await Deno.writeTextFile(path, text);
              inputs.push(`${server.base}/${sub}/${name}`);
            }
            const [one, merged] = await oneAndMerged(dir, job, inputs, count);
            assert.equal(merged, one, job.join(" "));
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await server.close();
    }
  });
});

Deno.test("a URL with one long line cut by every shard boundary merges as one run for every command, and a shard asks for its range once", async () => {
  await withTempDir(async (dir) => {
    const short = Array.from(
      { length: 400 },
      (_, i) => `svc=${["api", "db"][i % 2]} ms=${i % 97} user=u${i % 5} ok`,
    );
    await Deno.writeTextFile(
      `${dir}/long.log`,
      [
        ...short,
        `svc=api ms=7 user=u3 ERROR ${"y".repeat(5000)}`,
        ...short,
      ].join("\n"),
    );
    const server = serveFiles(dir);
    try {
      const url = `${server.base}/long.log`;
      for (const job of URL_JOBS) {
        const [one, merged] = await oneAndMerged(dir, job, [url], 16);
        assert.equal(merged, one, job.join(" "));
      }
      // A shard's requests: the size probe (for the check, the reading and
      // the partial's header) and its range.
      server.asked.length = 0;
      assert.equal(
        await sluice(
          "count",
          "--no-progress",
          "--shard",
          "5/16",
          "--partial",
          `${dir}/c5`,
          url,
        ),
        0,
      );
      const ranges = server.asked.filter((a) => !a.endsWith("bytes=0-9"));
      assert.equal(ranges.length, 1, server.asked.join(", "));
      assert.match(ranges[0]!, /^\/long.log bytes=\d+-\d+$/);
    } finally {
      await server.close();
    }
  });
});

/** Why GNU parallel cannot run here, or undefined when it can. */
const parallelMissing = (() => {
  try {
    new Deno.Command("parallel", { args: ["--version"], stdout: "null" })
      .outputSync();
    return undefined;
  } catch {
    const why = "GNU parallel is not installed: the sharded run is not tried";
    console.log(why);
    return why;
  }
})();

Deno.test({
  name:
    "a job in 4 shards run by GNU parallel merges into the one-machine output for every command",
  ignore: parallelMissing !== undefined,
}, async () => {
  await withTempDir(async (dir) => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(
        `svc=${["api", "auth", "db"][i % 3]} ms=${(i * 7919) % 1000} user=u${
          (i * 31) % 97
        } ${i % 13 === 0 ? "ERROR" : "ok"}`,
      );
    }
    await Deno.writeTextFile(`${dir}/a.log`, lines.slice(0, 1200).join("\n"));
    await Deno.writeFile(
      `${dir}/b.log.gz`,
      await gzip(lines.slice(1200, 1500).join("\n") + "\n"),
    );
    await Deno.writeTextFile(
      `${dir}/c.log`,
      lines.slice(1500).join("\n") + "\n",
    );
    const deno = [Deno.execPath(), "run", "-A", CLI];
    for (const given of JOBS) {
      const [job, inputs] = fit(given, ["a.log", "b.log.gz", "c.log"]);
      const one = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CLI, ...job, ...inputs],
        cwd: dir,
        stdout: "piped",
      }).output();
      // The shards, as a user would run them: one process each.
      const shards = await new Deno.Command("parallel", {
        args: [
          "--will-cite",
          "--halt",
          "now,fail=1",
          ...deno,
          ...job,
          "--shard",
          "{}/4",
          "--partial",
          "part.{}",
          ...inputs,
          ":::",
          "0",
          "1",
          "2",
          "3",
        ],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(
        shards.code,
        0,
        new TextDecoder().decode(shards.stderr),
      );
      const merged = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          CLI,
          "merge",
          "part.0",
          "part.1",
          "part.2",
          "part.3",
          "--output",
          "merged.out",
        ],
        cwd: dir,
        stderr: "piped",
      }).output();
      assert.equal(merged.code, one.code, job.join(" "));
      assert.deepEqual(
        await Deno.readFile(`${dir}/merged.out`),
        one.stdout,
        job.join(" "),
      );
    }
  });
});

/** The number at the start of `text` as a big integer scaled by 10^500. */
function exactNumber(text: string): bigint | undefined {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(text)!;
  const int = m[2] ?? "";
  const frac = m[3] ?? "";
  if (int === "" && frac === "") return undefined;
  const scaled = BigInt(int + frac.padEnd(500, "0").slice(0, 500));
  return m[1] === "-" ? -scaled : scaled;
}

/** `lines` as GNU `sort -s -n` orders them by `keyOf`, missing keys last. */
function referenceSortN(
  lines: string[],
  keyOf: (line: string) => string | undefined,
  reverse: boolean,
): string[] {
  const keyed = lines.map((line, i) => {
    const text = keyOf(line);
    return { line, i, k: text === undefined ? undefined : exactNumber(text) };
  });
  keyed.sort((a, b) => {
    if (a.k === undefined || b.k === undefined) {
      return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1;
    }
    const c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return (reverse ? -c : c) || a.i - b.i;
  });
  return keyed.map((x) => x.line);
}

/**
 * Numbers whose doubles tie: many digits near 2^53 and beyond, fractions
 * longer than a double keeps, beyond the range of doubles and below it.
 */
const numberArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.tuple(
    fc.constantFrom(
      "90071992547409",
      "17000000000000000",
      "1230000000000000000000",
      "0.1000000000000",
      "-90071992547409",
    ),
    fc.integer({ min: 0, max: 999 }),
  ).map(([head, tail]) => `${head}${tail}`),
  fc.constantFrom(
    "9007199254740992",
    "9007199254740993",
    "123000000000000000000000",
    "0.1",
    "-0",
    "1" + "0".repeat(400),
    "2" + "0".repeat(400),
    "-1" + "0".repeat(400),
    "0." + "0".repeat(400) + "1",
    "0." + "0".repeat(400) + "2",
    "0." + "0".repeat(320) + "5",
  ),
);

Deno.test("sort -n partials of 1 to 16 shards merge exactly, with keys beyond 2^53 and ties a double rounds across shards", async () => {
  await withTempDir(async (root) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.option(numberArb, { nil: undefined }),
            fc.constantFrom("a", "b", "c"),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom("key", "line", "logfmt"),
        fc.boolean(),
        async (rows, count, how, reverse) => {
          const dir = `${root}/${run++}`;
          await Deno.mkdir(dir);
          const lines = rows.map(([n, tag], i) =>
            how === "line"
              ? `${n ?? "x"} ${tag}${i}`
              : `${tag}=${i}${n === undefined ? "" : ` ms=${n}`}`
          );
          const input = `${dir}/in.log`;
          await Deno.writeTextFile(input, lines.map((l) => l + "\n").join(""));
          const job = [
            "sort",
            "-n",
            ...(reverse ? ["-r"] : []),
            ...(how === "line" ? [] : ["-k", "ms"]),
            ...(how === "logfmt" ? ["--format", "logfmt"] : []),
          ];
          const [one, merged] = await oneAndMerged(dir, job, [input], count);
          assert.equal(merged, one, job.join(" "));
          const keyOf = how === "line"
            ? (line: string) => line
            : (line: string) => /ms=(\S+)/.exec(line)?.[1];
          assert.equal(
            one,
            referenceSortN(lines, keyOf, reverse).map((l) => l + "\n").join(""),
            job.join(" "),
          );
          await Deno.remove(dir, { recursive: true });
        },
      ),
      { numRuns: 80 },
    );
  });
});

Deno.test("sort -n partials mend a run of more lines than a shard holds in memory whose keys one double rounds", async () => {
  await withTempDir(async (dir) => {
    // 9,000 keys within 256 of each other: one double (its spacing there is
    // 256), more than a tie group held in memory, in every shard.
    const lines: string[] = [];
    for (let i = 0; i < 9000; i++) {
      lines.push(
        `n${i} ms=${1700000000000000000n + BigInt((i * 7919) % 200)}`,
      );
    }
    const input = `${dir}/in.log`;
    await Deno.writeTextFile(input, lines.join("\n") + "\n");
    for (const reverse of [false, true]) {
      const job = ["sort", "-n", "-k", "ms", ...(reverse ? ["-r"] : [])];
      const [one, merged] = await oneAndMerged(dir, job, [input], 2);
      assert.equal(merged, one);
      assert.equal(
        one,
        referenceSortN(lines, (l) => l.split("ms=")[1], reverse)
          .map((l) => l + "\n").join(""),
      );
    }
  });
});

/** Runs `sluice ARGS` as a process; its status and standard error. */
async function run(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("merge refuses partials of another command, other options or inputs, and a missing or doubled shard, naming it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "b 2\na 1\nc 3\n");
    await Deno.writeTextFile(`${dir}/b.log`, "z\n");
    const part = (name: string, ...args: string[]) =>
      run(dir, ...args, "--partial", name);
    assert.equal((await part("s0", "sort", "--shard", "0/2", "a.log")).code, 0);
    assert.equal((await part("s1", "sort", "--shard", "1/2", "a.log")).code, 0);
    assert.equal(
      (await part("r1", "sort", "-r", "--shard", "1/2", "a.log")).code,
      0,
    );
    assert.equal(
      (await part("d1", "distinct", "--shard", "1/2", "a.log")).code,
      0,
    );
    assert.equal(
      (await part("b1", "sort", "--shard", "1/2", "b.log")).code,
      0,
    );
    assert.equal(
      (await part("g0", "grep", "a", "--shard", "0/2", "a.log")).code,
      0,
    );
    assert.equal(
      (await part("g1", "grep", "b", "--shard", "1/2", "a.log")).code,
      0,
    );
    assert.equal((await run(dir, "merge", "s1", "s0")).code, 0);
    const refused = async (pattern: RegExp, ...parts: string[]) => {
      const r = await run(dir, "merge", ...parts);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, pattern);
    };
    await refused(
      /"d1" is a partial of "distinct", "s0" of "sort"/,
      "s0",
      "d1",
    );
    await refused(
      /"r1" was made with other options than "s0": reverse true, not not given/,
      "s0",
      "r1",
    );
    await refused(/"b1" read other inputs than "s0": .*b\.log/, "s0", "b1");
    await refused(
      /"g1" was made with other options than "g0": operands \["b"\], not \["a"\]/,
      "g0",
      "g1",
    );
    await refused(/shard 1 of 2 is missing/, "s0");
    await refused(
      /shard 0 of 2 is given twice: "s0" and "s0"/,
      "s0",
      "s0",
      "s1",
    );
    await refused(/"a.log": it is not a partial result/, "a.log");
    // A partial of an earlier format (its -n keys were text) is refused.
    const old = (await Deno.readTextFile(`${dir}/s1`)).replace(
      '"version":2',
      '"version":1',
    );
    await Deno.writeTextFile(`${dir}/old1`, old);
    await refused(
      /"old1": it is a partial of version 1, and this sluice reads version 2: make the partials again with this sluice/,
      "s0",
      "old1",
    );
    // A record spoiled since it was written: the partial and its line.
    const spoiled = (await Deno.readTextFile(`${dir}/s1`)).split("\n");
    spoiled[1] = spoiled[1]!.slice(1);
    await Deno.writeTextFile(`${dir}/bad1`, spoiled.join("\n"));
    const notRecord = (name: string, line: number) =>
      new RegExp(
        `sluice merge: Cannot merge "${name}": line ${line} is not a record: .*JSON`,
      );
    await refused(notRecord("bad1", 2), "s0", "bad1");
    // Partials that are joined, not merged as sorted runs.
    assert.equal(
      (await part("ga1", "grep", "a", "--shard", "1/2", "a.log")).code,
      0,
    );
    const grep = (await Deno.readTextFile(`${dir}/g0`)).split("\n");
    grep[1] = grep[1]!.slice(0, -1);
    await Deno.writeTextFile(`${dir}/badg0`, grep.join("\n"));
    await refused(notRecord("badg0", 2), "badg0", "ga1");
  });
});

Deno.test("--shard and --partial refuse what cannot be divided or merged, as usage errors", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "a\n");
    const usage = async (pattern: RegExp, ...args: string[]) => {
      const r = await run(dir, ...args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
    };
    await usage(/Cannot shard standard input/, "count", "--shard", "0/2");
    await usage(/--shard must be K\/N/, "count", "--shard", "1", "a.log");
    await usage(/from 0 to 1, got "2"/, "count", "--shard", "2/2", "a.log");
    await usage(
      /--shard env\/2 needs JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID set/,
      "count",
      "--shard",
      "env/2",
      "a.log",
    );
    await usage(
      /give --output or --partial, not both/,
      "sort",
      "--partial",
      "p",
      "--output",
      "o",
      "a.log",
    );
    await usage(/--partial needs --seed/, "sample", "--partial", "p", "a.log");
    await usage(
      /--format csv cannot be read in shards/,
      "sort",
      "--format",
      "csv",
      "--shard",
      "0/2",
      "a.log",
    );
    await usage(/unknown option --shard/, "split", "--shard", "0/2", "a.log");
  });
});

Deno.test("--shard refuses a plain URL whose server ignores Range, and sample of a URL; merge refuses shards that saw a URL at other sizes", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "b 2\na 1\nc 3\n");
    const server = serveFiles(dir);
    const noRange = serveFiles(dir, { ranges: false });
    try {
      const url = `${server.base}/a.log`;
      const usage = async (pattern: RegExp, ...args: string[]) => {
        const r = await run(dir, ...args);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, pattern);
      };
      await usage(
        new RegExp(
          `--shard: Cannot shard "${noRange.base}/a.log": the server ignores Range requests`,
        ),
        "count",
        "--shard",
        "0/2",
        `${noRange.base}/a.log`,
      );
      await usage(
        /with --shard, sample cannot read a URL .*counts lines from its own start/,
        "sample",
        "-n",
        "2",
        "--seed",
        "1",
        "--shard",
        "0/2",
        url,
      );
      const part = (name: string, k: number) =>
        run(dir, "sort", "--shard", `${k}/2`, "--partial", name, url);
      assert.equal((await part("s0", 0)).code, 0);
      await Deno.writeTextFile(`${dir}/a.log`, "b 2\na 1\nc 3\nd 4\n");
      assert.equal((await part("s1", 1)).code, 0);
      const r = await run(dir, "merge", "s0", "s1");
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /"s1" read other inputs than "s0": .*a\.log \(16 bytes\)/,
      );
    } finally {
      await Promise.all([server.close(), noRange.close()]);
    }
  });
});

Deno.test("--shard env/N reads JOB_COMPLETION_INDEX, else SLURM_ARRAY_TASK_ID", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.log`, "1\n2\n3\n4\n");
    const head = async (env: Record<string, string>) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CLI, "head", "--shard", "env/2", "a.log"],
        cwd: dir,
        env,
        clearEnv: true,
        stdout: "piped",
      }).output();
      return new TextDecoder().decode(out.stdout);
    };
    assert.equal(await head({ JOB_COMPLETION_INDEX: "1" }), "3\n4\n");
    assert.equal(await head({ SLURM_ARRAY_TASK_ID: "0" }), "1\n2\n");
  });
});
