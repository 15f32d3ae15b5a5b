// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  epochMs,
  timeContext
} from "./chunk-2DP43KBK.js";
import {
  jsonKeysParser,
  jsonParser
} from "./chunk-2T7D4BFK.js";
import {
  quote
} from "./chunk-VF6QJMNP.js";
import {
  parseLogfmt
} from "./chunk-HME7MDZD.js";
import {
  perItemStage
} from "./chunk-DBGDXXNI.js";
import {
  defineStage
} from "./chunk-UQVDOQX2.js";
import {
  Failures,
  policyOf
} from "./chunk-W7PSUR2W.js";
import {
  stageFailure
} from "./chunk-XSSWW4V7.js";
import {
  ChunkBuilder,
  lineOf
} from "./chunk-LTYBISTW.js";
import {
  stageImpl
} from "./chunk-RJWQ7O3S.js";

// lib/parse/_access.ts
function closingQuote(line, from) {
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
function unquoted(line, start, end) {
  if (end - start === 1 && line.charCodeAt(start) === 45) return null;
  const text = line.slice(start, end);
  return text.indexOf("\\") === -1 ? text : text.replace(/\\(["\\])/g, "$1");
}
function number(line, start, end) {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = line.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
function accessParser(combined, note = "") {
  const what = combined ? "combined" : "common";
  const fail = (line) => new SyntaxError(`Not a ${what} access log line${note}: ${quote(line)}`);
  return (line) => {
    const n = line.length;
    const a = line.indexOf(" ");
    if (a <= 0) throw fail(line);
    const b = line.indexOf(" ", a + 1);
    if (b < 0) throw fail(line);
    const c = line.indexOf(" [", b + 1);
    if (c < 0) throw fail(line);
    const d = line.indexOf('] "', c + 2);
    if (d < 0) throw fail(line);
    const r = closingQuote(line, d + 3);
    if (r < 0 || line.charCodeAt(r + 1) !== 32) throw fail(line);
    const s = line.indexOf(" ", r + 2);
    if (s < 0) throw fail(line);
    let e = line.indexOf(" ", s + 1);
    if (e < 0) e = n;
    const status = s - (r + 2) === 1 && line.charCodeAt(r + 2) === 45 ? null : number(line, r + 2, s);
    const dash = e - s === 2 && line.charCodeAt(s + 1) === 45;
    const bytes = dash ? 0 : number(line, s + 1, e);
    if (status === -1 || bytes === -1) throw fail(line);
    let referer = null;
    let agent = null;
    if (combined) {
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
    const request = unquoted(line, d + 3, r);
    let method = null;
    let path = null;
    let protocol = null;
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
    const user = c - b === 2 && line.charCodeAt(b + 1) === 45 ? null : line.slice(b + 1, c);
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
        http_user_agent: agent
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
      body_bytes_sent: bytes
    };
  };
}

// lib/parse/_line_parsers.ts
function words(line) {
  const out = [];
  const n = line.length;
  let i = 0;
  for (; ; ) {
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c !== 32 && c !== 9) break;
      i++;
    }
    if (i >= n) return out;
    const start = i;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 32 || c === 9) break;
      i++;
    }
    out.push(line.slice(start, i));
  }
}
function logfmtParser(note = "") {
  return (line) => {
    const record = parseLogfmt(line);
    for (const _ in record) return record;
    throw new SyntaxError(`Not a logfmt line${note}: no key=value pair in ${quote(line)}`);
  };
}
function regexParser(re) {
  if (!/\(\?<[^=!]/.test(re.source)) {
    throw new TypeError(`Cannot create parse stage: the regular expression ${re} has no named group, such as (?<ip>\\S+)`);
  }
  const own = new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
  return (line) => {
    const groups = own.exec(line)?.groups;
    if (groups === void 0) {
      throw new SyntaxError(`Line does not match ${own}: ${quote(line)}`);
    }
    const out = {};
    for (const name in groups) out[name] = groups[name] ?? null;
    return out;
  };
}

// lib/parse/_csv.ts
var CsvReader = class {
  /** The fields of the record being read, when it spans lines. */
  #fields = [];
  /** The quoted field being read, when it spans lines. */
  #field = "";
  #open = false;
  #bytes = 0;
  #sep;
  #maxBytes;
  /**
   * @param separator `","` or `"\t"`.
   * @param maxRecordBytes The most UTF-8 bytes of one record.
   */
  constructor(separator, maxRecordBytes) {
    this.#sep = separator;
    this.#maxBytes = maxRecordBytes;
  }
  /** Whether a record is open: a quoted field goes on on the next line. */
  get open() {
    return this.#open;
  }
  /** Forgets the open record (after it failed). */
  reset() {
    this.#fields = [];
    this.#field = "";
    this.#open = false;
    this.#bytes = 0;
  }
  /**
   * Takes the next line: the fields of the record it ends, or undefined
   * while a quoted field goes on to the next line. A blank line outside a
   * record is no record: undefined.
   *
   * @throws {SyntaxError} When a quoted field is followed by other text.
   * @throws {RangeError} When the record grows beyond the bound.
   */
  line(text) {
    if (!this.#open) {
      if (text.length * 3 > this.#maxBytes) this.#check(utf8Length(text));
      if (text.indexOf('"') === -1) {
        return text === "" ? void 0 : text.split(this.#sep);
      }
      const fields2 = this.#fieldsFrom(text, 0, []);
      if (this.#open) this.#bytes = utf8Length(text);
      return fields2;
    }
    this.#check(this.#bytes + 1 + utf8Length(text));
    this.#field += "\n";
    const fields = this.#fields;
    this.#fields = [];
    this.#open = false;
    const i = this.#quoted(text, 0, fields);
    if (i < 0) return void 0;
    return i === text.length ? fields : this.#fieldsFrom(text, i + 1, fields);
  }
  /** Takes `bytes` as the record's size, or throws when it is too many. */
  #check(bytes) {
    this.#bytes = bytes;
    if (bytes <= this.#maxBytes) return;
    const open = this.#open;
    this.reset();
    throw new RangeError(`Record is longer than maxRecordBytes (${this.#maxBytes})${open ? ": is a quote left open?" : ""}`);
  }
  /** The record's fields from `i`, where a field starts, to the line's end. */
  #fieldsFrom(text, from, fields) {
    const sep = this.#sep;
    const n = text.length;
    let i = from;
    for (; ; ) {
      if (text.charCodeAt(i) === 34) {
        this.#field = "";
        i = this.#quoted(text, i + 1, fields);
        if (i < 0) return void 0;
        if (i === n) return fields;
        i++;
        if (i === n) {
          fields.push("");
          return fields;
        }
        continue;
      }
      const end = text.indexOf(sep, i);
      if (end === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, end));
      i = end + 1;
      if (i === n) {
        fields.push("");
        return fields;
      }
    }
  }
  /**
   * Reads a quoted field's text from `i` (past its opening quote, or at the
   * start of a line inside it) onto `#field`. Returns the index after its
   * closing quote (at a separator or the line's end), or -1 when the field
   * goes on to the next line (the record is then open).
   */
  #quoted(text, from, fields) {
    let i = from;
    for (; ; ) {
      const q = text.indexOf('"', i);
      if (q === -1) {
        this.#field += text.slice(i);
        this.#fields = fields;
        this.#open = true;
        return -1;
      }
      this.#field += text.slice(i, q);
      if (text.charCodeAt(q + 1) === 34) {
        this.#field += '"';
        i = q + 2;
        continue;
      }
      const after = q + 1;
      if (after < text.length && text[after] !== this.#sep) {
        this.reset();
        throw new SyntaxError(`A quoted field is followed by ${JSON.stringify(text.slice(after, after + 20))} where a separator or the end of the line belongs`);
      }
      fields.push(this.#field);
      this.#field = "";
      return after;
    }
  }
};
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 128 ? 1 : c < 2048 || c >= 55296 && c < 57344 ? 2 : 3;
  }
  return bytes;
}
function headerNames(fields) {
  const seen = /* @__PURE__ */ new Map();
  return fields.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

// lib/parse/_syslog.ts
var FACILITIES = [
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
  "local7"
];
var SEVERITIES = [
  "emerg",
  "alert",
  "crit",
  "err",
  "warning",
  "notice",
  "info",
  "debug"
];
var MONTHS = /* @__PURE__ */ new Set([
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
  "Dec"
]);
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function pidOf(text) {
  if (text.length === 0 || text.length > 15) return text;
  for (let i = 0; i < text.length; i++) {
    if (!isDigit(text.charCodeAt(i))) return text;
  }
  return Number(text);
}
function bsdTimeEnd(line, at) {
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
function isoTimeEnd(line, at) {
  for (let k = 0; k < 4; k++) if (!isDigit(line.charCodeAt(at + k))) return -1;
  if (line.charCodeAt(at + 4) !== 45) return -1;
  const sp = line.indexOf(" ", at);
  return sp < 0 ? -1 : sp;
}
function structuredData(line, at) {
  const out = {};
  let i = at;
  while (line.charCodeAt(i) === 91) {
    i++;
    let end = i;
    while (end < line.length) {
      const c = line.charCodeAt(end);
      if (c === 32 || c === 93) break;
      end++;
    }
    if (end === i || end >= line.length) return void 0;
    const params = {};
    out[line.slice(i, end)] = params;
    i = end;
    while (line.charCodeAt(i) === 32) {
      const eq = line.indexOf("=", i + 1);
      if (eq < 0 || line.charCodeAt(eq + 1) !== 34) return void 0;
      const name = line.slice(i + 1, eq);
      let value = "";
      let from = eq + 2;
      let k = from;
      for (; ; k++) {
        if (k >= line.length) return void 0;
        const c = line.charCodeAt(k);
        if (c === 34) break;
        if (c === 92) {
          const next = line.charCodeAt(k + 1);
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
    if (line.charCodeAt(i) !== 93) return void 0;
    i++;
  }
  return i === at ? void 0 : [
    out,
    i
  ];
}
function syslogParser(note = "") {
  const fail = (line) => new SyntaxError(`Not a syslog line${note}: ${quote(line)}`);
  const nil = (text) => text === "-" ? null : text;
  function rfc5424(line, pri, at) {
    const fields = [];
    let i = line.indexOf(" ", at) + 1;
    for (let k = 0; k < 5; k++) {
      const sp = line.indexOf(" ", i);
      if (sp <= i) throw fail(line);
      fields.push(line.slice(i, sp));
      i = sp + 1;
    }
    let sd = null;
    if (line.charCodeAt(i) === 45) i++;
    else {
      const read = structuredData(line, i);
      if (read === void 0) throw fail(line);
      [sd, i] = read;
    }
    let message = "";
    if (i < line.length) {
      if (line.charCodeAt(i) !== 32) throw fail(line);
      message = line.slice(line.charCodeAt(i + 1) === 65279 ? i + 2 : i + 1);
    }
    const procid = nil(fields[3]);
    return {
      timestamp: nil(fields[0]),
      hostname: nil(fields[1]),
      app: nil(fields[2]),
      pid: procid === null ? null : pidOf(procid),
      message,
      facility: FACILITIES[pri >> 3],
      severity: SEVERITIES[pri & 7],
      msgid: nil(fields[4]),
      structured_data: sd
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
    let hostname = null;
    let sp = line.indexOf(" ", i);
    const word = sp < 0 ? line.length : sp;
    if (word > i && line.charCodeAt(word - 1) !== 58 && line.charCodeAt(word - 1) !== 93) {
      hostname = line.slice(i, word);
      i = word + 1;
    }
    let app = null;
    let pid = null;
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
    if (pri < 0) return {
      timestamp,
      hostname,
      app,
      pid,
      message
    };
    return {
      timestamp,
      hostname,
      app,
      pid,
      message,
      facility: FACILITIES[pri >> 3],
      severity: SEVERITIES[pri & 7]
    };
  };
}

// lib/parse/_auto.ts
var SAMPLE_LINES = 20;
function score(lines, test) {
  let read = 0;
  for (const line of lines) {
    try {
      if (test(line) !== false) read++;
    } catch {
    }
  }
  return read;
}
function separated(lines, separator) {
  if (!lines.some((l) => l.includes(separator))) return false;
  const reader = new CsvReader(separator, 1 << 20);
  let width = -1;
  return score(lines, (line) => {
    const fields = reader.line(line);
    if (fields === void 0) return true;
    if (width === -1) width = fields.length;
    return fields.length >= 2 && fields.length === width;
  }) === lines.length;
}
function chooseFormat(lines) {
  if (lines.length === 0) return "words";
  const enough = (read2) => read2 * 4 >= lines.length * 3;
  if (enough(score(lines, jsonParser()))) return "json";
  if (enough(score(lines, accessParser(true)))) return "combined";
  if (enough(score(lines, accessParser(false)))) return "common";
  const syslog = syslogParser();
  let named = 0;
  const read = score(lines, (l) => {
    if (syslog(l).app !== null) named++;
  });
  if (enough(read) && named * 2 >= read) return "syslog";
  const logfmt = logfmtParser();
  const pairs = score(lines, (l) => Object.keys(logfmt(l)).length >= 2 || !/(^| )[^ =]+( |$)/.test(l));
  if (enough(pairs)) return "logfmt";
  if (separated(lines, "	")) return "tsv";
  if (separated(lines, ",")) return "csv";
  return "words";
}

// lib/parse/_records.ts
var Failing = class {
  #failures;
  #stats;
  #ctx;
  constructor(policy, stats, ctx) {
    this.#failures = policy && new Failures(policy, stats, ctx);
    this.#stats = stats;
    this.#ctx = ctx;
  }
  /** Set until the dead letter is open. */
  get ready() {
    return this.#failures?.ready;
  }
  /**
   * `item` at `line` of `path` failed: throws the stage's error, or under a
   * policy returns what to wait for, if anything.
   */
  fail(error, item, line, path) {
    if (this.#failures === void 0) {
      throw stageFailure(error, this.#stats, this.#ctx, {
        line,
        path
      });
    }
    return this.#failures.add(error, item, line, path);
  }
};
async function* csvRecords(input, settings, failing) {
  if (failing.ready !== void 0) await failing.ready;
  const reader = new CsvReader(settings.separator, settings.maxRecordBytes);
  const { columns, header, finish, note } = settings;
  let names = columns;
  let skipHeader = header;
  let start = 0;
  let startText = "";
  let path;
  let inputOf = -1;
  const unclosed = () => new SyntaxError(`Record ends inside a quoted field at the end of the input${note}`);
  for await (const chunk of input) {
    const items = chunk.items;
    const out = new ChunkBuilder();
    if (chunk.input !== inputOf || chunk.path !== path) {
      if (inputOf !== -1 && reader.open) {
        reader.reset();
        const wait = failing.fail(unclosed(), startText, start, path);
        if (wait !== void 0) await wait;
      }
      if (inputOf !== -1 && header) {
        names = columns;
        skipHeader = true;
      }
      inputOf = chunk.input;
      path = chunk.path;
    }
    for (let i = 0; i < items.length; i++) {
      const text = items[i];
      if (!reader.open) {
        start = lineOf(chunk, i);
        startText = typeof text === "string" ? text : "";
      }
      let record;
      try {
        if (typeof text !== "string") throw notText(text);
        const fields = reader.line(text);
        if (fields === void 0) continue;
        if (skipHeader) {
          skipHeader = false;
          names ??= headerNames(fields);
          continue;
        }
        if (names === void 0) record = fields;
        else {
          if (fields.length !== names.length) {
            throw new RangeError(`Record has ${fields.length} ${fields.length === 1 ? "field" : "fields"} where the ${columns === void 0 ? "header has" : "columns are"} ${names.length}${note}: ${quote(String(text))}`);
          }
          const o = {};
          for (let k = 0; k < names.length; k++) o[names[k]] = fields[k];
          record = finish === void 0 ? o : finish(o);
        }
      } catch (error) {
        const wait = failing.fail(error, text, start, chunk.path);
        if (wait !== void 0) await wait;
        continue;
      }
      out.push(record, start);
    }
    const built = out.build(chunk);
    if (built !== void 0) yield built;
  }
  if (reader.open) {
    reader.reset();
    const wait = failing.fail(unclosed(), startText, start, path);
    if (wait !== void 0) await wait;
  }
}
function notText(item) {
  return new TypeError(`parse takes lines (strings), got ${item === null ? "null" : typeof item}`);
}
async function* autoRecords(input, settings, policy, stats, ctx) {
  const it = input[Symbol.asyncIterator]();
  const held = [];
  let sample = [];
  while (sample.length === 0) {
    const next = await it.next();
    if (next.done === true) break;
    held.push(next.value);
    sample = next.value.items.filter((l) => typeof l === "string" && l.trim() !== "").slice(0, SAMPLE_LINES);
  }
  if (sample.length === 0 && held.length === 0) return;
  const choice = chooseFormat(sample);
  stats.count(`auto chose ${choice}`);
  const note = ` (the format auto chose from the first ${sample.length} ${sample.length === 1 ? "line" : "lines"})`;
  async function* rest() {
    yield* held;
    held.length = 0;
    for (; ; ) {
      const next = await it.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  try {
    if (choice === "csv" || choice === "tsv") {
      yield* csvRecords(rest(), settings.csv(choice, note), new Failing(policy, stats, ctx));
      return;
    }
    const impl = stageImpl(settings.lineStage(choice, note));
    const transform = impl.transformer(stats, ctx);
    for await (const chunk of rest()) {
      let out = transform(chunk);
      if (out instanceof Promise) out = await out;
      if (out !== void 0 && out.items.length > 0) yield out;
    }
  } finally {
    await it.return?.();
  }
}

// lib/parse/parse.ts
var PARSE_FORMATS = Object.freeze([
  "combined",
  "common",
  "syslog",
  "json",
  "logfmt",
  "csv",
  "tsv",
  "words",
  "auto"
]);
var FORMATS = new Set(PARSE_FORMATS);
var OWN_TIME = {
  combined: [
    "time_local",
    "access"
  ],
  common: [
    "time_local",
    "access"
  ],
  syslog: [
    "timestamp",
    void 0
  ]
};
function parse(format, options = {}) {
  if (!(format instanceof RegExp) && !FORMATS.has(format)) {
    throw new TypeError(`Cannot create parse stage: unknown format ${typeof format === "string" ? JSON.stringify(format) : typeof format}; the formats are ${[
      ...FORMATS
    ].join(", ")} or a RegExp`);
  }
  const policy = policyOf("parse", options);
  const maxRecordBytes = options.maxRecordBytes ?? 1 << 20;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 1) {
    throw new RangeError(`Cannot create parse stage: maxRecordBytes must be a positive integer, got ${maxRecordBytes}`);
  }
  const { columns, time } = options;
  if (columns !== void 0 && (!Array.isArray(columns) || columns.some((c) => typeof c !== "string"))) {
    throw new TypeError("Cannot create parse stage: columns must be an array of strings");
  }
  const keys = keysOf(format, options);
  const header = options.header ?? columns === void 0;
  const times = time === void 0 || time === false ? void 0 : timeContext(options);
  const name = options.name;
  if (format instanceof RegExp) {
    return lineStage(regexParser(format), "regex", name, policy, times, time);
  }
  const csv = (choice, note) => ({
    separator: choice === "csv" ? "," : "	",
    maxRecordBytes,
    columns,
    header,
    finish: times && timed(choice, time, times),
    note
  });
  const line = (choice, note) => lineStage(choice === "json" && keys !== void 0 ? jsonKeysParser(note, keys) : lineParser(choice, note), choice, name, policy, times, time);
  if (format === "csv" || format === "tsv") {
    if (time === true) timed(format, time, times);
    return defineStage({
      kind: "parse",
      name,
      bound: `1 chunk + 1 record of ${maxRecordBytes} bytes`,
      run: (input, stats, ctx) => csvRecords(input, csv(format, ""), new Failing(policy, stats, ctx))
    });
  }
  if (format === "auto") {
    return defineStage({
      kind: "parse",
      name,
      bound: `1 chunk (CSV: + 1 record of ${maxRecordBytes} bytes)`,
      run: (input, stats, ctx) => autoRecords(input, {
        lineStage: line,
        csv
      }, policy, stats, ctx)
    });
  }
  return line(format, "");
}
function keysOf(format, options) {
  const { keys, time } = options;
  if (keys === void 0) return void 0;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string")) {
    throw new TypeError("Cannot create parse stage: keys must be an array of strings");
  }
  if (format !== "json") {
    throw new RangeError(`Cannot create parse stage: keys are the top-level keys of JSON lines, but the format is ${format instanceof RegExp ? "a RegExp" : JSON.stringify(format)}`);
  }
  return [
    ...new Set(typeof time === "string" ? [
      ...keys,
      time
    ] : keys)
  ];
}
function lineParser(format, note) {
  switch (format) {
    case "combined":
      return accessParser(true, note);
    case "common":
      return accessParser(false, note);
    case "syslog":
      return syslogParser(note);
    case "json":
      return jsonParser(note);
    case "logfmt":
      return logfmtParser(note);
    default:
      return words;
  }
}
function timed(format, time, ctx) {
  const own = OWN_TIME[format];
  if (time === true && own === void 0) {
    throw new RangeError(`Cannot create parse stage: the ${format} format has no time field of its own; name the field, as in { time: "ts" }`);
  }
  const [name, timeFormat] = time === true ? own : [
    time,
    void 0
  ];
  return (record) => {
    const value = record[name];
    if (value === null) return record;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") {
      throw new SyntaxError(value === void 0 ? `No time field ${quote(name)}` : `The time field ${quote(name)} is not text or a number`);
    }
    record[name] = new Date(epochMs(value, timeFormat, ctx));
    return record;
  };
}
function lineStage(parser, format, name, policy, times, time) {
  const finish = times && timed(format, time, times);
  const fn = finish === void 0 ? (line) => {
    if (typeof line !== "string") throw notText(line);
    return parser(line);
  } : (line) => {
    if (typeof line !== "string") throw notText(line);
    return finish(parser(line));
  };
  return perItemStage({
    kind: "parse",
    name,
    policy,
    outcome: "replace",
    fn
  });
}

export {
  PARSE_FORMATS,
  parse
};
