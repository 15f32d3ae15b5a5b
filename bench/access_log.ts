// Copyright 2026 the sluice authors. MIT license.
/**
 * A deterministic access log in the combined format, for the bench's PARSE
 * tasks: `deno run -W bench/access_log.ts OUT BYTES`. Clients are drawn from
 * a skewed pool (a few busy ones, a long tail), times go forward a second or
 * so a line, and about one request in a hundred has a quoted field with an
 * escaped quote in it.
 *
 * @module
 */

const [out, size] = Deno.args;
if (out === undefined || size === undefined) {
  console.error("usage: deno run -W bench/access_log.ts OUT BYTES");
  Deno.exit(2);
}
const bytes = Number(size);

// A small linear congruential generator: the same log on every machine.
let seed = 20150517;
function next(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;

const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const METHODS = ["GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "POST"];
const PATHS = [
  "/",
  "/index.html",
  "/blog/tags/wine",
  "/files/logstash/logstash-1.1.9-monolithic.jar",
  "/presentations/logstash-monitorama-2013/images/kibana-search.png",
  "/projects/xdotool/",
  "/style2.css",
  "/favicon.ico",
  "/reset.css",
  "/images/jordan-80.png",
];
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 304, 404, 301, 500];
const AGENTS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36",
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "curl/7.29.0",
  'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:27.0) Gecko/20100101 Firefox/27.0 \\"quoted\\"',
];
const REFERERS = [
  "-",
  "-",
  "http://semicomplete.com/",
  "https://www.google.com/",
];
const pad = (n: number) => String(n).padStart(2, "0");

const file = await Deno.open(out, {
  write: true,
  create: true,
  truncate: true,
});
const encoder = new TextEncoder();
let written = 0;
let time = Date.UTC(2015, 4, 17, 10, 5, 3);
while (written < bytes) {
  const lines: string[] = [];
  for (let i = 0; i < 4096; i++) {
    // Skewed: the square of a uniform number favours the low addresses.
    const client = Math.floor(next() ** 2 * 20000);
    const ip = `${10 + (client >> 16)}.${(client >> 8) & 255}.${client & 255}.${
      1 + (client % 200)
    }`;
    time += Math.floor(next() * 2000);
    const d = new Date(time);
    const stamp = `${pad(d.getUTCDate())}/${
      MONTHS[d.getUTCMonth()]
    }/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${
      pad(d.getUTCSeconds())
    } +0000`;
    const status = pick(STATUSES);
    const sent = status === 304 ? "-" : String(Math.floor(next() * 200000));
    lines.push(
      `${ip} - - [${stamp}] "${pick(METHODS)} ${
        pick(PATHS)
      } HTTP/1.1" ${status} ${sent} "${pick(REFERERS)}" "${
        next() < 0.01 ? AGENTS[3] : pick(AGENTS.slice(0, 3))
      }"`,
    );
  }
  const chunk = encoder.encode(lines.join("\n") + "\n");
  const cut = Math.min(chunk.length, bytes - written);
  // The last chunk is cut at a line's end.
  const end = cut === chunk.length ? cut : chunk.lastIndexOf(10, cut - 1) + 1;
  if (end === 0) break;
  for (let at = 0; at < end;) at += await file.write(chunk.subarray(at, end));
  written += end;
}
file.close();
