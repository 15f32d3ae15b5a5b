// Copyright 2026 the sluice authors. MIT license.
// URLs read with fetch from a server on 127.0.0.1 that this test starts,
// which drops connections part way through the body.
import assert from "node:assert/strict";
import { pipeline, readLines, writeLines } from "../../mod.ts";
import { collect, encoder } from "../_helpers.ts";

const TEXT = Array.from(
  { length: 20000 },
  (_, i) => `line ${i} ${"x".repeat(i % 30)}\n`,
)
  .join("");
const BODY = encoder.encode(TEXT);
const GZ = new Uint8Array(
  await new Response(
    ReadableStream.from([BODY]).pipeThrough(new CompressionStream("gzip")),
  ).arrayBuffer(),
);

/** How the server behaves for one path. */
interface Behaviour {
  body: Uint8Array;
  /** Drop the connection after this many bytes of each of the first `drops` responses. */
  dropAfter: number;
  drops: number;
  /** Answer Range requests (else always 200, the whole body). */
  ranges: boolean;
  /** Give each response a new ETag (the resource "changes"). */
  changing?: boolean;
}

/** A server for `paths`; the Range headers it was asked for. */
function serve(paths: Record<string, Behaviour>) {
  const asked: string[] = [];
  const served: Record<string, number> = {};
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => {
      const path = new URL(req.url).pathname;
      const b = paths[path];
      if (b === undefined) return new Response("no such log", { status: 404 });
      const n = served[path] = (served[path] ?? 0) + 1;
      const range = req.headers.get("range");
      asked.push(`${path} ${range ?? "-"}`);
      let start = 0;
      let status = 200;
      const headers = new Headers({
        etag: b.changing ? `"v${n}"` : '"v1"',
        "accept-ranges": b.ranges ? "bytes" : "none",
      });
      if (range !== null && b.ranges) {
        start = Number(/bytes=(\d+)-/.exec(range)![1]);
        status = 206;
        headers.set(
          "content-range",
          `bytes ${start}-${b.body.length - 1}/${b.body.length}`,
        );
      }
      const part = b.body.subarray(start);
      headers.set("content-length", String(part.length));
      const drop = n <= b.drops;
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const limit = drop ? Math.min(part.length, b.dropAfter) : part.length;
          if (sent >= limit) {
            if (drop) controller.error(new Error("dropped on purpose"));
            else controller.close();
            return;
          }
          const piece = part.subarray(sent, Math.min(limit, sent + 4096));
          sent += piece.length;
          controller.enqueue(piece);
        },
      });
      return new Response(body, { status, headers });
    },
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  return { server, base, asked };
}

const quick = { http: { retryDelayMs: 1 } };

Deno.test("readLines() of a URL whose connection drops goes on from the byte it stopped at", async () => {
  const { server, base, asked } = serve({
    "/app.log": { body: BODY, dropAfter: 50000, drops: 2, ranges: true },
    "/app.log.gz": { body: GZ, dropAfter: 3000, drops: 1, ranges: true },
  });
  try {
    const lines = await collect(readLines(`${base}/app.log`, quick));
    assert.equal(lines.map((l) => `${l}\n`).join(""), TEXT);
    // The first two responses drop after 50000 bytes each.
    assert.deepEqual(asked, [
      "/app.log -",
      "/app.log bytes=50000-",
      "/app.log bytes=100000-",
    ]);
    // Compressed, by content, resumed below the decompression.
    const gz = await collect(readLines(new URL(`${base}/app.log.gz`), quick));
    assert.equal(gz.length, 20000);
    assert.equal(gz.at(-1), `line 19999 ${"x".repeat(19999 % 30)}`);
  } finally {
    await server.shutdown();
  }
});

Deno.test("a shard of a URL whose connection drops goes on from the byte it stopped at, within its range", async () => {
  const { server, base, asked } = serve({
    "/app.log": { body: BODY, dropAfter: 30000, drops: 3, ranges: true },
  });
  try {
    const url = `${base}/app.log`;
    const lines: string[] = [];
    for (const index of [0, 1]) {
      lines.push(
        ...await collect(
          readLines(url, { ...quick, shard: { index, count: 2 } }),
        ),
      );
    }
    assert.equal(lines.map((l) => `${l}\n`).join(""), TEXT);
    // Shard 0's range drops at 30000 and goes on from there, up to the end
    // of the span the server said it sends (this one: the whole rest).
    const half = Math.floor(BODY.length / 2);
    assert.deepEqual(asked.slice(0, 3), [
      "/app.log bytes=0-9",
      `/app.log bytes=0-${half + 65536 - 1}`,
      `/app.log bytes=30000-${BODY.length - 1}`,
    ]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("a dropped connection that cannot be resumed is an error naming the URL and the byte offset", async () => {
  const { server, base } = serve({
    "/norange.log": { body: BODY, dropAfter: 40000, drops: 5, ranges: false },
    "/changing.log": {
      body: BODY,
      dropAfter: 40000,
      drops: 1,
      ranges: true,
      changing: true,
    },
    "/always.log": { body: BODY, dropAfter: 40000, drops: 99, ranges: true },
  });
  try {
    const cases: [string, RegExp][] = [
      [
        "/norange.log",
        /the connection dropped at byte offset 40000, and the server ignored the Range request \(it answered 200 with the whole resource\)$/,
      ],
      [
        "/changing.log",
        /the connection dropped at byte offset 40000, and the resource changed since it was first read/,
      ],
      [
        "/always.log",
        // Each try brings 40000 bytes more: the tries in a row are those
        // without a byte between them, and these always bring some, so it
        // reads to the end.
        /^$/,
      ],
    ];
    for (const [path, want] of cases) {
      const url = `${base}${path}`;
      const result = await collect(readLines(url, quick)).catch((e) => e);
      if (want.source === "^$") {
        assert.equal((result as string[]).length, 20000);
        continue;
      }
      assert.ok(result instanceof Deno.errors.Http, String(result));
      assert.ok(
        result.message.startsWith(`Cannot read "${url}": `),
        result.message,
      );
      assert.match(result.message, want);
    }
  } finally {
    await server.shutdown();
  }
});

Deno.test("tries to go on are bounded: a server that drops before any byte is given up on", async () => {
  const { server, base, asked } = serve({
    "/dead.log": { body: BODY, dropAfter: 0, drops: 99, ranges: true },
  });
  try {
    // The first response drops at once too: offset 0.
    await assert.rejects(
      () =>
        collect(
          readLines(`${base}/dead.log`, {
            http: { retries: 2, retryDelayMs: 1 },
          }),
        ),
      (error) =>
        error instanceof Deno.errors.Http &&
        error.message ===
          `Cannot read "${base}/dead.log": the connection dropped at byte offset 0, and 2 tries to go on from there failed`,
    );
    assert.equal(asked.length, 3);
  } finally {
    await server.shutdown();
  }
});

Deno.test("a URL the server does not have is NotFound, and URLs cannot be followed or resumed", async () => {
  const { server, base } = serve({});
  try {
    await assert.rejects(
      () => collect(readLines(`${base}/missing.log`)),
      (error) =>
        error instanceof Deno.errors.NotFound &&
        error.message ===
          `Cannot read "${base}/missing.log": the server answered 404 Not Found`,
    );
  } finally {
    await server.shutdown();
  }
  assert.throws(
    () => readLines("https://example.invalid/a.log", { follow: true }),
    /follow needs one file path/,
  );
  assert.throws(
    () =>
      pipeline(readLines("https://example.invalid/a.log"), writeLines("out"), {
        checkpoint: "ck",
      }),
    /readLines of a URL \("https:\/\/example\.invalid\/a\.log"\) cannot be resumed/,
  );
});

Deno.test("a server that goes silent counts as a dropped connection after http.idleTimeoutMs", async () => {
  // The first response stalls after 30000 bytes, keeping the connection
  // open; /mute never answers at all.
  let stalled: ReadableStreamDefaultController<Uint8Array> | undefined;
  const asked: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => {
      const path = new URL(req.url).pathname;
      const range = req.headers.get("range");
      asked.push(`${path} ${range ?? "-"}`);
      if (path === "/mute") {
        // No answer until the client gives up (then one it never reads).
        return new Promise<Response>((answer) =>
          req.signal.addEventListener("abort", () => answer(new Response()))
        );
      }
      const start = range === null ? 0 : Number(/=(\d+)-/.exec(range)![1]);
      const part = BODY.subarray(start);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (range === null && sent >= 30000) {
            stalled = controller; // silent from here on
            return new Promise(() => {});
          }
          if (sent >= part.length) return controller.close();
          const piece = part.subarray(sent, Math.min(part.length, sent + 4096));
          sent += piece.length;
          controller.enqueue(piece);
        },
      });
      return new Response(body, {
        status: range === null ? 200 : 206,
        headers: {
          etag: '"v1"',
          "content-length": String(part.length),
          ...(range === null ? {} : {
            "content-range": `bytes ${start}-${BODY.length - 1}/${BODY.length}`,
          }),
        },
      });
    },
  );
  const base = `http://127.0.0.1:${server.addr.port}`;
  const http = { retryDelayMs: 1, idleTimeoutMs: 300 };
  try {
    const started = performance.now();
    const lines = await collect(readLines(`${base}/app.log`, { http }));
    assert.equal(lines.map((l) => `${l}\n`).join(""), TEXT);
    assert.equal(asked[0], "/app.log -");
    assert.match(asked[1]!, /^\/app\.log bytes=\d+-$/);
    assert.ok(performance.now() - started < 10_000);
    await assert.rejects(
      collect(readLines(`${base}/mute`, { http })),
      (error: Error) => {
        assert.ok(error instanceof Deno.errors.TimedOut, String(error));
        assert.match(error.message, /\/mute": no answer came for 300 ms/);
        return true;
      },
    );
    assert.throws(
      () => readLines(`${base}/app.log`, { http: { idleTimeoutMs: 0 } }),
      /http\.idleTimeoutMs must be an integer of at least 1, got 0/,
    );
  } finally {
    try {
      stalled?.close(); // the client has gone: nothing left to close
    } catch {
      // already cancelled by the client's abort
    }
    await server.shutdown();
  }
});
