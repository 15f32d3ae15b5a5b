// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  formatBytes,
  formatCount,
  formatMs
} from "./chunk-4W7FL7Y6.js";

// lib/summary/_series.ts
var SERIES_POINTS = 512;
function higher(a, b) {
  return a === void 0 ? b : b === void 0 ? a : Math.max(a, b);
}
function merge(a, b) {
  const youngBytes = higher(a.youngBytes, b.youngBytes);
  return {
    atMs: Math.max(a.atMs, b.atMs),
    rssBytes: Math.max(a.rssBytes, b.rssBytes),
    heapUsedBytes: Math.max(a.heapUsedBytes, b.heapUsedBytes),
    // Samples taken without the heap split by space lack it.
    ...youngBytes === void 0 ? {} : {
      youngBytes
    },
    heldBytes: Math.max(a.heldBytes, b.heldBytes)
  };
}
var MemorySeries = class {
  capacity;
  #points = [];
  /** The samples of the point being filled, merged so far. */
  #open;
  #inOpen = 0;
  /** How many samples a point stands for. */
  #stride = 1;
  /**
   * @param capacity The most points kept: an even number of at least 2.
   */
  constructor(capacity = SERIES_POINTS) {
    if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0) {
      throw new RangeError(`Cannot create memory series: capacity must be an even integer of at least 2, got ${capacity}`);
    }
    this.capacity = capacity;
  }
  /** How many samples each point stands for now. */
  get stride() {
    return this.#stride;
  }
  /**
   * Adds a sample. A sample no later than the one before it joins that one's
   * point, so that times always increase.
   */
  add(sample) {
    const last = this.#open ?? this.#points.at(-1);
    if (last !== void 0 && sample.atMs <= last.atMs) {
      const merged = merge(last, {
        ...sample,
        atMs: last.atMs
      });
      if (this.#open !== void 0) this.#open = merged;
      else this.#points[this.#points.length - 1] = merged;
      return;
    }
    this.#open = this.#open === void 0 ? {
      ...sample
    } : merge(this.#open, sample);
    this.#inOpen++;
    if (this.#inOpen < this.#stride) return;
    this.#points.push(this.#open);
    this.#open = void 0;
    this.#inOpen = 0;
    if (this.#points.length === this.capacity) {
      const halved = [];
      for (let i = 0; i < this.#points.length; i += 2) {
        halved.push(merge(this.#points[i], this.#points[i + 1]));
      }
      this.#points = halved;
      this.#stride *= 2;
    }
  }
  /** The points, oldest first: at most `capacity`. */
  points() {
    const out = this.#points.map((p) => ({
      ...p
    }));
    if (this.#open !== void 0) out.push({
      ...this.#open
    });
    return out;
  }
};

// lib/summary/_record.ts
var FIRST_ERRORS = 5;
var MAX_MESSAGE = 300;
var StageStats = class {
  /** The stage's name. */
  name;
  /** The factory that made it. */
  kind;
  bound;
  boundBytes;
  itemsIn = 0;
  itemsOut = 0;
  peakItems = 0;
  peakBytes = 0;
  /**
   * The bytes of the stage's latest report that measured bytes: what it
   * holds now, as far as the summary knows (a report of items alone leaves
   * it as it was).
   */
  heldBytes = 0;
  /** Each worker's heap as it last reported it, by worker number. */
  workerHeaps = /* @__PURE__ */ new Map();
  busyMs = 0;
  counters = {};
  errors = 0;
  firstErrors = [];
  /**
   * Creates the figures of one stage.
   *
   * @param name The stage's name.
   * @param kind The factory that made it.
   * @param bound The stage's memory bound, in words.
   * @param boundBytes The bound in bytes, if it has one.
   */
  constructor(name, kind, bound, boundBytes) {
    this.name = name;
    this.kind = kind;
    this.bound = bound;
    this.boundBytes = boundBytes;
  }
  /**
   * Records that the stage holds `items` items of about `bytes` bytes now.
   *
   * @param items Items held.
   * @param bytes Bytes held.
   */
  hold(items, bytes) {
    if (items > this.peakItems) this.peakItems = items;
    if (bytes > this.peakBytes) this.peakBytes = bytes;
    if (bytes > 0 || items === 0) this.heldBytes = bytes;
  }
  /**
   * Records the heap of one of the stage's workers; 0 once it has ended.
   *
   * @param worker The worker's number.
   * @param heapBytes Its heap, committed.
   */
  workerHeap(worker, heapBytes) {
    if (heapBytes > 0) this.workerHeaps.set(worker, heapBytes);
    else this.workerHeaps.delete(worker);
  }
  /**
   * Adds `by` to the counter `name`.
   *
   * @param name The counter.
   * @param by How much to add.
   */
  count(name, by = 1) {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }
  /**
   * Counts one error, and keeps its message if it is among the first five.
   * Messages longer than 300 characters are cut.
   *
   * @param message What failed and where, e.g. `line 3 of "app.log": ...`.
   */
  noteError(message) {
    this.errors++;
    if (this.firstErrors.length < FIRST_ERRORS) {
      this.firstErrors.push(message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}\u2026` : message);
    }
  }
  /**
   * The figures as a plain object.
   *
   * @returns The stage's report.
   */
  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      itemsIn: this.itemsIn,
      itemsOut: this.itemsOut,
      peakItems: this.peakItems,
      peakBytes: this.peakBytes,
      bound: this.bound,
      boundBytes: this.boundBytes,
      busyMs: Math.round(this.busyMs * 10) / 10,
      counters: {
        ...this.counters
      },
      errors: this.errors,
      firstErrors: [
        ...this.firstErrors
      ]
    };
  }
};
var RunRecord = class {
  stages = [];
  inputs = [];
  status = "running";
  /** The highest RSS sampled, or the kernel's peak when it is known higher. */
  peakRssBytes = 0;
  peakHeapBytes = 0;
  memorySamples = 0;
  startMs;
  endMs;
  /** The first reading: the runtime before the run. */
  baseline;
  /** The reading where RSS peaked. */
  peak;
  series;
  /** Whether the sampler reads V8's heap by space (it loads node:v8). */
  heapSpaces;
  /**
   * @param seriesPoints The most points of the memory series.
   * @param heapSpaces Whether the sampler reads V8's heap by space.
   */
  constructor(seriesPoints, heapSpaces = false) {
    this.series = new MemorySeries(seriesPoints);
    this.heapSpaces = heapSpaces;
  }
  /** Adds a stage row, for the stage to update. */
  addStage(name, kind, bound, boundBytes) {
    const stats = new StageStats(name, kind, bound, boundBytes);
    this.stages.push(stats);
    return stats;
  }
  /** Adds an input's entry, for the source to update as it reads. */
  addInput(path) {
    const input = {
      path,
      lines: 0,
      bytesRead: 0
    };
    this.inputs.push(input);
    return input;
  }
  /** Marks the start of the run (wall time counts from here). */
  start() {
    this.startMs ??= performance.now();
    this.status = "running";
  }
  /** Marks the end of the run, and how it ended. */
  finish(status) {
    this.endMs = performance.now();
    this.status = status;
  }
  /**
   * Records one memory reading. `fileBacked` is asked only for the first
   * reading and for a new peak, where the breakdown needs it.
   */
  observeMemory(reading, fileBacked) {
    this.memorySamples++;
    let held = 0;
    let workers = 0;
    for (const s of this.stages) {
      held += s.heldBytes;
      for (const heap of s.workerHeaps.values()) workers += heap;
    }
    const atMs = reading.atMs ?? (this.startMs === void 0 ? 0 : performance.now() - this.startMs);
    const newPeak = this.peak === void 0 || reading.rssBytes > this.peak.rssBytes || this.heapSpaces && this.peak.youngBytes === void 0 && reading.youngBytes !== void 0;
    if (newPeak || this.baseline === void 0) {
      const moment = {
        ...reading,
        atMs,
        fileBackedBytes: fileBacked?.(),
        heldBytes: held,
        workerHeapBytes: workers
      };
      this.baseline ??= moment;
      if (newPeak) this.peak = moment;
    }
    if (reading.rssBytes > this.peakRssBytes) {
      this.peakRssBytes = reading.rssBytes;
    }
    if (reading.heapUsedBytes > this.peakHeapBytes) {
      this.peakHeapBytes = reading.heapUsedBytes;
    }
    const point = {
      atMs: Math.round(atMs * 10) / 10,
      rssBytes: reading.rssBytes,
      heapUsedBytes: reading.heapUsedBytes,
      ...reading.youngBytes === void 0 ? {} : {
        youngBytes: reading.youngBytes
      },
      heldBytes: held
    };
    this.series.add(point);
  }
  /**
   * Records the kernel's peak RSS of the process, when it rose during the
   * run: the true peak, which can fall between two samples.
   */
  observeHighWater(rssBytes) {
    if (rssBytes > this.peakRssBytes) this.peakRssBytes = rssBytes;
  }
};
var records = /* @__PURE__ */ new WeakMap();
function attachRecord(owner, seriesPoints, heapSpaces) {
  const record = new RunRecord(seriesPoints, heapSpaces);
  records.set(owner, record);
  return record;
}
function recordOf(summary) {
  const record = records.get(summary);
  if (record === void 0) {
    throw new TypeError("Cannot record into a summary not made by new Summary()");
  }
  return record;
}

// lib/summary/_breakdown.ts
var MiB = 1024 * 1024;
var HINT_SHARE = 0.4;
var HINT_FLOOR_BYTES = 16 * MiB;
var NOT_WRITTEN = "V8 counts an array buffer whole in the external memory, the kernel only its pages written to";
var BUDGETED = /* @__PURE__ */ new Set([
  "sort",
  "groupBy",
  "distinct",
  "parallelGroupBy"
]);
function breakdownOf(baseline, peak) {
  const runtimeBytes = baseline.rssBytes - baseline.heapBytes - baseline.externalBytes - baseline.workerHeapBytes;
  const pagedInBytes = baseline.fileBackedBytes === void 0 || peak.fileBackedBytes === void 0 ? void 0 : Math.max(0, peak.fileBackedBytes - baseline.fileBackedBytes);
  const parts = runtimeBytes + (pagedInBytes ?? 0) + peak.heapBytes + peak.externalBytes + peak.workerHeapBytes;
  return {
    rssBytes: peak.rssBytes,
    atMs: Math.round(peak.atMs * 10) / 10,
    runtimeBytes,
    pagedInBytes,
    heapBytes: peak.heapBytes,
    ...peak.youngBytes === void 0 ? {} : {
      youngBytes: peak.youngBytes,
      oldBytes: peak.oldBytes,
      codeBytes: peak.codeBytes,
      largeObjectBytes: peak.largeObjectBytes
    },
    heapUsedBytes: peak.heapUsedBytes,
    externalBytes: peak.externalBytes,
    workerHeapBytes: peak.workerHeapBytes,
    stagesHeldBytes: peak.heldBytes,
    unexplainedBytes: peak.rssBytes - parts
  };
}
function mib(bytes) {
  return `${(bytes / MiB).toFixed(1)} MiB`;
}
function hintFor(baseline, peak, stages2) {
  const added = peak.rssBytes - baseline.rssBytes;
  if (added <= 0) return void 0;
  const share = (bytes) => Math.round(bytes / added * 100);
  const earns = (bytes) => bytes >= HINT_FLOOR_BYTES && bytes > HINT_SHARE * added;
  const live = baseline.heapUsedBytes + peak.heldBytes;
  const lever = stages2.find((s) => BUDGETED.has(s.kind)) ?? stages2.find((s) => s.kind === "batch");
  const what = lever?.kind === "batch" ? "batch" : "budget";
  if (peak.youngBytes === void 0) {
    const beyond = peak.heapBytes - live;
    if (!earns(beyond)) return void 0;
    return `hint: V8's heap took ${mib(peak.heapBytes)} committed while the stages held ${mib(peak.heldBytes)}: ${share(beyond)}% of what the run added is heap beyond what is live, the young generation's room and uncollected garbage; --v8-flags=--max-semi-space-size=4${lever === void 0 ? "" : ` or a smaller ${what} for ${lever.name}`} may lower it (new Summary({ heapSpaces: true }) or --summary tells which)`;
  }
  const young = peak.youngBytes;
  const garbage = (peak.oldBytes ?? 0) + (peak.largeObjectBytes ?? 0) - live;
  const hints = [];
  if (earns(young)) {
    hints.push({
      bytes: young,
      text: `hint: V8's young generation took ${mib(young)}, ${share(young)}% of the ${mib(added)} the run added to RSS; run with --v8-flags=--max-semi-space-size=4 to keep it near 8 MiB`
    });
  }
  if (earns(garbage) && lever !== void 0) {
    hints.push({
      bytes: garbage,
      text: `hint: V8's old generation took ${mib((peak.oldBytes ?? 0) + (peak.largeObjectBytes ?? 0))} while the stages held ${mib(peak.heldBytes)}: uncollected garbage, ${share(garbage)}% of what the run added, which V8 lets grow with what is live; a smaller ${what} for ${lever.name} lowers both`
    });
  }
  hints.sort((a, b) => b.bytes - a.bytes);
  return hints[0]?.text;
}

// lib/summary/_html.ts
var MiB2 = 1024 * 1024;
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;");
}
var esc = escapeHtml;
function niceStep(max, count) {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}
function tick(value) {
  return String(Number(value.toPrecision(6)));
}
var LINES = [
  {
    key: "rssBytes",
    id: "rss",
    label: "RSS"
  },
  {
    key: "heapUsedBytes",
    id: "heap-used",
    label: "V8 heap in use"
  },
  {
    key: "youngBytes",
    id: "young",
    label: "young generation"
  },
  {
    key: "heldBytes",
    id: "held",
    label: "held by stages"
  }
];
var CHART = {
  width: 960,
  height: 380,
  left: 64,
  right: 16,
  top: 16
};
var PLOT_BOTTOM = CHART.height - 72;
function chart(series, wallMs) {
  if (series.length === 0) {
    return `<p id="memory-chart-empty">No memory was sampled.</p>`;
  }
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = PLOT_BOTTOM - CHART.top;
  const maxMs = Math.max(wallMs, series.at(-1).atMs, 1);
  const maxBytes = Math.max(...series.map((p) => p.rssBytes), MiB2);
  const inSeconds = maxMs >= 2e3;
  const timeUnit = inSeconds ? 1e3 : 1;
  const xStep = niceStep(maxMs / timeUnit, 8);
  const yStep = niceStep(maxBytes / MiB2, 6);
  const yTop = Math.ceil(maxBytes / MiB2 / yStep) * yStep;
  const x = (ms) => CHART.left + ms / maxMs * plotW;
  const y = (bytes) => PLOT_BOTTOM - bytes / MiB2 / yTop * plotH;
  const parts = [];
  parts.push(`<svg id="memory-chart" viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-labelledby="memory-chart-title" data-points="${series.length}">`, `<title id="memory-chart-title">Memory over the run, in MiB against time</title>`);
  parts.push(`<g class="axis" id="y-axis">`);
  for (let v = 0; v <= yTop + yStep / 2; v += yStep) {
    const py = y(v * MiB2).toFixed(1);
    parts.push(`<line class="grid" x1="${CHART.left}" x2="${CHART.width - CHART.right}" y1="${py}" y2="${py}"/>`, `<text x="${CHART.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle">${tick(v)}</text>`);
  }
  parts.push(`<text class="axis-label" transform="translate(16 ${(CHART.top + PLOT_BOTTOM) / 2}) rotate(-90)" text-anchor="middle">MiB</text>`, `</g>`);
  parts.push(`<g class="axis" id="x-axis">`, `<line class="axis-line" x1="${CHART.left}" x2="${CHART.width - CHART.right}" y1="${PLOT_BOTTOM}" y2="${PLOT_BOTTOM}"/>`);
  for (let v = 0; v * timeUnit <= maxMs + 1e-9; v += xStep) {
    const px = x(v * timeUnit).toFixed(1);
    parts.push(`<line class="tick" x1="${px}" x2="${px}" y1="${PLOT_BOTTOM}" y2="${PLOT_BOTTOM + 6}"/>`, `<text x="${px}" y="${PLOT_BOTTOM + 20}" text-anchor="middle">${tick(v)}</text>`);
  }
  parts.push(`<text class="axis-label" x="${CHART.left + plotW / 2}" y="${PLOT_BOTTOM + 40}" text-anchor="middle">time since the run started (${inSeconds ? "s" : "ms"})</text>`, `</g>`);
  const lines = LINES.filter((line) => series.some((p) => p[line.key] !== void 0));
  for (const line of lines) {
    const had = series.flatMap((p) => {
      const bytes = p[line.key];
      return bytes === void 0 ? [] : [
        {
          atMs: p.atMs,
          bytes
        }
      ];
    });
    const points = had.map((p) => `${x(p.atMs).toFixed(1)},${y(p.bytes).toFixed(1)}`);
    if (points.length === 1) {
      points.unshift(`${CHART.left},${y(had[0].bytes).toFixed(1)}`);
    }
    parts.push(`<polyline class="series series-${line.id}" data-series="${line.id}" points="${points.join(" ")}"/>`);
  }
  const legendY = CHART.height - 8;
  let lx = CHART.left;
  parts.push(`<g id="legend">`);
  for (const line of lines) {
    parts.push(`<line class="series-${line.id} legend-swatch" x1="${lx}" x2="${lx + 24}" y1="${legendY - 4}" y2="${legendY - 4}"/>`, `<text x="${lx + 30}" y="${legendY}">${esc(line.label)}</text>`);
    lx += 60 + line.label.length * 7.5;
  }
  parts.push(`</g>`, `</svg>`);
  return parts.join("\n");
}
function breakdownParts(b) {
  return [
    {
      id: "runtime",
      label: "runtime",
      bytes: b.runtimeBytes,
      note: "RSS before the run, less the heap and external memory then"
    },
    ...b.pagedInBytes === void 0 ? [] : [
      {
        id: "paged-in",
        label: "paged in since",
        bytes: b.pagedInBytes,
        note: "file-backed memory mapped since the start: mostly the runtime's code"
      }
    ],
    ...b.youngBytes === void 0 ? [
      {
        id: "heap",
        label: "V8 heap",
        bytes: b.heapBytes,
        note: "committed, all spaces together; by space with new Summary({ heapSpaces: true }), or the command line's --summary-html"
      }
    ] : [
      {
        id: "young",
        label: "young generation",
        bytes: b.youngBytes,
        note: "V8's new space, committed"
      },
      {
        id: "old",
        label: "old generation",
        bytes: b.oldBytes ?? 0,
        note: "V8's old space, committed"
      },
      {
        id: "code",
        label: "code",
        bytes: b.codeBytes ?? 0,
        note: "compiled code and bytecode (code and trusted spaces)"
      },
      {
        id: "large-objects",
        label: "large objects",
        bytes: b.largeObjectBytes ?? 0,
        note: "V8's large-object space"
      }
    ],
    {
      id: "external",
      label: "external",
      bytes: b.externalBytes,
      note: "array buffers and other memory outside the heap"
    },
    {
      id: "workers",
      label: "workers' heaps",
      bytes: b.workerHeapBytes,
      note: "as the workers last reported them"
    },
    {
      id: "unexplained",
      label: "unexplained",
      bytes: b.unexplainedBytes,
      note: b.unexplainedBytes < 0 ? `the parts add up to more than RSS: ${NOT_WRITTEN}` : `${b.pagedInBytes === void 0 ? "the runtime's code paged in since the start, " : ""}native allocations, freed heap pages not yet returned, workers' runtimes`
    }
  ];
}
function breakdown(b, peakRssBytes) {
  if (b === void 0) {
    return `<p id="breakdown-empty">No memory was sampled.</p>`;
  }
  const parts = breakdownParts(b);
  const out = [];
  const kernel = peakRssBytes > b.rssBytes ? ` The kernel saw a peak of ${esc(formatBytes(peakRssBytes))} between two samples.` : "";
  out.push(`<p>At the sample where RSS peaked, ${esc(formatMs(b.atMs))} into the run: <strong>${esc(formatBytes(b.rssBytes))}</strong> RSS.${kernel}</p>`);
  const width = 960;
  let at = 0;
  out.push(`<svg id="breakdown-bar" viewBox="0 0 ${width} 36" role="img" aria-label="The parts of the peak RSS">`);
  for (const p of parts) {
    if (p.bytes <= 0 || b.rssBytes <= 0) continue;
    const w = p.bytes / b.rssBytes * width;
    out.push(`<rect class="part part-${p.id}" data-part="${p.id}" data-bytes="${p.bytes}" x="${at.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="36"><title>${esc(`${p.label}: ${formatBytes(p.bytes)}`)}</title></rect>`);
    at += w;
  }
  out.push(`</svg>`);
  out.push(`<table id="breakdown"><thead><tr><th></th><th>part</th><th class="num">bytes</th><th class="num">share</th><th>what it is</th></tr></thead><tbody>`);
  for (const p of parts) {
    const share = b.rssBytes > 0 ? p.bytes / b.rssBytes * 100 : 0;
    out.push(`<tr data-part="${p.id}"><td><span class="swatch part-${p.id}"></span></td><td>${esc(p.label)}</td><td class="num">${esc(formatBytes(p.bytes))}</td><td class="num">${share.toFixed(1)}%</td><td>${esc(p.note)}</td></tr>`);
  }
  out.push(`</tbody><tfoot><tr><td></td><td>RSS</td><td class="num">${esc(formatBytes(b.rssBytes))}</td><td class="num">100%</td><td>the parts add up to it</td></tr></tfoot></table>`, `<p>Of the V8 heap's ${esc(formatBytes(b.heapBytes))} committed, ${esc(formatBytes(b.heapUsedBytes))} was in use. The stages held ${esc(formatBytes(b.stagesHeldBytes))} at that moment (an estimate, within the heap and external memory).</p>`);
  return out.join("\n");
}
function stages(json) {
  const undeclaredScale = Math.max(1, ...json.stages.filter((s) => s.boundBytes === void 0).map((s) => s.peakBytes));
  const out = [
    `<table id="stages"><thead><tr><th>stage</th><th class="num">items in</th><th class="num">items out</th><th class="num">busy</th><th>peak held against its bound</th></tr></thead><tbody>`
  ];
  json.stages.forEach((s, i) => {
    const declared = s.boundBytes !== void 0;
    const scale = declared ? Math.max(s.boundBytes, 1) : undeclaredScale;
    const fill = Math.min(1, s.peakBytes / scale);
    const over = declared && s.peakBytes > s.boundBytes;
    const bound = declared ? `${formatBytes(s.boundBytes)} bound (${s.bound})` : s.bound === "not declared" ? "bound not declared" : `bound not declared in bytes (${s.bound})`;
    out.push(`<tr data-stage-index="${i}"><td><span class="name">${esc(s.name)}</span> <span class="kind">${esc(s.kind)}</span></td><td class="num">${i === 0 ? "-" : formatCount(s.itemsIn)}</td><td class="num">${formatCount(s.itemsOut)}</td><td class="num">${esc(formatMs(s.busyMs))}</td><td>`, `<svg class="stage-bar${declared ? "" : " undeclared"}${over ? " over" : ""}" data-stage="${esc(s.name)}" data-stage-index="${i}" data-peak-bytes="${s.peakBytes}" data-bound-bytes="${declared ? s.boundBytes : ""}" viewBox="0 0 300 14" width="300" height="14" role="img" aria-label="${esc(`${s.name}: ${formatBytes(s.peakBytes)} of ${bound}`)}"><rect class="track" x="0" y="0" width="300" height="14"/><rect class="fill" x="0" y="0" width="${(fill * 300).toFixed(1)}" height="14"/></svg>`, `<div class="bar-label">${esc(formatBytes(s.peakBytes))} of ${esc(bound)}</div></td></tr>`);
    const extra = [];
    const counters = Object.entries(s.counters);
    if (counters.length > 0) {
      extra.push(counters.map(([k, v]) => `${esc(k)} ${v}`).join(", "));
    }
    if (s.errors > 0) {
      extra.push(`${s.errors} error${s.errors === 1 ? "" : "s"}: ${s.firstErrors.map((m) => `<code>${esc(m)}</code>`).join(" ")}`);
    }
    if (extra.length > 0) {
      out.push(`<tr class="details"><td colspan="5">${extra.join("<br>")}</td></tr>`);
    }
  });
  out.push(`</tbody></table>`);
  return out.join("\n");
}
function figures(json) {
  const rows = [
    [
      "status",
      json.status
    ],
    [
      "wall time",
      formatMs(json.wallMs)
    ],
    [
      "bytes read",
      formatBytes(json.bytesRead)
    ],
    [
      "bytes written",
      formatBytes(json.bytesWritten)
    ],
    [
      "throughput",
      `${formatBytes(json.bytesPerSecond)}/s`
    ],
    [
      "peak RSS",
      formatBytes(json.peakRssBytes)
    ],
    [
      "peak V8 heap in use",
      formatBytes(json.peakHeapBytes)
    ],
    [
      "memory samples",
      String(json.memorySamples)
    ]
  ];
  const out = [
    `<dl id="figures">`,
    ...rows.map(([k, v]) => `<div data-figure="${esc(k)}"><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`),
    `</dl>`
  ];
  if (json.inputs.length > 0) {
    out.push(`<ul id="inputs">`);
    for (const input of json.inputs) {
      const name = input.path === void 0 ? "a stream" : input.path === "-" ? "standard input" : input.path;
      out.push(`<li><code>${esc(name)}</code>: ${formatCount(input.lines)} lines, ${esc(formatBytes(input.bytesRead))}</li>`);
    }
    out.push(`</ul>`);
  }
  return out.join("\n");
}
var STYLE = `
:root { color-scheme: light dark; --fg: #1d232a; --muted: #5b6570; --bg: #fff;
  --grid: #e3e7eb; --rss: #c0392b; --heap-used: #2471a3; --young: #d68910;
  --held: #1e8449; --track: #e8ecef; --over: #c0392b;
  --runtime: #7f8c8d; --paged-in: #b2babb; --old: #2471a3; --code: #8e44ad;
  --large-objects: #5dade2; --external: #1e8449; --workers: #a04000;
  --unexplained: #f1c40f; }
@media (prefers-color-scheme: dark) { :root { --fg: #e5e8eb; --muted: #9aa4ad;
  --bg: #15191d; --grid: #2b3238; --track: #2b3238; } }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; padding: 24px; max-width: 1040px; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 18px; margin: 28px 0 8px; }
#figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px 16px; margin: 0; }
#figures div { border-left: 3px solid var(--grid); padding-left: 8px; }
#figures dt { color: var(--muted); font-size: 13px; } #figures dd { margin: 0; font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
.grid { stroke: var(--grid); } .axis-line, .tick { stroke: var(--muted); }
.axis-label { fill: var(--muted); }
.series { fill: none; stroke-width: 2; stroke-linejoin: round; }
.series-rss { stroke: var(--rss); } .series-heap-used { stroke: var(--heap-used); }
.series-young { stroke: var(--young); stroke-dasharray: 6 3; }
.series-held { stroke: var(--held); }
.legend-swatch { stroke-width: 3; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--grid); vertical-align: top; }
th { color: var(--muted); font-weight: 500; font-size: 13px; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.kind { color: var(--muted); font-size: 13px; } .name { font-weight: 600; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
.part-runtime { fill: var(--runtime); background: var(--runtime); }
.part-paged-in { fill: var(--paged-in); background: var(--paged-in); }
.part-young { fill: var(--young); background: var(--young); }
.part-old, .part-heap { fill: var(--old); background: var(--old); }
.part-code { fill: var(--code); background: var(--code); }
.part-large-objects { fill: var(--large-objects); background: var(--large-objects); }
.part-external { fill: var(--external); background: var(--external); }
.part-workers { fill: var(--workers); background: var(--workers); }
.part-unexplained { fill: var(--unexplained); background: var(--unexplained); }
.stage-bar .track { fill: var(--track); } .stage-bar .fill { fill: var(--held); }
.stage-bar.undeclared .fill { fill: var(--muted); } .stage-bar.over .fill { fill: var(--over); }
.bar-label { color: var(--muted); font-size: 13px; }
.details td { color: var(--muted); font-size: 13px; border-bottom-style: dashed; }
#hint { border-left: 4px solid var(--young); padding: 8px 12px; background: var(--track); }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
`;
function renderHtml(json) {
  const hint = json.memoryHint === void 0 ? "" : `<p id="hint">${esc(json.memoryHint)}</p>`;
  return [
    `<!DOCTYPE html>`,
    `<html lang="en">`,
    `<head>`,
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>sluice run summary: ${esc(json.status)}</title>`,
    `<style>${STYLE}</style>`,
    `</head>`,
    `<body>`,
    `<h1>sluice run summary</h1>`,
    `<section id="run">`,
    figures(json),
    `</section>`,
    `<section id="memory">`,
    `<h2>Memory over the run</h2>`,
    chart(json.memorySeries, json.wallMs),
    `</section>`,
    `<section id="peak">`,
    `<h2>Where the memory went at the peak</h2>`,
    breakdown(json.memoryBreakdown, json.peakRssBytes),
    hint,
    `</section>`,
    `<section id="stages-section">`,
    `<h2>Stages: what each held at most</h2>`,
    stages(json),
    `</section>`,
    `<footer>Made by sluice. Held bytes are estimates; RSS and heap figures are sampled every few tens of milliseconds.</footer>`,
    `</body>`,
    `</html>`,
    ``
  ].join("\n");
}

// lib/summary/_sparkline.ts
var BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
var ASCII_LEVELS = " .:-=+*#";
function sparkline(values, width, levels = BLOCKS) {
  const chars = [
    ...levels
  ];
  const n = values.length;
  if (n === 0 || width < 1) return "";
  const columns = Math.min(n, width);
  const drawn = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor(c * n / columns);
    const to = Math.floor((c + 1) * n / columns);
    let high = -Infinity;
    for (let i = from; i < to; i++) high = Math.max(high, values[i]);
    drawn.push(high);
  }
  const lo = Math.min(...drawn);
  const hi = Math.max(...drawn);
  const top = chars.length - 1;
  return drawn.map((v) => chars[hi === lo ? Math.floor(top / 2) : Math.round((v - lo) / (hi - lo) * top)]).join("");
}

// lib/summary/_terminal.ts
function asciiTerminal() {
  const deno = globalThis.Deno;
  if (deno?.permissions?.querySync === void 0) return false;
  const read = (name) => {
    try {
      const { state } = deno.permissions.querySync({
        name: "env",
        variable: name
      });
      return state === "granted" ? deno.env.get(name) ?? "" : void 0;
    } catch {
      return void 0;
    }
  };
  if (read("NO_COLOR")) return true;
  for (const name of [
    "LC_ALL",
    "LC_CTYPE",
    "LANG"
  ]) {
    const value = read(name);
    if (value === void 0) return false;
    if (value !== "") return !/utf-?8/i.test(value);
  }
  return true;
}

// lib/summary/summary.ts
var SPARKLINE_WIDTH = 60;
var MAX_INPUTS = 10;
var Summary = class {
  /** Bytes read by the source, as stored (compressed, for gzip input). */
  bytesRead = 0;
  /** Bytes written by the sink. */
  bytesWritten = 0;
  #record;
  /**
   * Creates an empty summary, for a pipeline to fill.
   *
   * @param options What the summary reads of memory.
   *
   * @example V8's heap by space
   * ```ts
   * import { pipeline, Summary } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = new Summary({ heapSpaces: true });
   * await pipeline(
   *   (async function* () {
   *     for (let i = 0; i < 40; i++) {
   *       yield "x".repeat(1000);
   *       await new Promise((ok) => setTimeout(ok, 5));
   *     }
   *   })(),
   *   async (items) => {
   *     for await (const _ of items);
   *   },
   *   { summary, memorySampleMs: 5 },
   * );
   * // node:v8 loads in the run's first milliseconds: the peak's sample has
   * // the split, and its parts add up to the heap.
   * const b = summary.memoryBreakdown!;
   * assert.ok(b.youngBytes !== undefined);
   * assert.equal(
   *   b.youngBytes + b.oldBytes! + b.codeBytes! + b.largeObjectBytes!,
   *   b.heapBytes,
   * );
   * ```
   */
  constructor(options = {}) {
    this.#record = attachRecord(this, void 0, options.heapSpaces ?? false);
  }
  /** The stages, in pipeline order. */
  get stages() {
    return this.#record.stages;
  }
  /** The state of the run. */
  get status() {
    return this.#record.status;
  }
  /**
   * The highest resident set size of the run, in bytes: the kernel's peak
   * (`VmHWM` in `/proc/self/status`) where it can be read without asking for
   * a permission (Linux, with `--allow-all`: Deno lets a read of
   * `/proc/self` through only then) and the run raised it, otherwise the
   * highest sample, which can miss a peak between two samples.
   */
  get peakRssBytes() {
    return this.#record.peakRssBytes;
  }
  /** The highest V8 heap use sampled, in bytes. */
  get peakHeapBytes() {
    return this.#record.peakHeapBytes;
  }
  /** How many memory samples were taken. */
  get memorySamples() {
    return this.#record.memorySamples;
  }
  /**
   * Where the memory went at the sample where RSS peaked: the runtime, V8's
   * heap (by generation with the `heapSpaces` option), external memory, the workers' heaps and what remains
   * unexplained (see {@linkcode MemoryBreakdown}). `undefined` until memory
   * has been sampled.
   *
   * @example The parts add up to the peak
   * ```ts
   * import { pipeline } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = await pipeline(["a", "b"], async (items) => {
   *   for await (const _ of items);
   * });
   * const b = summary.memoryBreakdown!;
   * const parts = b.runtimeBytes + (b.pagedInBytes ?? 0) + b.heapBytes +
   *   b.externalBytes + b.workerHeapBytes + b.unexplainedBytes;
   * assert.equal(parts, b.rssBytes);
   * // Without the heapSpaces option, the heap is not split by space.
   * assert.equal(b.youngBytes, undefined);
   * ```
   */
  get memoryBreakdown() {
    const { baseline, peak } = this.#record;
    return baseline === void 0 || peak === void 0 ? void 0 : breakdownOf(baseline, peak);
  }
  /**
   * One line on what would lower the peak, or `undefined`: given when V8's
   * young generation, or garbage in its old generation that a smaller
   * budget or batch would cut, is more than 40% of what the run added to RSS
   * and at least 16 MiB. Without the heap split by space (see
   * {@linkcode SummaryOptions}) the two cannot be told apart, and the hint
   * judges the committed heap beyond what is live instead.
   * {@linkcode Summary.format} ends with it.
   */
  get memoryHint() {
    const { baseline, peak } = this.#record;
    return baseline === void 0 || peak === void 0 ? void 0 : hintFor(baseline, peak, this.stages);
  }
  /**
   * Memory over the run, oldest first: each point holds the highest figures
   * of the samples it stands for. At most 512 points: when they are all
   * taken, neighbours merge in pairs and each point stands for twice as many
   * samples from then on, so the peak is never lost and a long run costs no
   * more than a short one.
   *
   * @example The series keeps the peak
   * ```ts
   * import { pipeline } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = await pipeline(["a"], async (items) => {
   *   for await (const _ of items);
   * });
   * const series = summary.memorySeries;
   * assert.ok(series.length >= 1 && series.length <= 512);
   * assert.equal(
   *   Math.max(...series.map((p) => p.rssBytes)),
   *   summary.memoryBreakdown!.rssBytes,
   * );
   * ```
   */
  get memorySeries() {
    return this.#record.series.points();
  }
  /**
   * What the source read of each of its inputs, in the order given: filled
   * by {@linkcode readLines} as it reads (an input not read yet shows 0).
   * Empty when the source is not `readLines`.
   */
  get inputs() {
    return this.#record.inputs;
  }
  /** Wall time of the run so far, in milliseconds. */
  get wallMs() {
    const { startMs, endMs } = this.#record;
    if (startMs === void 0) return 0;
    return (endMs ?? performance.now()) - startMs;
  }
  /**
   * The summary as a plain object, ready for `JSON.stringify`.
   *
   * @returns The summary's figures.
   */
  toJSON() {
    const wallMs = this.wallMs;
    return {
      status: this.status,
      wallMs: Math.round(wallMs * 10) / 10,
      bytesRead: this.bytesRead,
      bytesWritten: this.bytesWritten,
      bytesPerSecond: wallMs > 0 ? Math.round(this.bytesRead / (wallMs / 1e3)) : 0,
      peakRssBytes: this.peakRssBytes,
      peakHeapBytes: this.peakHeapBytes,
      memorySamples: this.memorySamples,
      memoryBreakdown: this.memoryBreakdown,
      memoryHint: this.memoryHint,
      memorySeries: this.#record.series.points(),
      inputs: this.#record.inputs.map((i) => ({
        ...i
      })),
      stages: this.stages.map((s) => s.toJSON())
    };
  }
  /**
   * Renders the summary as an aligned table for a terminal: one row per
   * stage, then (when the source read several inputs) a line per input, the
   * first ten of them, then a line for the whole run; then, once memory has
   * been sampled, the breakdown at the peak in three lines, a sparkline of
   * RSS over the run and, when there is one, the {@linkcode memoryHint}.
   *
   * @param options How to draw the sparkline.
   * @returns The table, without a trailing newline.
   */
  format(options = {}) {
    const errors = this.stages.some((s) => s.errors > 0);
    const header = [
      "stage",
      "items in",
      "items out",
      ...errors ? [
        "errors"
      ] : [],
      "peak items",
      "peak held",
      "bound",
      "busy"
    ];
    const rows = this.stages.map((s, i) => [
      s.name,
      // The source takes bytes, not items.
      i === 0 ? "-" : formatCount(s.itemsIn),
      formatCount(s.itemsOut),
      ...errors ? [
        formatCount(s.errors)
      ] : [],
      formatCount(s.peakItems),
      formatBytes(s.peakBytes),
      s.bound,
      formatMs(s.busyMs)
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const left = /* @__PURE__ */ new Set([
      0,
      errors ? 6 : 5
    ]);
    const line = (cells) => cells.map((c, i) => left.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i])).join("  ").trimEnd();
    const out = [
      line(header),
      ...rows.map(line)
    ];
    for (const s of this.stages) {
      const counters = Object.entries(s.counters);
      if (counters.length > 0) {
        out.push(`${s.name}: ${counters.map(([k, v]) => `${k} ${v}`).join(", ")}`);
      }
    }
    for (const s of this.stages) {
      if (s.errors === 0) continue;
      const shown = s.firstErrors.length;
      out.push(`${s.name}: ${formatCount(s.errors)} error${s.errors === 1 ? "" : "s"}${s.errors > shown ? `, the first ${shown}` : ""}:`, ...s.firstErrors.map((m) => `  ${m}`));
    }
    if (this.#record.inputs.length > 1) {
      out.push("inputs:");
      for (const input of this.#record.inputs.slice(0, MAX_INPUTS)) {
        const name = input.path === void 0 ? "a stream" : input.path === "-" ? "standard input" : `"${input.path}"`;
        out.push(`  ${name}: ${formatCount(input.lines)} line${input.lines === 1 ? "" : "s"}, ${formatBytes(input.bytesRead)}`);
      }
      const more = this.#record.inputs.length - MAX_INPUTS;
      if (more > 0) {
        out.push(`  \u2026 and ${formatCount(more)} more`);
      }
    }
    const wall = this.wallMs;
    const rate = wall > 0 ? this.bytesRead / (wall / 1e3) : 0;
    out.push(`run: ${this.status}, ${formatBytes(this.bytesRead)} read in ${formatMs(wall)} (${formatBytes(rate)}/s), ${formatBytes(this.bytesWritten)} written, peak RSS ${formatBytes(this.peakRssBytes)}, peak heap ${formatBytes(this.peakHeapBytes)}`);
    out.push(...this.#formatMemory(options.ascii ?? asciiTerminal()));
    return out.join("\n");
  }
  #formatMemory(ascii) {
    const b = this.memoryBreakdown;
    if (b === void 0) return [];
    const kernel = this.peakRssBytes > b.rssBytes ? `; the kernel saw ${formatBytes(this.peakRssBytes)} between samples` : "";
    const share = b.rssBytes > 0 ? (b.unexplainedBytes / b.rssBytes * 100).toFixed(1) : "0.0";
    const out = [
      `memory at its peak sample, ${formatMs(b.atMs)} in: ${formatBytes(b.rssBytes)} RSS${kernel}`,
      `  runtime ${formatBytes(b.runtimeBytes)} before the run${b.pagedInBytes === void 0 ? "" : ` + ${formatBytes(b.pagedInBytes)} paged in since`}; V8 heap ${formatBytes(b.heapBytes)} (${b.youngBytes === void 0 ? "by space: new Summary({ heapSpaces: true }), or the command line's --summary" : `young ${formatBytes(b.youngBytes)}, old ${formatBytes(b.oldBytes ?? 0)}, code ${formatBytes(b.codeBytes ?? 0)}, large objects ${formatBytes(b.largeObjectBytes ?? 0)}`}; ${formatBytes(b.heapUsedBytes)} in use)`,
      `  external ${formatBytes(b.externalBytes)}${b.workerHeapBytes > 0 ? `, workers' heaps ${formatBytes(b.workerHeapBytes)}` : ""}, unexplained ${formatBytes(b.unexplainedBytes)} (${share}%${b.unexplainedBytes < 0 ? `; the parts add up to more than RSS: ${NOT_WRITTEN}` : b.pagedInBytes === void 0 ? "; the runtime's code paged in since the start is among it" : ""}); the stages held ${formatBytes(b.stagesHeldBytes)} of the heap and external`
    ];
    const series = this.#record.series.points();
    const rss = series.map((p) => p.rssBytes);
    const line = sparkline(rss, SPARKLINE_WIDTH, ascii ? ASCII_LEVELS : BLOCKS);
    out.push(`RSS [${line}] ${formatBytes(Math.min(...rss))} to ${formatBytes(Math.max(...rss))} over ${formatMs(this.wallMs)}`);
    const hint = this.memoryHint;
    if (hint !== void 0) out.push(hint);
    return out;
  }
  /**
   * Renders the summary as a self-contained HTML page, readable offline: no
   * scripts and nothing loaded from elsewhere, the styles and charts inline
   * (SVG). It shows the run's figures (status, wall time, bytes read and
   * written, peak RSS), RSS, heap in use, the young generation (with the
   * `heapSpaces` option) and what the stages held over time on one chart, the breakdown at the peak, and per
   * stage a bar of its peak held against its bound. Every text from the run
   * (stage names, paths, messages) is escaped.
   *
   * @returns The page.
   *
   * @example A page for a run
   * ```ts
   * import { filter, pipeline } from "@sluice/sluice";
   * import assert from "node:assert/strict";
   *
   * const summary = await pipeline(
   *   ["a", "<b>"],
   *   filter((s) => s.length > 1, { name: "<long>" }),
   *   async (items) => {
   *     for await (const _ of items);
   *   },
   * );
   * const page = summary.toHTML();
   * assert.match(page, /^<!DOCTYPE html>/);
   * assert.match(page, /&lt;long&gt;/);
   * assert.doesNotMatch(page, /<script/);
   * ```
   */
  toHTML() {
    return renderHtml(this.toJSON());
  }
};

export {
  StageStats,
  recordOf,
  Summary
};
