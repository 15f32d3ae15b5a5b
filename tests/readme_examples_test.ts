// Copyright 2026 the sluice authors. MIT license.
// Every TypeScript block of the README, run as a user runs it: a script of
// its own in an empty directory that holds the sample log the README makes,
// with the repository's deno.json, which maps jsr:@sluice/sluice to this
// code's bundle, as JSR serves it. Conventions of the README's blocks:
//   ```ts            a whole script: run, and it must succeed;
//   ```ts fragment   a piece of a script: only type-checked;
//   ```text output   right after a ts block: exactly what it prints;
//   <!-- run: ARGS --> on the line before a ts block: its arguments.

import assert from "node:assert/strict";
import { sharedData, withTempDir } from "./_helpers.ts";

const ROOT = new URL("../", import.meta.url);
const CONFIG = new URL("deno.json", ROOT).pathname;
const decoder = new TextDecoder();

/** A fenced TypeScript block of the README. */
interface Block {
  /** The line of its opening fence (1-based). */
  line: number;
  code: string;
  fragment: boolean;
  args: string[];
  output?: string;
}

/** The TypeScript blocks of a Markdown text, with their outputs. */
function tsBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  let last: "ts" | "other" | undefined;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]!);
    const [lang, info] = [open[1]!, open[2]!.trim()];
    if (lang === "ts") {
      let before = start - 1;
      while (before >= 0 && lines[before]!.trim() === "") before--;
      const run = /^<!-- run: (.*) -->$/.exec(lines[before] ?? "");
      assert.ok(
        info === "" || info === "fragment",
        `README.md:${
          start + 1
        }: a ts block is a script or a fragment, got "${info}"`,
      );
      blocks.push({
        line: start + 1,
        code: body.join("\n") + "\n",
        fragment: info === "fragment",
        args: run === null ? [] : run[1]!.split(" "),
      });
      last = "ts";
    } else if (lang === "text" && info === "output") {
      assert.equal(
        last,
        "ts",
        `README.md:${start + 1}: an output block follows a ts block`,
      );
      blocks.at(-1)!.output = body.join("\n") + "\n";
      last = "other";
    } else {
      last = "other";
    }
  }
  return blocks;
}

async function deno(args: string[], cwd: string) {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

const README = await Deno.readTextFile(new URL("README.md", ROOT));

// The sample files, made by the commands the README gives, once.
const SAMPLE_COMMANDS = [
  "deno run -W examples/sample_log.ts app.log 1MB",
  "deno run -R -W examples/logfmt_to_jsonl.ts app.log --output app.jsonl",
];
let sampleDir: string | undefined;

async function sample(): Promise<string> {
  if (sampleDir !== undefined) return sampleDir;
  const dir = await Deno.makeTempDir({ prefix: "sluice-readme-" });
  for (const command of SAMPLE_COMMANDS) {
    assert.ok(README.includes(command), `the README says "${command}"`);
    const [, ...args] = command.split(" ");
    const script = args.findIndex((a) => a.startsWith("examples/"));
    args[script] = new URL(args[script]!, ROOT).pathname;
    const made = await deno(["run", "--config", CONFIG, ...args.slice(1)], dir);
    assert.equal(made.code, 0, `${command}: ${made.stderr}`);
  }
  sampleDir = dir;
  globalThis.addEventListener("unload", () => {
    Deno.removeSync(dir, { recursive: true });
  });
  return dir;
}

/** The shared Apache sample, if it is beside this clone. */
const ACCESS_LOG = sharedData("apache_combined_10k.log");

/**
 * Runs `fn` in a fresh directory holding a copy of the sample files, and for
 * a block that reads `access.log` (the README's "Your logs"), the shared
 * Apache sample, beside the repository (as CI has it).
 */
async function inSampleDir(
  code: string,
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const from = await sample();
  await withTempDir(async (dir) => {
    for (const name of ["app.log", "app.jsonl"]) {
      await Deno.copyFile(`${from}/${name}`, `${dir}/${name}`);
    }
    if (code.includes('"access.log"')) {
      await Deno.copyFile(ACCESS_LOG!, `${dir}/access.log`);
    }
    await fn(dir);
  });
}

const blocks = tsBlocks(README);

Deno.test("the README's TypeScript blocks are found, each a script or a marked fragment", () => {
  assert.ok(blocks.length >= 7, `found ${blocks.length}`);
  assert.ok(blocks.some((b) => b.output !== undefined));
});

for (const block of blocks) {
  const what = block.fragment ? "type-checks" : "runs as written";
  Deno.test({
    name: `README.md:${block.line}: the example ${what}`,
    // "Your logs" reads the shared Apache sample as access.log.
    ignore: block.code.includes('"access.log"') && ACCESS_LOG === undefined,
  }, async () => {
    await inSampleDir(block.code, async (dir) => {
      await Deno.writeTextFile(`${dir}/example.ts`, block.code);
      if (block.fragment) {
        const r = await deno(["check", "--config", CONFIG, "example.ts"], dir);
        assert.equal(r.code, 0, r.stderr);
        return;
      }
      const r = await deno([
        "run",
        "-R",
        "-W",
        "--config",
        CONFIG,
        "example.ts",
        ...block.args,
      ], dir);
      assert.equal(r.code, 0, `README.md:${block.line}:\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /Uncaught|error:/);
      if (block.output !== undefined) assert.equal(r.stdout, block.output);
    });
  });
}

Deno.test("the README's checkpoint example ends on Ctrl-C with one line and status 130, and resumes to the whole output", async () => {
  const block = blocks.find((b) => b.code.includes("checkpoint:"));
  assert.ok(block !== undefined, "the README has a checkpoint example");
  const { writeSampleLog } = await import("../examples/sample_log.ts");
  await withTempDir(async (dir) => {
    // Large enough that the run is still under way when Ctrl-C comes; twice
    // as large again whenever the run finished first.
    let size = 48_000_000;
    await writeSampleLog(`${dir}/huge.log`, size);
    await Deno.writeTextFile(`${dir}/example.ts`, block.code);
    const args = [
      "run",
      "-R",
      "-W",
      "--config",
      CONFIG,
      "example.ts",
      "huge.log",
      "--output",
      "errors.log",
    ];
    let interrupted = false;
    for (let attempt = 0; attempt < 4 && !interrupted; attempt++) {
      if (attempt > 0) {
        size *= 2;
        await writeSampleLog(`${dir}/huge.log`, size);
      }
      await Deno.remove(`${dir}/errors.log`).catch(() => {});
      const child = new Deno.Command(Deno.execPath(), {
        args,
        cwd: dir,
        env: { NO_COLOR: "1" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      // Under way: its partial output exists.
      const partial = `${dir}/.errors.log.sluice-partial`;
      for (let i = 0; i < 1000; i++) {
        if (await Deno.stat(partial).then(() => true, () => false)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      // Some lines read, so that there is something to resume from.
      await new Promise((r) => setTimeout(r, 20));
      try {
        child.kill("SIGINT");
      } catch {
        // It finished first (the output below says so).
      }
      const out = await child.output();
      if (out.code === 0) continue; // it finished first: try again
      interrupted = true;
      assert.equal(out.code, 130, decoder.decode(out.stderr));
      assert.equal(decoder.decode(out.stderr), "errors: interrupted\n");
      await Deno.stat(`${dir}/errors.log.checkpoint`);
    }
    assert.ok(interrupted, "the run always finished before Ctrl-C");
    const resumed = await deno(args.slice(), dir);
    assert.equal(resumed.code, 0, resumed.stderr);
    const log = await Deno.readTextFile(`${dir}/huge.log`);
    const want = log.split("\n").filter((l) => l.includes(" ERROR "));
    assert.equal(
      await Deno.readTextFile(`${dir}/errors.log`),
      want.join("\n") + "\n",
    );
    await assert.rejects(Deno.stat(`${dir}/errors.log.checkpoint`));
  });
});
