// Copyright 2026 the sluice authors. MIT license.
// A run's figures as OpenTelemetry metrics, loaded by _otel.ts only when
// Deno's own exporter is on: each run's figures and each stage's are recorded
// through npm:@opentelemetry/api as the run ends, and the runs in progress are
// read at each collection; Deno sends them over OTLP.

import type {
  Attributes,
  Counter,
  Gauge,
  Histogram,
  Meter,
} from "@opentelemetry/api";
import type { StageRow } from "./report.ts";
import type { Summary } from "./summary.ts";

/** The instruments of one process, made once when the exporter is on. */
interface Instruments {
  itemsIn: Counter;
  itemsOut: Counter;
  errors: Counter;
  busy: Counter;
  peakItems: Gauge;
  peakHeld: Gauge;
  duration: Histogram;
  bytesRead: Counter;
  bytesWritten: Counter;
  peakRss: Gauge;
  peakHeap: Gauge;
}

/** Runs begun and not yet ended, read at each collection. */
const live = new Set<Summary>();
let instruments: Instruments | undefined;
let warned = false;

/** Metrics are a side channel: a failure is told once and the run goes on. */
function warnOnce(error: unknown): void {
  if (warned) return;
  warned = true;
  const detail = error instanceof Error ? error.message : String(error);
  console.warn(`Cannot export sluice's metrics to OpenTelemetry: ${detail}`);
}

function makeInstruments(meter: Meter): Instruments {
  // Counters for what adds up across runs (a backend derives rates from
  // them); gauges for high-water marks, which mean nothing summed: the last
  // run's peak is the one shown (of several runs within one export, the
  // last); a histogram for the run's duration, one observation per run, whose
  // count is also the number of runs. Deno takes doubles only (it throws on
  // another valueType), so none is given.
  const instruments: Instruments = {
    itemsIn: meter.createCounter("sluice.stage.items_in", {
      unit: "{item}",
      description: "Items a stage received",
    }),
    itemsOut: meter.createCounter("sluice.stage.items_out", {
      unit: "{item}",
      description: "Items a stage emitted",
    }),
    errors: meter.createCounter("sluice.stage.errors", {
      unit: "{error}",
      description: "Items that failed in a stage, and the error that stopped " +
        "the run",
    }),
    busy: meter.createCounter("sluice.stage.busy", {
      unit: "ms",
      description: "Time spent in a stage itself, upstream time excluded",
    }),
    peakItems: meter.createGauge("sluice.stage.peak_items", {
      unit: "{item}",
      description: "The most items a stage held at once in its last run",
    }),
    peakHeld: meter.createGauge("sluice.stage.peak_held", {
      unit: "By",
      description: "The most bytes a stage held at once in its last run " +
        "(an estimate)",
    }),
    duration: meter.createHistogram("sluice.run.duration", {
      unit: "ms",
      description: "Wall time of a run",
      // Runs last from milliseconds to hours.
      advice: {
        explicitBucketBoundaries: [
          1,
          10,
          100,
          1_000,
          10_000,
          60_000,
          600_000,
          3_600_000,
        ],
      },
    }),
    bytesRead: meter.createCounter("sluice.run.bytes_read", {
      unit: "By",
      description: "Bytes read by a run's source, as stored",
    }),
    bytesWritten: meter.createCounter("sluice.run.bytes_written", {
      unit: "By",
      description: "Bytes written by a run's sink",
    }),
    peakRss: meter.createGauge("sluice.run.peak_rss", {
      unit: "By",
      description: "The highest resident set size sampled in the last run",
    }),
    peakHeap: meter.createGauge("sluice.run.peak_heap", {
      unit: "By",
      description: "The highest V8 heap use sampled in the last run",
    }),
  };
  // Deno collects no observable at its flush on exit, so these only show the
  // runs still going (a followed file may never end); the figures above are
  // recorded as each run ends.
  const liveItems = meter.createObservableGauge("sluice.live.stage.items_out", {
    unit: "{item}",
    description: "Items a stage of a run in progress has emitted so far",
  });
  const liveHeld = meter.createObservableGauge("sluice.live.stage.peak_held", {
    unit: "By",
    description: "The most bytes a stage of a run in progress has held so far",
  });
  const liveRead = meter.createObservableGauge("sluice.live.run.bytes_read", {
    unit: "By",
    description: "Bytes a run in progress has read so far",
  });
  const liveRss = meter.createObservableGauge("sluice.live.run.peak_rss", {
    unit: "By",
    description: "The highest resident set size sampled so far in a run in " +
      "progress",
  });
  meter.addBatchObservableCallback((result) => {
    for (const summary of live) {
      if (summary.status !== "running") {
        live.delete(summary);
        continue;
      }
      const run = { "sluice.run.status": summary.status };
      result.observe(liveRead, summary.bytesRead, run);
      result.observe(liveRss, summary.peakRssBytes, run);
      for (const stage of summary.stages) {
        const attributes = stageAttributes(stage, summary);
        result.observe(liveItems, stage.itemsOut, attributes);
        result.observe(liveHeld, stage.peakBytes, attributes);
      }
    }
  }, [liveItems, liveHeld, liveRead, liveRss]);
  return instruments;
}

function stageAttributes(
  stage: StageRow,
  summary: Summary,
): Attributes {
  return {
    "sluice.stage.name": stage.name,
    "sluice.stage.kind": stage.kind,
    "sluice.run.status": summary.status,
  };
}

/**
 * Makes the instruments through npm:@opentelemetry/api; false when the API
 * cannot be loaded (said once).
 */
export async function load(): Promise<boolean> {
  try {
    const { metrics } = await import("@opentelemetry/api");
    instruments = makeInstruments(metrics.getMeter("@sluice/sluice"));
    return true;
  } catch (error) {
    warnOnce(error);
    return false;
  }
}

/** Reads `summary` at each collection until its run ends. */
export function watchRun(summary: Summary): void {
  live.add(summary);
}

/** Records the figures of `summary`'s run, which has just ended. */
export function exportRun(summary: Summary): void {
  if (instruments === undefined) return;
  live.delete(summary);
  // A counter takes no negative value (Deno throws): a busy time measured
  // below zero (a sink's can be) counts as none.
  const add = (counter: Counter, value: number, attributes: Attributes) =>
    counter.add(Math.max(0, value), attributes);
  try {
    const i = instruments;
    for (const stage of summary.stages) {
      const attributes = stageAttributes(stage, summary);
      add(i.itemsIn, stage.itemsIn, attributes);
      add(i.itemsOut, stage.itemsOut, attributes);
      add(i.errors, stage.errors, attributes);
      add(i.busy, stage.busyMs, attributes);
      i.peakItems.record(stage.peakItems, attributes);
      i.peakHeld.record(stage.peakBytes, attributes);
    }
    const run = { "sluice.run.status": summary.status };
    i.duration.record(summary.wallMs, run);
    add(i.bytesRead, summary.bytesRead, run);
    add(i.bytesWritten, summary.bytesWritten, run);
    i.peakRss.record(summary.peakRssBytes, run);
    i.peakHeap.record(summary.peakHeapBytes, run);
  } catch (error) {
    warnOnce(error);
  }
}
