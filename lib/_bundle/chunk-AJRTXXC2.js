// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  formatBytes,
  formatCount
} from "./chunk-4W7FL7Y6.js";

// lib/cli/_progress.ts
function formatSeconds(s) {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.ceil(s % 60)).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
function renderProgress(summary, total) {
  const done = summary.bytesRead;
  const seconds = summary.wallMs / 1e3;
  const rate = seconds > 0 ? done / seconds : 0;
  const lines = summary.stages[0]?.itemsOut ?? 0;
  const parts = total !== void 0 && total > 0 ? [
    `${formatBytes(done)} / ${formatBytes(total)}`,
    `${Math.min(100, Math.floor(done / total * 100))}%`,
    `${formatCount(lines)} lines`,
    `${formatBytes(rate)}/s`,
    `ETA ${rate > 0 ? formatSeconds((total - done) / rate) : "?"}`
  ] : [
    formatBytes(done),
    `${formatCount(lines)} lines`,
    `${formatBytes(rate)}/s`
  ];
  return parts.join("  ");
}
var encoder = new TextEncoder();
function stderrSync(text) {
  const bytes = encoder.encode(text);
  try {
    for (let at = 0; at < bytes.length; ) {
      at += Deno.stderr.writeSync(bytes.subarray(at));
    }
  } catch {
  }
}
var active;
async function clearedFor(write, bytes) {
  const line = active;
  if (line === void 0) return await write();
  return await line.around(write, bytes === void 0 || bytes[bytes.length - 1] === 10);
}
var ProgressLine = class {
  #render;
  #terminal;
  #timer;
  #shown = false;
  #holding = 0;
  /** Whether the last output ended inside a line: no draw until it ends. */
  #midLine = false;
  /**
   * @param render The figures to show.
   * @param terminal Whether standard error is a terminal.
   */
  constructor(render, terminal) {
    this.#render = render;
    this.#terminal = terminal;
    this.#timer = setInterval(() => {
      if (this.#holding === 0 && !this.#midLine) this.#draw();
    }, terminal ? 250 : 1e3);
    Deno.unrefTimer(this.#timer);
    active = this;
  }
  #draw() {
    if (this.#terminal) {
      stderrSync(`\r${this.#render()}\x1B[K`);
      this.#shown = true;
    } else {
      stderrSync(`${this.#render()}
`);
    }
  }
  /** Clears the line (on a terminal) if it is shown. */
  #clear() {
    if (!this.#shown) return;
    stderrSync("\r\x1B[K");
    this.#shown = false;
  }
  /**
   * Runs `write` with the line cleared and no draw until it is done (nor
   * after, until a write ends a line, when `endsLine` is false).
   */
  async around(write, endsLine = true) {
    this.#holding++;
    this.#clear();
    try {
      return await write();
    } finally {
      this.#holding--;
      this.#midLine = !endsLine;
    }
  }
  /**
   * Stops drawing. `keep`: the final figures stay on a line of their own
   * (or, to a file or pipe, a last plain line); else a terminal's line is
   * cleared, as when the output shares the terminal.
   */
  end(keep) {
    clearInterval(this.#timer);
    if (active === this) active = void 0;
    if (this.#terminal) {
      if (keep) stderrSync(`\r${this.#render()}\x1B[K
`);
      else this.#clear();
    } else if (keep) {
      stderrSync(`${this.#render()}
`);
    }
  }
};

// lib/cli/_util.ts
function distance(a, b) {
  const d = Array.from({
    length: b.length + 1
  }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return d[b.length];
}
function closestOption(given, options) {
  const long = given.startsWith("--");
  const bare = given.replace(/^-+/, "").split("=")[0];
  if (!long) {
    const other = bare === bare.toLowerCase() ? bare.toUpperCase() : bare.toLowerCase();
    const hit = Object.values(options).find((o) => o.short === other);
    return hit === void 0 ? void 0 : `-${other}`;
  }
  const best = closestName(bare, Object.keys(options));
  return best === void 0 ? void 0 : `--${best}`;
}
function closestName(given, names) {
  let best;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = distance(given, name);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return bestDistance > Math.max(2, Math.floor(given.length / 3)) ? void 0 : best;
}
function helpText(spec, common, failureStatus = 1) {
  const all = {
    ...spec.options,
    ...common
  };
  const rows = Object.entries(all).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
    const description = o.default === void 0 ? o.description : `${o.description} (default: ${o.default})`;
    return [
      flag,
      description
    ];
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  const lines = [
    `Usage: ${spec.name} ${spec.usage}`,
    "",
    spec.description,
    "",
    "Options:",
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    "",
    "With no FILE, or when FILE is -, read standard input. FILE may be gzip or zstd",
    "(by content) or brotli (.br), a quoted glob ('logs/*.log'), a directory",
    "with -r, or an http(s) URL (with --allow-net); rotated sets are read oldest",
    "first. An output FILE ending in .gz or .zst is compressed.",
    failureStatus === 2 ? "Exit status: 0 success, 1 nothing found, 2 runtime or usage error, 130 interrupted (143 by SIGTERM, 129 by SIGHUP)." : "Exit status: 0 success, 1 runtime error, 2 usage error, 130 interrupted (143 by SIGTERM, 129 by SIGHUP)."
  ];
  if (spec.examples && spec.examples.length > 0) {
    lines.push("", "Examples:", ...spec.examples.map((e) => `  ${e}`));
  }
  return lines.join("\n") + "\n";
}
var encoder2 = new TextEncoder();
async function toStderr(text) {
  const bytes = encoder2.encode(text);
  try {
    await clearedFor(async () => {
      for (let at = 0; at < bytes.length; ) {
        at += await Deno.stderr.write(bytes.subarray(at));
      }
    }, bytes);
  } catch {
  }
}
async function toStdout(text) {
  const bytes = encoder2.encode(text);
  await clearedFor(async () => {
    for (let at = 0; at < bytes.length; ) {
      at += await Deno.stdout.write(bytes.subarray(at));
    }
  }, bytes);
}
function causes(error) {
  const out = [];
  let e = error;
  while (e !== void 0 && e !== null && out.length < 10) {
    out.push(e);
    e = e.cause;
  }
  return out;
}
function isBrokenPipe(error) {
  return causes(error).some((e) => e instanceof Deno.errors.BrokenPipe);
}
function grantAdvice(message) {
  return message.replace(/Requires (\w+) access to "([^"]+)", run again with the (--allow-[\w-]+) flag/g, (_, kind, what, flag) => `needs ${kind} access to "${what}": grant ${flag}=${what}`);
}

export {
  renderProgress,
  clearedFor,
  ProgressLine,
  closestOption,
  closestName,
  helpText,
  toStderr,
  toStdout,
  causes,
  isBrokenPipe,
  grantAdvice
};
