// Copyright 2026 the sluice authors. MIT license.
// runScript(): statuses, and Ctrl-C handled without ending the process.
import assert from "node:assert/strict";
import {
  filter,
  pipeline,
  readLines,
  runScript,
  type ScriptContext,
} from "../../mod.ts";
import { listDir, withTempDir } from "../_helpers.ts";
import { recordOf } from "../../lib/summary/_record.ts";

const SPEC = { name: "t", usage: "[FILE…]", description: "A test." };
const FIXTURE =
  new URL("./fixtures/interrupted_script.ts", import.meta.url).pathname;
const decoder = new TextDecoder();

/** Runs `fn`, returning the signal listeners it left installed. */
async function signalListenersLeft(fn: () => Promise<void>): Promise<number> {
  const { addSignalListener, removeSignalListener } = Deno;
  const installed = new Set<() => void>();
  Deno.addSignalListener = (signal, handler) => {
    installed.add(handler);
    addSignalListener(signal, handler);
  };
  Deno.removeSignalListener = (signal, handler) => {
    installed.delete(handler);
    removeSignalListener(signal, handler);
  };
  try {
    await fn();
  } finally {
    Deno.addSignalListener = addSignalListener;
    Deno.removeSignalListener = removeSignalListener;
  }
  return installed.size;
}

Deno.test("runScript() returns the body's status and removes its signal listeners", async () => {
  let seen: ScriptContext | undefined;
  const left = await signalListenersLeft(async () => {
    const status = await runScript(SPEC, (ctx) => {
      seen = ctx;
      return Promise.resolve(3);
    }, { args: ["a.log", "b.log"] });
    assert.equal(status, 3);
    assert.equal(await runScript(SPEC, async () => {}, { args: [] }), 0);
    const failed = await runScript(SPEC, () => {
      throw new Error("Broken");
    }, { args: ["--no-progress"] });
    assert.equal(failed, 1);
  });
  assert.equal(left, 0);
  assert.deepEqual(seen!.inputs, ["a.log", "b.log"]);
  assert.equal(seen!.output, "-");
  assert.equal(seen!.signal.aborted, false);
});

async function waitForFiles(dir: string, n: number): Promise<void> {
  for (let i = 0; i < 250 && (await listDir(dir)).length < n; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok((await listDir(dir)).length >= n, "the run never started");
}

Deno.test("runScript() returns 130 on Ctrl-C instead of exiting, with no temp file left", async () => {
  await withTempDir(async (dir) => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", FIXTURE, "stop", "--output", `${dir}/out.log`],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await waitForFiles(dir, 1);
    child.kill("SIGINT");
    const out = await child.output();
    // The script itself ended normally, after runScript returned.
    assert.equal(decoder.decode(out.stdout), "runScript returned 130\n");
    assert.equal(out.code, 0, decoder.decode(out.stderr));
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("a second Ctrl-C makes runScript() return 130 at once; Deno.exit then removes the temp file", async () => {
  await withTempDir(async (dir) => {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", FIXTURE, "stuck", "--output", `${dir}/out.log`],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    await waitForFiles(dir, 1);
    child.kill("SIGINT");
    // The body does not heed the first: the run stays under way.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await listDir(dir)).length, 1);
    child.kill("SIGINT");
    const out = await child.output();
    assert.equal(decoder.decode(out.stdout), "runScript returned 130\n");
    assert.equal(out.code, 130, decoder.decode(out.stderr));
    assert.deepEqual(await listDir(dir), []);
  });
});

/** Runs runScript quietly (standard error goes to a string) and returns its status. */
async function quietly(
  body: Parameters<typeof runScript>[1],
  args: string[],
): Promise<{ status: number; stderr: string }> {
  const original = Deno.stderr.write;
  let stderr = "";
  Deno.stderr.write = (p: Uint8Array) => {
    stderr += decoder.decode(p);
    return Promise.resolve(p.length);
  };
  try {
    return { status: await runScript(SPEC, body, { args }), stderr };
  } finally {
    Deno.stderr.write = original;
  }
}

Deno.test("--summary-html writes the run's page after the run, also after a failed one, and leaves no temporary file", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, "a\nb ERROR\nc\n");
    const ok = await quietly(
      (ctx) =>
        pipeline(
          readLines(ctx.inputs),
          filter((l) => l.includes("ERROR"), { name: "errors <only>" }),
          async (lines) => {
            for await (const _ of lines);
          },
          ctx.pipelineOptions,
        ),
      ["--no-progress", "--summary-html", `${dir}/ok.html`, `${dir}/in.log`],
    );
    assert.equal(ok.status, 0, ok.stderr);
    const page = await Deno.readTextFile(`${dir}/ok.html`);
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /<dt>status<\/dt><dd>ok<\/dd>/);
    assert.match(page, /data-stage="errors &lt;only&gt;"/);
    assert.match(page, /data-series="rss"/);

    const failed = await quietly(
      (ctx) =>
        pipeline(
          readLines(ctx.inputs),
          filter((l) => {
            if (l === "c") throw new Error("Bad line");
            return true;
          }),
          async (lines) => {
            for await (const _ of lines);
          },
          ctx.pipelineOptions,
        ),
      [
        "--no-progress",
        "--summary-html",
        `${dir}/failed.html`,
        `${dir}/in.log`,
      ],
    );
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /Bad line/);
    const failedPage = await Deno.readTextFile(`${dir}/failed.html`);
    assert.match(failedPage, /<dt>status<\/dt><dd>failed<\/dd>/);
    assert.match(failedPage, /Bad line/);
    assert.deepEqual(await listDir(dir), ["failed.html", "in.log", "ok.html"]);
  });
});

Deno.test("--summary-html to a path that cannot be written is an error of the run: status 1 and a message", async () => {
  await withTempDir(async (dir) => {
    const r = await quietly(
      () => Promise.resolve(0),
      ["--no-progress", "--summary-html", `${dir}/no/such/dir/s.html`],
    );
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /^t: cannot write the summary page to ".*\/no\/such\/dir\/s\.html": /,
    );
  });
});

Deno.test("runScript asks for V8's heap by space when a --summary option is given, and only then", async () => {
  const asked = async (args: string[]) => {
    let heapSpaces: boolean | undefined;
    const { status } = await quietly((ctx) => {
      heapSpaces = recordOf(ctx.summary).heapSpaces;
      return Promise.resolve();
    }, args);
    assert.equal(status, 0);
    return heapSpaces;
  };
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/in.log`, "a\n");
    const log = `${dir}/in.log`;
    assert.equal(await asked([log]), false);
    assert.equal(await asked(["--summary", log]), true);
    assert.equal(await asked(["--summary-json", `${dir}/s.json`, log]), true);
    assert.equal(await asked(["--summary-html", `${dir}/s.html`, log]), true);
  });
});

Deno.test("runScript() gives a flag not given as false and a string option not given its default, as ctx.values' types say", async () => {
  const seen: unknown[] = [];
  const status = await runScript(
    {
      name: "t",
      usage: "",
      description: "",
      options: {
        top: { type: "string", short: "n", description: "", default: "10" },
        all: { type: "boolean", short: "a", description: "" },
        dir: { type: "string", description: "" },
      },
    },
    async (ctx) => {
      seen.push(ctx.values.top, ctx.values.all, ctx.values.dir);
      await Promise.resolve();
    },
    { args: ["-"] },
  );
  assert.equal(status, 0);
  assert.deepEqual(seen, ["10", false, undefined]);
  const given: unknown[] = [];
  await runScript(
    {
      name: "t",
      usage: "",
      description: "",
      options: {
        top: { type: "string", short: "n", description: "", default: "10" },
        all: { type: "boolean", short: "a", description: "" },
      },
    },
    async (ctx) => {
      given.push(ctx.values.top, ctx.values.all);
      await Promise.resolve();
    },
    { args: ["-a", "-n", "3", "-"] },
  );
  assert.deepEqual(given, ["3", true]);
});

Deno.test("runScript() types a multiple option as string[], and positionals may depend on the options given", async () => {
  const options = {
    regexp: { type: "string", short: "e", multiple: true, description: "P" },
  } as const;
  const seen: {
    patterns: string[];
    positionals: string[];
    inputs: string[];
  }[] = [];
  const spec = { ...SPEC, options };
  const body = (ctx: ScriptContext<typeof options>) => {
    // Typed: a string[], never undefined.
    const patterns: string[] = ctx.values.regexp;
    seen.push({ patterns, positionals: ctx.positionals, inputs: ctx.inputs });
    return Promise.resolve();
  };
  const positionals = (values: Record<string, unknown>) =>
    Array.isArray(values.regexp) && values.regexp.length > 0 ? 0 : 1;
  assert.equal(
    await runScript(spec, body, {
      args: ["-e", "a", "-e", "b", "x.log"],
      positionals,
    }),
    0,
  );
  assert.equal(
    await runScript(spec, body, { args: ["a", "x.log"], positionals }),
    0,
  );
  assert.deepEqual(seen, [
    { patterns: ["a", "b"], positionals: [], inputs: ["x.log"] },
    { patterns: [], positionals: ["a"], inputs: ["x.log"] },
  ]);
});
