// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Writes a realistic, deterministic sample log: ISO timestamps, levels
 * (about 2% ERROR, 8% WARN), services, request fields in logfmt, lines of
 * 50 to 330 bytes (about 130 on average), and about 5% non-ASCII messages.
 * The same size and seed always give the same bytes.
 *
 * Run it on its own: `deno run -W examples/sample_log.ts app.log 50MB`.
 *
 * @module
 */

// Only the logfmt parser, by its subpath: in this repository the import map
// names the bundle, so a test or a benchmark that imports the sources and this
// file holds the parser twice; only strings pass between the two.
import { parseLogfmt } from "jsr:@sluice/sluice/logfmt";

/** A small seeded generator of numbers in [0, 1): mulberry32. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Changes whenever the generator's output changes, so caches can tell. */
export const SAMPLE_VERSION = 2;

const SERVICES = [
  "api",
  "auth",
  "billing",
  "search",
  "checkout",
  "media",
  "notify",
];
const METHODS = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
const PATHS = [
  "/v1/users",
  "/v1/orders",
  "/v1/items",
  "/v1/login",
  "/v2/search",
  "/health",
];
const MESSAGES = [
  "request served",
  "cache miss, fetched from origin",
  "slow upstream response",
  "retrying after timeout",
  "user session refreshed",
  "payload validated",
];
const UNICODE = [
  "Benutzer angemeldet: Jürgen Größe",
  "paiement refusé: carte expirée",
  "注文を処理しました",
  "запрос обработан успешно",
  "café ☕ order ready 🎉",
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/**
 * Parses a size such as `"200MB"`, `"1GiB"` or `"4096"` into bytes
 * (MB = 10^6, MiB = 2^20).
 */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i.exec(text.trim());
  if (m === null) {
    throw new RangeError(`Cannot parse size "${text}": use e.g. 200MB or 1GiB`);
  }
  const units: Record<string, number> = {
    b: 1,
    kb: 1e3,
    kib: 1024,
    mb: 1e6,
    mib: 1024 ** 2,
    gb: 1e9,
    gib: 1024 ** 3,
  };
  return Math.round(Number(m[1]) * units[(m[2] ?? "b").toLowerCase()]!);
}

/** Makes the lines of the sample log, one block at a time. */
export function* sampleLines(seed = 1): Generator<string> {
  const rnd = seededRandom(seed);
  let time = Date.UTC(2026, 10, 1);
  while (true) {
    time += Math.floor(rnd() * 40);
    const r = rnd();
    const level = r < 0.02 ? "ERROR" : r < 0.10 ? "WARN" : "INFO";
    const service = pick(rnd, SERVICES);
    const status = level === "ERROR"
      ? pick(rnd, [500, 502, 503, 504])
      : level === "WARN"
      ? pick(rnd, [404, 409, 429])
      : pick(rnd, [200, 200, 200, 201, 204]);
    const latency = Math.floor(rnd() * rnd() * 2000);
    const message = rnd() < 0.05 ? pick(rnd, UNICODE) : pick(rnd, MESSAGES);
    // Padding makes the length vary from about 50 to 330 bytes.
    const extra = rnd() < 0.8 ? 0 : Math.floor(rnd() * rnd() * 175);
    const pad = extra > 0
      ? ` trace=${"abcdef0123456789".repeat(13).slice(0, extra)}`
      : "";
    const id = Math.floor(rnd() * 0xffffffff).toString(16).padStart(8, "0");
    yield rnd() < 0.12
      ? `${new Date(time).toISOString()} ${level} ${service} ${message}`
      : `${new Date(time).toISOString()} ${level} ${service} req=${id} method=${
        pick(rnd, METHODS)
      } path=${pick(rnd, PATHS)}/${
        Math.floor(rnd() * 10000)
      } status=${status} latency_ms=${latency} msg="${message}"${pad}`;
  }
}

/** The same log as JSON lines: one object per line, numbers as numbers. */
export function* jsonLines(seed = 1): Generator<string> {
  for (const line of sampleLines(seed)) {
    const [time, level, service] = line.split(" ", 3);
    const record: Record<string, unknown> = { time, level, service };
    for (const [k, v] of Object.entries(parseLogfmt(line))) {
      record[k] = /^\d+$/.test(v) ? Number(v) : v;
    }
    if (!("msg" in record)) record.msg = line.split(" ").slice(3).join(" ");
    yield JSON.stringify(record);
  }
}

/**
 * Writes about `bytes` bytes of sample log to `path` (whole lines, so a
 * little more), checking every write.
 *
 * @returns The number of bytes written.
 */
export async function writeSampleLog(
  path: string,
  bytes: number,
  seed = 1,
  format: "logfmt" | "json" = "logfmt",
): Promise<number> {
  const encoder = new TextEncoder();
  const lines = format === "json" ? jsonLines(seed) : sampleLines(seed);
  using file = await Deno.open(path, {
    write: true,
    create: true,
    truncate: true,
  });
  let written = 0;
  while (written < bytes) {
    const block: string[] = [];
    let size = 0;
    while (size < 1 << 20 && written + size < bytes) {
      const line = lines.next().value!;
      block.push(line);
      size += line.length + 1;
    }
    const data = encoder.encode(block.join("\n") + "\n");
    for (let at = 0; at < data.length;) {
      at += await file.write(data.subarray(at));
    }
    written += data.length;
  }
  await file.sync();
  return written;
}

if (import.meta.main) {
  const [path, size = "50MB", format = "logfmt"] = Deno.args;
  if (path === undefined) {
    console.error(
      "usage: deno run -W examples/sample_log.ts FILE [SIZE] [logfmt|json]",
    );
    Deno.exit(2);
  }
  if (format !== "logfmt" && format !== "json") {
    console.error(`format must be logfmt or json, got ${format}`);
    Deno.exit(2);
  }
  const n = await writeSampleLog(path, parseSize(size), 1, format);
  console.error(`wrote ${n} bytes to ${path}`);
}
