// Copyright 2026 the sluice authors. MIT license.
// The summary as one self-contained HTML page: inline CSS and SVG, no script,
// nothing fetched (the page's content security policy forbids it), every
// text from the run escaped. The chart's lines, the breakdown's parts and
// the stages' bars carry stable ids, classes and data attributes, for tests
// and for whoever reads the page with tools.

import type { MemoryBreakdown, MemoryPoint, SummaryJSON } from "./report.ts";
import { formatBytes, formatCount, formatMs } from "./_format.ts";
import { NOT_WRITTEN } from "./_breakdown.ts";

const MiB = 1024 * 1024;

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) =>
      c === "&"
        ? "&amp;"
        : c === "<"
        ? "&lt;"
        : c === ">"
        ? "&gt;"
        : c === '"'
        ? "&quot;"
        : "&#39;",
  );
}

const esc = escapeHtml;

/** A round step for about `count` ticks over `0..max`: 1, 2 or 5 x 10^k. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** Trims a tick value's floating-point noise. */
function tick(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** The lines of the chart, drawn in this order (the first on top last). */
const LINES: {
  key: keyof Omit<MemoryPoint, "atMs">;
  id: string;
  label: string;
}[] = [
  { key: "rssBytes", id: "rss", label: "RSS" },
  { key: "heapUsedBytes", id: "heap-used", label: "V8 heap in use" },
  { key: "youngBytes", id: "young", label: "young generation" },
  { key: "heldBytes", id: "held", label: "held by stages" },
];

const CHART = { width: 960, height: 380, left: 64, right: 16, top: 16 };
const PLOT_BOTTOM = CHART.height - 72;

function chart(series: MemoryPoint[], wallMs: number): string {
  if (series.length === 0) {
    return `<p id="memory-chart-empty">No memory was sampled.</p>`;
  }
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = PLOT_BOTTOM - CHART.top;
  const maxMs = Math.max(wallMs, series.at(-1)!.atMs, 1);
  const maxBytes = Math.max(...series.map((p) => p.rssBytes), MiB);
  // Time in seconds when the run is long enough, else in milliseconds.
  const inSeconds = maxMs >= 2000;
  const timeUnit = inSeconds ? 1000 : 1;
  const xStep = niceStep(maxMs / timeUnit, 8);
  const yStep = niceStep(maxBytes / MiB, 6);
  const yTop = Math.ceil(maxBytes / MiB / yStep) * yStep;
  const x = (ms: number) => CHART.left + (ms / maxMs) * plotW;
  const y = (bytes: number) => PLOT_BOTTOM - (bytes / MiB / yTop) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg id="memory-chart" viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-labelledby="memory-chart-title" data-points="${series.length}">`,
    `<title id="memory-chart-title">Memory over the run, in MiB against time</title>`,
  );
  // The y axis: MiB, with grid lines.
  parts.push(`<g class="axis" id="y-axis">`);
  for (let v = 0; v <= yTop + yStep / 2; v += yStep) {
    const py = y(v * MiB).toFixed(1);
    parts.push(
      `<line class="grid" x1="${CHART.left}" x2="${
        CHART.width - CHART.right
      }" y1="${py}" y2="${py}"/>`,
      `<text x="${
        CHART.left - 8
      }" y="${py}" text-anchor="end" dominant-baseline="middle">${
        tick(v)
      }</text>`,
    );
  }
  parts.push(
    `<text class="axis-label" transform="translate(16 ${
      (CHART.top + PLOT_BOTTOM) / 2
    }) rotate(-90)" text-anchor="middle">MiB</text>`,
    `</g>`,
  );
  // The x axis: time since the run started.
  parts.push(
    `<g class="axis" id="x-axis">`,
    `<line class="axis-line" x1="${CHART.left}" x2="${
      CHART.width - CHART.right
    }" y1="${PLOT_BOTTOM}" y2="${PLOT_BOTTOM}"/>`,
  );
  for (let v = 0; v * timeUnit <= maxMs + 1e-9; v += xStep) {
    const px = x(v * timeUnit).toFixed(1);
    parts.push(
      `<line class="tick" x1="${px}" x2="${px}" y1="${PLOT_BOTTOM}" y2="${
        PLOT_BOTTOM + 6
      }"/>`,
      `<text x="${px}" y="${PLOT_BOTTOM + 20}" text-anchor="middle">${
        tick(v)
      }</text>`,
    );
  }
  parts.push(
    `<text class="axis-label" x="${CHART.left + plotW / 2}" y="${
      PLOT_BOTTOM + 40
    }" text-anchor="middle">time since the run started (${
      inSeconds ? "s" : "ms"
    })</text>`,
    `</g>`,
  );
  // The lines: a figure some samples lack (the young generation, without
  // the heap split by space) is drawn through the samples that have it, and
  // not at all when none has it.
  const lines = LINES.filter((line) =>
    series.some((p) => p[line.key] !== undefined)
  );
  for (const line of lines) {
    const had = series.flatMap((p) => {
      const bytes = p[line.key];
      return bytes === undefined ? [] : [{ atMs: p.atMs, bytes }];
    });
    const points = had.map((p) =>
      `${x(p.atMs).toFixed(1)},${y(p.bytes).toFixed(1)}`
    );
    // A single sample still shows, as a short level line.
    if (points.length === 1) {
      points.unshift(`${CHART.left},${y(had[0]!.bytes).toFixed(1)}`);
    }
    parts.push(
      `<polyline class="series series-${line.id}" data-series="${line.id}" points="${
        points.join(" ")
      }"/>`,
    );
  }
  // The legend, under the axis label.
  const legendY = CHART.height - 8;
  let lx = CHART.left;
  parts.push(`<g id="legend">`);
  for (const line of lines) {
    parts.push(
      `<line class="series-${line.id} legend-swatch" x1="${lx}" x2="${
        lx + 24
      }" y1="${legendY - 4}" y2="${legendY - 4}"/>`,
      `<text x="${lx + 30}" y="${legendY}">${esc(line.label)}</text>`,
    );
    lx += 60 + line.label.length * 7.5;
  }
  parts.push(`</g>`, `</svg>`);
  return parts.join("\n");
}

/** The breakdown's parts that add up to the RSS, in the order shown. */
function breakdownParts(
  b: MemoryBreakdown,
): { id: string; label: string; bytes: number; note: string }[] {
  return [
    {
      id: "runtime",
      label: "runtime",
      bytes: b.runtimeBytes,
      note: "RSS before the run, less the heap and external memory then",
    },
    ...(b.pagedInBytes === undefined ? [] : [{
      id: "paged-in",
      label: "paged in since",
      bytes: b.pagedInBytes,
      note:
        "file-backed memory mapped since the start: mostly the runtime's code",
    }]),
    ...(b.youngBytes === undefined
      ? [{
        id: "heap",
        label: "V8 heap",
        bytes: b.heapBytes,
        note:
          "committed, all spaces together; by space with new Summary({ heapSpaces: true }), or the command line's --summary-html",
      }]
      : [
        {
          id: "young",
          label: "young generation",
          bytes: b.youngBytes,
          note: "V8's new space, committed",
        },
        {
          id: "old",
          label: "old generation",
          bytes: b.oldBytes ?? 0,
          note: "V8's old space, committed",
        },
        {
          id: "code",
          label: "code",
          bytes: b.codeBytes ?? 0,
          note: "compiled code and bytecode (code and trusted spaces)",
        },
        {
          id: "large-objects",
          label: "large objects",
          bytes: b.largeObjectBytes ?? 0,
          note: "V8's large-object space",
        },
      ]),
    {
      id: "external",
      label: "external",
      bytes: b.externalBytes,
      note: "array buffers and other memory outside the heap",
    },
    {
      id: "workers",
      label: "workers' heaps",
      bytes: b.workerHeapBytes,
      note: "as the workers last reported them",
    },
    {
      id: "unexplained",
      label: "unexplained",
      bytes: b.unexplainedBytes,
      note: b.unexplainedBytes < 0
        ? `the parts add up to more than RSS: ${NOT_WRITTEN}`
        : `${
          b.pagedInBytes === undefined
            ? "the runtime's code paged in since the start, "
            : ""
        }native allocations, freed heap pages not yet returned, workers' runtimes`,
    },
  ];
}

function breakdown(
  b: MemoryBreakdown | undefined,
  peakRssBytes: number,
): string {
  if (b === undefined) {
    return `<p id="breakdown-empty">No memory was sampled.</p>`;
  }
  const parts = breakdownParts(b);
  const out: string[] = [];
  const kernel = peakRssBytes > b.rssBytes
    ? ` The kernel saw a peak of ${
      esc(formatBytes(peakRssBytes))
    } between two samples.`
    : "";
  out.push(
    `<p>At the sample where RSS peaked, ${
      esc(formatMs(b.atMs))
    } into the run: <strong>${
      esc(formatBytes(b.rssBytes))
    }</strong> RSS.${kernel}</p>`,
  );
  // One stacked bar of the parts (negative parts are left out of the bar).
  const width = 960;
  let at = 0;
  out.push(
    `<svg id="breakdown-bar" viewBox="0 0 ${width} 36" role="img" aria-label="The parts of the peak RSS">`,
  );
  for (const p of parts) {
    if (p.bytes <= 0 || b.rssBytes <= 0) continue;
    const w = (p.bytes / b.rssBytes) * width;
    out.push(
      `<rect class="part part-${p.id}" data-part="${p.id}" data-bytes="${p.bytes}" x="${
        at.toFixed(1)
      }" y="0" width="${w.toFixed(1)}" height="36"><title>${
        esc(`${p.label}: ${formatBytes(p.bytes)}`)
      }</title></rect>`,
    );
    at += w;
  }
  out.push(`</svg>`);
  out.push(
    `<table id="breakdown"><thead><tr><th></th><th>part</th><th class="num">bytes</th><th class="num">share</th><th>what it is</th></tr></thead><tbody>`,
  );
  for (const p of parts) {
    const share = b.rssBytes > 0 ? (p.bytes / b.rssBytes) * 100 : 0;
    out.push(
      `<tr data-part="${p.id}"><td><span class="swatch part-${p.id}"></span></td><td>${
        esc(p.label)
      }</td><td class="num">${esc(formatBytes(p.bytes))}</td><td class="num">${
        share.toFixed(1)
      }%</td><td>${esc(p.note)}</td></tr>`,
    );
  }
  out.push(
    `</tbody><tfoot><tr><td></td><td>RSS</td><td class="num">${
      esc(formatBytes(b.rssBytes))
    }</td><td class="num">100%</td><td>the parts add up to it</td></tr></tfoot></table>`,
    `<p>Of the V8 heap's ${esc(formatBytes(b.heapBytes))} committed, ${
      esc(formatBytes(b.heapUsedBytes))
    } was in use. The stages held ${
      esc(formatBytes(b.stagesHeldBytes))
    } at that moment (an estimate, within the heap and external memory).</p>`,
  );
  return out.join("\n");
}

function stages(json: SummaryJSON): string {
  // Bars without a declared bound share one scale: the largest peak held.
  const undeclaredScale = Math.max(
    1,
    ...json.stages.filter((s) => s.boundBytes === undefined).map((s) =>
      s.peakBytes
    ),
  );
  const out: string[] = [
    `<table id="stages"><thead><tr><th>stage</th><th class="num">items in</th><th class="num">items out</th><th class="num">busy</th><th>peak held against its bound</th></tr></thead><tbody>`,
  ];
  json.stages.forEach((s, i) => {
    const declared = s.boundBytes !== undefined;
    const scale = declared ? Math.max(s.boundBytes!, 1) : undeclaredScale;
    const fill = Math.min(1, s.peakBytes / scale);
    const over = declared && s.peakBytes > s.boundBytes!;
    const bound = declared
      ? `${formatBytes(s.boundBytes!)} bound (${s.bound})`
      : s.bound === "not declared"
      ? "bound not declared"
      : `bound not declared in bytes (${s.bound})`;
    out.push(
      `<tr data-stage-index="${i}"><td><span class="name">${
        esc(s.name)
      }</span> <span class="kind">${esc(s.kind)}</span></td><td class="num">${
        i === 0 ? "-" : formatCount(s.itemsIn)
      }</td><td class="num">${formatCount(s.itemsOut)}</td><td class="num">${
        esc(formatMs(s.busyMs))
      }</td><td>`,
      `<svg class="stage-bar${declared ? "" : " undeclared"}${
        over ? " over" : ""
      }" data-stage="${
        esc(s.name)
      }" data-stage-index="${i}" data-peak-bytes="${s.peakBytes}" data-bound-bytes="${
        declared ? s.boundBytes : ""
      }" viewBox="0 0 300 14" width="300" height="14" role="img" aria-label="${
        esc(`${s.name}: ${formatBytes(s.peakBytes)} of ${bound}`)
      }"><rect class="track" x="0" y="0" width="300" height="14"/><rect class="fill" x="0" y="0" width="${
        (fill * 300).toFixed(1)
      }" height="14"/></svg>`,
      `<div class="bar-label">${esc(formatBytes(s.peakBytes))} of ${
        esc(bound)
      }</div></td></tr>`,
    );
    const extra: string[] = [];
    const counters = Object.entries(s.counters);
    if (counters.length > 0) {
      extra.push(counters.map(([k, v]) => `${esc(k)} ${v}`).join(", "));
    }
    if (s.errors > 0) {
      extra.push(
        `${s.errors} error${s.errors === 1 ? "" : "s"}: ${
          s.firstErrors.map((m) => `<code>${esc(m)}</code>`).join(" ")
        }`,
      );
    }
    if (extra.length > 0) {
      out.push(
        `<tr class="details"><td colspan="5">${extra.join("<br>")}</td></tr>`,
      );
    }
  });
  out.push(`</tbody></table>`);
  return out.join("\n");
}

function figures(json: SummaryJSON): string {
  const rows: [string, string][] = [
    ["status", json.status],
    ["wall time", formatMs(json.wallMs)],
    ["bytes read", formatBytes(json.bytesRead)],
    ["bytes written", formatBytes(json.bytesWritten)],
    ["throughput", `${formatBytes(json.bytesPerSecond)}/s`],
    ["peak RSS", formatBytes(json.peakRssBytes)],
    ["peak V8 heap in use", formatBytes(json.peakHeapBytes)],
    ["memory samples", String(json.memorySamples)],
  ];
  const out = [
    `<dl id="figures">`,
    ...rows.map(([k, v]) =>
      `<div data-figure="${esc(k)}"><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`
    ),
    `</dl>`,
  ];
  if (json.inputs.length > 0) {
    out.push(`<ul id="inputs">`);
    for (const input of json.inputs) {
      const name = input.path === undefined
        ? "a stream"
        : input.path === "-"
        ? "standard input"
        : input.path;
      out.push(
        `<li><code>${esc(name)}</code>: ${formatCount(input.lines)} lines, ${
          esc(formatBytes(input.bytesRead))
        }</li>`,
      );
    }
    out.push(`</ul>`);
  }
  return out.join("\n");
}

const STYLE = `
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

/** Renders the page for a summary's figures. */
export function renderHtml(json: SummaryJSON): string {
  const hint = json.memoryHint === undefined
    ? ""
    : `<p id="hint">${esc(json.memoryHint)}</p>`;
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
    ``,
  ].join("\n");
}
