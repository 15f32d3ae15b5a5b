// Copyright 2026 the sluice authors. MIT license.
// Each example script, run on a small fixture.
import assert from "node:assert/strict";
import { listDir, withTempDir } from "./_helpers.ts";

const FIXTURE = [
  '2026-11-01T10:00:00Z INFO api path=/v1/users/1 status=200 latency_ms=12 msg="ok"',
  '2026-11-01T10:00:01Z ERROR api path=/v1/users/2 status=500 latency_ms=900 msg="boom"',
  '2026-11-02T09:00:00Z ERROR auth path=/v1/login status=503 latency_ms=30 msg="down"',
  "2026-11-02T09:00:01Z ERROR api path=/health status=500 latency_ms=5",
  '2026-11-01T23:59:59Z WARN api path=/v1/users/3 status=429 latency_ms=40 msg="late"',
].join("\n") + "\n";

async function example(name: string, args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL(`../examples/${name}.ts`, import.meta.url).pathname,
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

async function withFixture(fn: (dir: string, log: string) => Promise<void>) {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/app.log`, FIXTURE);
    await fn(dir, `${dir}/app.log`);
  });
}

Deno.test("examples/errors_by_service.ts counts ERROR lines per service", async () => {
  await withFixture(async (_, log) => {
    const r = await example("errors_by_service", [log]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "       2  api\n       1  auth\n");
  });
});

Deno.test("examples/slowest_endpoints.ts lists the slowest endpoints first", async () => {
  await withFixture(async (_, log) => {
    const r = await example("slowest_endpoints", ["-n", "2", log]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "   900 ms  /v1/users/:id\n    30 ms  /v1/login\n");
    assert.equal(
      (await example("slowest_endpoints", ["-n", "0", log])).code,
      2,
    );
  });
});

Deno.test("examples/split_by_day.ts writes one file per day, appending a day that comes back", async () => {
  await withFixture(async (dir, log) => {
    const r = await example("split_by_day", ["--dir", `${dir}/days`, log]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await listDir(`${dir}/days`), [
      "2026-11-01.log",
      "2026-11-02.log",
    ]);
    const lines = FIXTURE.split("\n");
    assert.equal(
      await Deno.readTextFile(`${dir}/days/2026-11-01.log`),
      [lines[0], lines[1], lines[4]].join("\n") + "\n",
    );
    assert.equal((await example("split_by_day", [log])).code, 2);
  });
});

Deno.test("examples/logfmt_to_jsonl.ts turns every line into a JSON object", async () => {
  await withFixture(async (dir, log) => {
    const r = await example("logfmt_to_jsonl", ["-o", `${dir}/out.jsonl`, log]);
    assert.equal(r.code, 0, r.stderr);
    const records = (await Deno.readTextFile(`${dir}/out.jsonl`)).trim().split(
      "\n",
    )
      .map((l) => JSON.parse(l));
    assert.equal(records.length, 5);
    assert.deepEqual(records[1], {
      time: "2026-11-01T10:00:01Z",
      level: "ERROR",
      service: "api",
      path: "/v1/users/2",
      status: "500",
      latency_ms: "900",
      msg: "boom",
    });
  });
});

Deno.test("examples import sluice as jsr:@sluice/sluice, as the README does, and nothing else of the repository", async () => {
  const dir = new URL("../examples/", import.meta.url);
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".ts")) continue;
    const text = await Deno.readTextFile(new URL(entry.name, dir));
    const specifiers = [
      ...text.matchAll(/(?:from|import\()\s*"([^"]+)"/g),
    ].map((m) => m[1]!);
    for (const specifier of specifiers) {
      assert.match(
        specifier,
        /^(jsr:@sluice\/sluice(\/[a-z-]+)?|node:[a-z_/]+|\.\/[a-z_]+\.ts)$/,
        `examples/${entry.name} imports "${specifier}"`,
      );
    }
    if (entry.name !== "demo.ts") {
      assert.ok(
        specifiers.some((s) => s.startsWith("jsr:@sluice/sluice")),
        `examples/${entry.name} imports sluice`,
      );
    }
  }
});

Deno.test("an example copied out of the repository runs there, with jsr:@sluice/sluice mapped to this code", async () => {
  await withFixture(async (dir, log) => {
    await Deno.copyFile(
      new URL("../examples/errors_by_service.ts", import.meta.url),
      `${dir}/report.ts`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-R",
        "--config",
        new URL("../deno.json", import.meta.url).pathname,
        "report.ts",
        log,
      ],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    assert.equal(
      new TextDecoder().decode(out.stdout),
      "       2  api\n       1  auth\n",
    );
  });
});
