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
    const r = await example("logfmt_to_jsonl", [
      "--output",
      `${dir}/out.jsonl`,
      log,
    ]);
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

/** Runs `fn` with `text` in a file of that name in a temp dir. */
async function withFile(
  name: string,
  text: string,
  fn: (path: string) => Promise<void>,
) {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/${name}`, text);
    await fn(`${dir}/${name}`);
  });
}

const ACCESS = [
  '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 10 "-" "ua"',
  '10.0.0.2 - - [10/Oct/2000:13:56:36 -0700] "GET /a HTTP/1.1" 404 0 "-" "ua"',
  '10.0.0.1 - - [10/Oct/2000:14:01:00 -0700] "GET /b HTTP/1.1" 200 5 "-" "ua"',
  "a line cut sh",
  '10.0.0.3 - - [10/Oct/2000:15:30:00 -0700] "GET / HTTP/1.1" 200 1 "-" "ua"',
].join("\n") + "\n";

Deno.test("examples/top_clients.ts counts the requests of the busiest clients", async () => {
  await withFile("access.log", ACCESS, async (log) => {
    const r = await example("top_clients", ["-n", "2", log]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "       2  10.0.0.1\n       1  10.0.0.2\n");
    assert.equal((await example("top_clients", ["-n", "0", log])).code, 2);
  });
});

Deno.test("examples/requests_per_hour.ts counts lines per hour in time order, the format chosen from the first lines", async () => {
  await withFile("access.log", ACCESS, async (log) => {
    const r = await example("requests_per_hour", [log]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      "2000-10-10T20:00:00.000Z  2\n2000-10-10T21:00:00.000Z  1\n2000-10-10T22:00:00.000Z  1\n",
    );
  });
  await withFile(
    "app.jsonl",
    '{"t":{"at":"2024-01-01T10:59:00Z"}}\n{"t":{"at":"2024-01-01T11:00:00Z"}}\n',
    async (log) => {
      const r = await example("requests_per_hour", [
        "--size",
        "30m",
        "--time-field",
        "t.at",
        log,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        "2024-01-01T10:30:00.000Z  1\n2024-01-01T11:00:00.000Z  1\n",
      );
      assert.equal(
        (await example("requests_per_hour", ["--size", "1y", log])).code,
        2,
      );
    },
  );
});

Deno.test("examples/failed_logins.ts counts failed SSH logins per user in syslog", async () => {
  const text = [
    "Jun 14 15:16:01 combo sshd[19939]: Failed password for invalid user admin from 10.0.0.9 port 4242 ssh2",
    "<38>Jun 14 15:16:02 combo sshd[19939]: Failed password for root from 10.0.0.9 port 4243 ssh2",
    "<38>1 2024-06-14T15:16:03Z combo sshd 19939 - - Failed password for root from 10.0.0.9 port 4244 ssh2",
    "Jun 14 15:16:04 combo sshd[19940]: Accepted password for alice from 10.0.0.8 port 5000 ssh2",
    "Jun 14 15:16:05 combo su: Failed password for root from nowhere ",
  ].join("\n") + "\n";
  await withFile("auth.log", text, async (log) => {
    const r = await example("failed_logins", [log]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "       2  root\n       1  admin\n");
  });
});

Deno.test("examples/json_fields.ts prints nested fields, big integers exact, and stops at a line that is not JSON", async () => {
  const text = [
    '{"ts":1700000000123456789,"req":{"ip":"10.0.0.1"},"items":[{"id":7}]}',
    '  {"ts":1,"req":{}}',
  ].join("\n") + "\n";
  await withFile("app.jsonl", text, async (log) => {
    const r = await example("json_fields", [
      "-k",
      "ts,req.ip,items[0].id",
      log,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "1700000000123456789\t10.0.0.1\t7\n1\t\t\n");
    assert.equal((await example("json_fields", [log])).code, 2);
  });
  await withFile("bad.jsonl", `${text}oops\n`, async (log) => {
    const r = await example("json_fields", ["-k", "ts", log]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Not a JSON line .*\(at line 3 of /);
  });
});

Deno.test("examples/csv_to_jsonl.ts turns CSV records, quoted fields over lines too, into JSON lines", async () => {
  await withFile(
    "data.csv",
    'id,note\n1,"say ""hi"", then\nbye"\n2,plain\n',
    async (csv) => {
      const r = await example("csv_to_jsonl", [csv]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(
        r.stdout,
        '{"id":"1","note":"say \\"hi\\", then\\nbye"}\n{"id":"2","note":"plain"}\n',
      );
    },
  );
  await withFile("data.tsv", "1\ta b\n", async (tsv) => {
    const r = await example("csv_to_jsonl", [
      "--tsv",
      "--columns",
      "id,name",
      tsv,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"id":"1","name":"a b"}\n');
  });
});

Deno.test("examples/column.ts prints the N-th word as awk splits words", async () => {
  await withFile(
    "syslog",
    "Jul  1 09:00:55 host app: hi\nJul 11 09:00:56 host app: ho\n\n",
    async (log) => {
      const r = await example("column", ["-f", "4", log]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "host\nhost\n\n");
      assert.equal((await example("column", [log])).code, 2);
    },
  );
});

Deno.test("examples/regex_to_jsonl.ts prints named groups and skips lines it does not match", async () => {
  await withFile("access.log", ACCESS, async (log) => {
    const r = await example("regex_to_jsonl", [
      "-e",
      String.raw`^(?<ip>\S+) .*" (?<status>\d{3}) `,
      log,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split("\n")[1], '{"ip":"10.0.0.2","status":"404"}');
    assert.equal(r.stdout.split("\n").length, 5);
    assert.equal(
      (await example("regex_to_jsonl", ["-e", String.raw`^(\S+)`, log])).code,
      2,
    );
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
