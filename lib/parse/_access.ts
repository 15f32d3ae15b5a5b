// Copyright 2026 the sluice authors. MIT license.
// Access logs in the Common Log Format and NCSA's combined format (Apache's
// `%h %l %u %t "%r" %>s %b` and `... "%{Referer}i" "%{User-agent}i"`, nginx's
// `combined`), read with indexOf and charCodeAt: one pass, no regex, and no
// string made beyond the fields themselves.

import { quote } from "./_quote.ts";

/** A line of an access log in the Common Log Format. */
export interface CommonLogRecord {
  /** The client's address (`%h`, nginx's `$remote_addr`). */
  remote_addr: string;
  /** The user of HTTP authentication (`%u`), or `null` for `-`. */
  remote_user: string | null;
  /** The time as written, without its brackets: `10/Oct/2000:13:55:36 -0700`. */
  time_local: string;
  /** The request line (`%r`), or `null` for `-`. */
  request: string | null;
  /** The request's method, or `null` when the request has no space. */
  method: string | null;
  /** The request's target, or `null` when the request has no space. */
  path: string | null;
  /** The request's protocol (`HTTP/1.1`), or `null` when it has none. */
  protocol: string | null;
  /** The status code, or `null` for `-`. */
  status: number | null;
  /** The size of the body in bytes; `-` (which `%b` writes for none) is 0. */
  body_bytes_sent: number;
}

/** A line of an access log in the combined format. */
export interface CombinedLogRecord extends CommonLogRecord {
  /** The Referer header, or `null` for `-`. */
  http_referer: string | null;
  /** The User-Agent header, or `null` for `-`. */
  http_user_agent: string | null;
}

/**
 * The index of the quote that closes a quoted field whose text starts at
 * `from` (a backslash escapes the next character), or -1.
 */
function closingQuote(line: string, from: number): number {
  let q = line.indexOf('"', from);
  while (q !== -1) {
    let backslashes = 0;
    for (let b = q - 1; b >= from && line.charCodeAt(b) === 92; b--) {
      backslashes++;
    }
    if ((backslashes & 1) === 0) return q;
    q = line.indexOf('"', q + 1);
  }
  return -1;
}

/**
 * The text of a quoted field from `start` to `end`: `\"` and `\\` read as
 * the characters they escape, other escapes (`\xhh`, `\n`) kept as written;
 * `null` for `-`.
 */
function unquoted(line: string, start: number, end: number): string | null {
  if (end - start === 1 && line.charCodeAt(start) === 45) return null;
  const text = line.slice(start, end);
  return text.indexOf("\\") === -1 ? text : text.replace(/\\(["\\])/g, "$1");
}

/** The unsigned decimal number from `start` to `end`, or -1. */
function number(line: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Makes the parser of one of the two formats; `note` ends its errors. */
export function accessParser(
  combined: boolean,
  note = "",
): (line: string) => CombinedLogRecord | CommonLogRecord {
  const what = combined ? "combined" : "common";
  const fail = (line: string) =>
    new SyntaxError(`Not a ${what} access log line${note}: ${quote(line)}`);
  return (line) => {
    const n = line.length;
    // %h %l %u [%t]
    const a = line.indexOf(" ");
    if (a <= 0) throw fail(line);
    const b = line.indexOf(" ", a + 1);
    if (b < 0) throw fail(line);
    const c = line.indexOf(" [", b + 1);
    if (c < 0) throw fail(line);
    const d = line.indexOf('] "', c + 2);
    if (d < 0) throw fail(line);
    // "%r"
    const r = closingQuote(line, d + 3);
    if (r < 0 || line.charCodeAt(r + 1) !== 32) throw fail(line);
    // %>s %b
    const s = line.indexOf(" ", r + 2);
    if (s < 0) throw fail(line);
    let e = line.indexOf(" ", s + 1);
    if (e < 0) e = n;
    const status = s - (r + 2) === 1 && line.charCodeAt(r + 2) === 45
      ? null
      : number(line, r + 2, s);
    const dash = e - s === 2 && line.charCodeAt(s + 1) === 45;
    const bytes = dash ? 0 : number(line, s + 1, e);
    if (status === -1 || bytes === -1) throw fail(line);
    let referer: string | null = null;
    let agent: string | null = null;
    if (combined) {
      // "%{Referer}i" "%{User-agent}i"
      if (line.charCodeAt(e + 1) !== 34) throw fail(line);
      const f = closingQuote(line, e + 2);
      if (f < 0 || line.charCodeAt(f + 1) !== 32) throw fail(line);
      if (line.charCodeAt(f + 2) !== 34) throw fail(line);
      const g = closingQuote(line, f + 3);
      if (g < 0) throw fail(line);
      referer = unquoted(line, e + 2, f);
      agent = unquoted(line, f + 3, g);
      e = g + 1;
    }
    for (; e < n; e++) {
      const ch = line.charCodeAt(e);
      if (ch !== 32 && ch !== 9) throw fail(line);
    }
    // The request line: method, target, protocol.
    const request = unquoted(line, d + 3, r);
    let method: string | null = null;
    let path: string | null = null;
    let protocol: string | null = null;
    if (request !== null) {
      const m = request.indexOf(" ");
      if (m > 0) {
        method = request.slice(0, m);
        const p = request.lastIndexOf(" ");
        if (p > m && request.startsWith("HTTP/", p + 1)) {
          path = request.slice(m + 1, p);
          protocol = request.slice(p + 1);
        } else path = request.slice(m + 1);
      }
    }
    const user = c - b === 2 && line.charCodeAt(b + 1) === 45
      ? null
      : line.slice(b + 1, c);
    if (combined) {
      return {
        remote_addr: line.slice(0, a),
        remote_user: user,
        time_local: line.slice(c + 2, d),
        request,
        method,
        path,
        protocol,
        status,
        body_bytes_sent: bytes,
        http_referer: referer,
        http_user_agent: agent,
      };
    }
    return {
      remote_addr: line.slice(0, a),
      remote_user: user,
      time_local: line.slice(c + 2, d),
      request,
      method,
      path,
      protocol,
      status,
      body_bytes_sent: bytes,
    };
  };
}
