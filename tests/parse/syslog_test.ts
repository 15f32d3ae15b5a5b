// Copyright 2026 the sluice authors. MIT license.
// Syslog after RFC 3164 and RFC 5424, told apart per line.
import assert from "node:assert/strict";
import { parse, pipeline, StageError, type SyslogRecord } from "../../mod.ts";
import { collect } from "../_helpers.ts";

async function read(lines: string[]): Promise<SyslogRecord[]> {
  return await collect(pipeline(lines, parse("syslog")));
}

Deno.test("parse('syslog') reads RFC 3164 lines with and without a priority and a pid", async () => {
  const out = await read([
    "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
    "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; rhost=218.188.2.4",
    "Jul  1 09:00:55 host kernel: [    0.000000] Linux version 6.1",
  ]);
  assert.deepEqual(out[0], {
    timestamp: "Oct 11 22:14:15",
    hostname: "mymachine",
    app: "su",
    pid: null,
    message: "'su root' failed for lonvick on /dev/pts/8",
    facility: "auth",
    severity: "crit",
  });
  assert.deepEqual(out[1], {
    timestamp: "Jun 14 15:16:01",
    hostname: "combo",
    app: "sshd(pam_unix)",
    pid: 19939,
    message: "authentication failure; rhost=218.188.2.4",
  });
  assert.equal(out[2]!.timestamp, "Jul  1 09:00:55");
  assert.equal(out[2]!.app, "kernel");
  assert.equal(out[2]!.message, "[    0.000000] Linux version 6.1");
});

Deno.test("parse('syslog') reads a line without a host, without a tag, and with an RFC 3339 time", async () => {
  const out = await read([
    "Jun 14 15:16:01 sshd[42]: Accepted publickey for root",
    "Jun 15 04:06:20 combo syslogd 1.4.1: restart.",
    "2024-03-01T10:00:00.123456+01:00 web1 nginx[88]: started",
  ]);
  assert.deepEqual(
    out.map((r) => [r.timestamp, r.hostname, r.app, r.pid, r.message]),
    [
      ["Jun 14 15:16:01", null, "sshd", 42, "Accepted publickey for root"],
      ["Jun 15 04:06:20", "combo", null, null, "syslogd 1.4.1: restart."],
      ["2024-03-01T10:00:00.123456+01:00", "web1", "nginx", 88, "started"],
    ],
  );
});

Deno.test("parse('syslog') reads RFC 5424 lines, nil values as null, the BOM left out", async () => {
  const out = await read([
    "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
    "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
    "<13>1 - - - - - -",
  ]);
  assert.deepEqual(out[0], {
    timestamp: "2003-10-11T22:14:15.003Z",
    hostname: "mymachine.example.com",
    app: "su",
    pid: null,
    message: "'su root' failed for lonvick on /dev/pts/8",
    facility: "auth",
    severity: "crit",
    msgid: "ID47",
    structured_data: null,
  });
  assert.equal(out[1]!.facility, "local4");
  assert.equal(out[1]!.severity, "notice");
  assert.equal(out[1]!.pid, 8710);
  assert.equal(out[1]!.message, "%% It's time to make the do-nuts.");
  assert.deepEqual(out[2], {
    timestamp: null,
    hostname: null,
    app: null,
    pid: null,
    message: "",
    facility: "user",
    severity: "notice",
    msgid: null,
    structured_data: null,
  });
});

Deno.test("parse('syslog') reads RFC 5424 structured data with escapes", async () => {
  const [a, b] = await read([
    '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry',
    String
      .raw`<165>1 2003-10-11T22:14:15.003Z host app worker-1 - [a@1 x="q\"uo\]te\\" y=""][b@2 z="a\b"]`,
  ]);
  assert.deepEqual(a!.structured_data, {
    "exampleSDID@32473": {
      iut: "3",
      eventSource: "Application",
      eventID: "1011",
    },
  });
  assert.equal(a!.message, "An application event log entry");
  assert.deepEqual(b!.structured_data, {
    "a@1": { x: 'q"uo]te\\', y: "" },
    "b@2": { z: String.raw`a\b` },
  });
  assert.equal(b!.pid, "worker-1");
  assert.equal(b!.message, "");
});

Deno.test("parse('syslog') refuses lines that are not syslog, naming the line", async () => {
  const bad = [
    "hello world",
    "<192>Oct 11 22:14:15 host app: priority out of range",
    "<34>1 2003-10-11T22:14:15.003Z host",
    '<34>1 2003-10-11T22:14:15.003Z host app - - [open x="1" msg',
    "Oct 32x 22:14:15 host app: bad day",
    "Oct 11 22:14 host app: no seconds",
  ];
  for (const line of bad) {
    await assert.rejects(
      () => read(["<13>Oct 11 22:14:15 host app: fine", line]),
      (e) =>
        e instanceof StageError && e.line === 2 &&
        e.cause instanceof SyntaxError && /Not a syslog line/.test(e.message),
      line,
    );
  }
});

Deno.test("parse('syslog', { time: true }) reads BSD times with the reference's year, rolled back", async () => {
  const out = await collect(
    pipeline(
      [
        "Dec 31 23:59:59 host app: old year",
        "Jan  1 00:00:01 host app: new year",
        "<34>1 2003-10-11T22:14:15.003Z host su - - - x",
      ],
      parse("syslog", {
        time: true,
        reference: new Date("2024-01-01T12:00:00Z"),
      }),
    ),
  );
  assert.deepEqual(
    out.map((r) => (r.timestamp as unknown as Date).toISOString()),
    [
      "2023-12-31T23:59:59.000Z",
      "2024-01-01T00:00:01.000Z",
      "2003-10-11T22:14:15.003Z",
    ],
  );
});
