// Copyright 2026 the sluice authors. MIT license.
// Syslog lines, told apart per line: RFC 5424 (`<PRI>1 TIMESTAMP HOST APP
// PROCID MSGID [SD] MSG`) and the BSD form of RFC 3164 (`[<PRI>]Mmm dd
// hh:mm:ss HOST TAG[PID]: MSG`), also with an RFC 3339 time instead of the
// BSD one, as rsyslog writes files today.

import { quote } from "./_quote.ts";

/** A syslog line's fields. */
export interface SyslogRecord {
  /**
   * The time as written: `Jun 14 15:16:01` (RFC 3164) or RFC 3339
   * (`2003-10-11T22:14:15.003Z`); `null` for RFC 5424's `-`.
   */
  timestamp: string | null;
  /** The host, or `null` when the line has none. */
  hostname: string | null;
  /** The program (RFC 3164's tag, RFC 5424's APP-NAME), or `null`. */
  app: string | null;
  /** The process id: a number when it is one, else as written; or `null`. */
  pid: number | string | null;
  /** The message. */
  message: string;
  /** With a priority (`<34>`): the facility's keyword (`auth`, `local0`, ...). */
  facility?: string;
  /** With a priority: the severity's keyword (`err`, `info`, ...). */
  severity?: string;
  /** RFC 5424 only: the message's type, or `null` for `-`. */
  msgid?: string | null;
  /**
   * RFC 5424 only: the structured data, by SD-ID then parameter name, or
   * `null` for `-`.
   */
  structured_data?: Record<string, Record<string, string>> | null;
}

const FACILITIES = [
  "kern",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "authpriv",
  "ftp",
  "ntp",
  "security",
  "console",
  "solaris-cron",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
];
const SEVERITIES = [
  "emerg",
  "alert",
  "crit",
  "err",
  "warning",
  "notice",
  "info",
  "debug",
];
const MONTHS = new Set([
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
]);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A process id: a number when all digits (and short), else the text. */
function pidOf(text: string): number | string {
  if (text.length === 0 || text.length > 15) return text;
  for (let i = 0; i < text.length; i++) {
    if (!isDigit(text.charCodeAt(i))) return text;
  }
  return Number(text);
}

/** The end of a BSD time (`Jun 14 15:16:01`, `Jun  4 ...`) at `at`, or -1. */
function bsdTimeEnd(line: string, at: number): number {
  if (!MONTHS.has(line.slice(at, at + 3)) || line.charCodeAt(at + 3) !== 32) {
    return -1;
  }
  let i = at + 4;
  if (line.charCodeAt(i) === 32) i++;
  if (!isDigit(line.charCodeAt(i))) return -1;
  i++;
  if (isDigit(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) !== 32) return -1;
  i++;
  for (let k = 0; k < 8; k++) {
    const c = line.charCodeAt(i + k);
    if (k === 2 || k === 5 ? c !== 58 : !isDigit(c)) return -1;
  }
  i += 8;
  if (line.charCodeAt(i) === 46) {
    i++;
    while (isDigit(line.charCodeAt(i))) i++;
  }
  return i;
}

/** The end of an RFC 3339 time at `at` (up to the next space), or -1. */
function isoTimeEnd(line: string, at: number): number {
  for (let k = 0; k < 4; k++) if (!isDigit(line.charCodeAt(at + k))) return -1;
  if (line.charCodeAt(at + 4) !== 45) return -1;
  const sp = line.indexOf(" ", at);
  return sp < 0 ? -1 : sp;
}

/** RFC 5424's STRUCTURED-DATA from `at`: the value and where it ends. */
function structuredData(
  line: string,
  at: number,
): [Record<string, Record<string, string>>, number] | undefined {
  const out: Record<string, Record<string, string>> = {};
  let i = at;
  while (line.charCodeAt(i) === 91) {
    i++;
    let end = i;
    while (end < line.length) {
      const c = line.charCodeAt(end);
      if (c === 32 || c === 93) break;
      end++;
    }
    if (end === i || end >= line.length) return undefined;
    const params: Record<string, string> = {};
    out[line.slice(i, end)] = params;
    i = end;
    while (line.charCodeAt(i) === 32) {
      const eq = line.indexOf("=", i + 1);
      if (eq < 0 || line.charCodeAt(eq + 1) !== 34) return undefined;
      const name = line.slice(i + 1, eq);
      let value = "";
      let from = eq + 2;
      let k = from;
      for (;; k++) {
        if (k >= line.length) return undefined;
        const c = line.charCodeAt(k);
        if (c === 34) break;
        if (c === 92) {
          const next = line.charCodeAt(k + 1);
          // Only `"`, `\` and `]` are escapes; another backslash stays.
          if (next === 34 || next === 92 || next === 93) {
            value += line.slice(from, k);
            from = k + 1;
            k++;
          }
        }
      }
      params[name] = value + line.slice(from, k);
      i = k + 1;
    }
    if (line.charCodeAt(i) !== 93) return undefined;
    i++;
  }
  return i === at ? undefined : [out, i];
}

/** Makes the syslog parser; `note` ends its errors. */
export function syslogParser(note = ""): (line: string) => SyslogRecord {
  const fail = (line: string) =>
    new SyntaxError(`Not a syslog line${note}: ${quote(line)}`);
  const nil = (text: string) => text === "-" ? null : text;

  function rfc5424(line: string, pri: number, at: number): SyslogRecord {
    // VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD
    const fields: string[] = [];
    let i = line.indexOf(" ", at) + 1;
    for (let k = 0; k < 5; k++) {
      const sp = line.indexOf(" ", i);
      if (sp <= i) throw fail(line);
      fields.push(line.slice(i, sp));
      i = sp + 1;
    }
    let sd: Record<string, Record<string, string>> | null = null;
    if (line.charCodeAt(i) === 45) i++;
    else {
      const read = structuredData(line, i);
      if (read === undefined) throw fail(line);
      [sd, i] = read;
    }
    let message = "";
    if (i < line.length) {
      if (line.charCodeAt(i) !== 32) throw fail(line);
      message = line.slice(line.charCodeAt(i + 1) === 0xfeff ? i + 2 : i + 1);
    }
    const procid = nil(fields[3]!);
    return {
      timestamp: nil(fields[0]!),
      hostname: nil(fields[1]!),
      app: nil(fields[2]!),
      pid: procid === null ? null : pidOf(procid),
      message,
      facility: FACILITIES[pri >> 3]!,
      severity: SEVERITIES[pri & 7]!,
      msgid: nil(fields[4]!),
      structured_data: sd,
    };
  }

  return (line) => {
    let i = 0;
    let pri = -1;
    if (line.charCodeAt(0) === 60) {
      const close = line.indexOf(">", 1);
      if (close < 2 || close > 4) throw fail(line);
      pri = 0;
      for (let k = 1; k < close; k++) {
        const c = line.charCodeAt(k);
        if (!isDigit(c)) throw fail(line);
        pri = pri * 10 + c - 48;
      }
      if (pri > 191) throw fail(line);
      i = close + 1;
      // RFC 5424: a version number and a space follow the priority.
      let v = i;
      while (isDigit(line.charCodeAt(v))) v++;
      if (v > i && v - i <= 2 && line.charCodeAt(v) === 32) {
        return rfc5424(line, pri, i);
      }
    }
    let end = bsdTimeEnd(line, i);
    if (end < 0) end = isoTimeEnd(line, i);
    if (end < 0 || line.charCodeAt(end) !== 32) throw fail(line);
    const timestamp = line.slice(i, end);
    i = end + 1;
    // HOSTNAME, unless the word is already the tag (`sshd[42]:`).
    let hostname: string | null = null;
    let sp = line.indexOf(" ", i);
    const word = sp < 0 ? line.length : sp;
    if (
      word > i && line.charCodeAt(word - 1) !== 58 &&
      line.charCodeAt(word - 1) !== 93
    ) {
      hostname = line.slice(i, word);
      i = word + 1;
    }
    // TAG[PID]: or TAG:
    let app: string | null = null;
    let pid: number | string | null = null;
    let t = i;
    while (t < line.length) {
      const c = line.charCodeAt(t);
      if (c === 58 || c === 91 || c === 32) break;
      t++;
    }
    let msgStart = i;
    if (t > i && t < line.length) {
      const c = line.charCodeAt(t);
      if (c === 58) {
        app = line.slice(i, t);
        msgStart = t + 1;
      } else if (c === 91) {
        const close = line.indexOf("]", t + 1);
        if (close > t && line.charCodeAt(close + 1) === 58) {
          app = line.slice(i, t);
          pid = pidOf(line.slice(t + 1, close));
          msgStart = close + 2;
        }
      }
      if (app !== null && line.charCodeAt(msgStart) === 32) msgStart++;
    }
    sp = msgStart > line.length ? line.length : msgStart;
    const message = line.slice(sp);
    if (pri < 0) return { timestamp, hostname, app, pid, message };
    return {
      timestamp,
      hostname,
      app,
      pid,
      message,
      facility: FACILITIES[pri >> 3]!,
      severity: SEVERITIES[pri & 7]!,
    };
  };
}
