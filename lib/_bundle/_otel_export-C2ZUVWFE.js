// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/summary/_otel_export.ts
var live = /* @__PURE__ */ new Set();
var instruments;
var warned = false;
function warnOnce(error) {
  if (warned) return;
  warned = true;
  const detail = error instanceof Error ? error.message : String(error);
  console.warn(`Cannot export sluice's metrics to OpenTelemetry: ${detail}`);
}
function makeInstruments(meter) {
  const instruments2 = {
    itemsIn: meter.createCounter("sluice.stage.items_in", {
      unit: "{item}",
      description: "Items a stage received"
    }),
    itemsOut: meter.createCounter("sluice.stage.items_out", {
      unit: "{item}",
      description: "Items a stage emitted"
    }),
    errors: meter.createCounter("sluice.stage.errors", {
      unit: "{error}",
      description: "Items that failed in a stage, and the error that stopped the run"
    }),
    busy: meter.createCounter("sluice.stage.busy", {
      unit: "ms",
      description: "Time spent in a stage itself, upstream time excluded"
    }),
    peakItems: meter.createGauge("sluice.stage.peak_items", {
      unit: "{item}",
      description: "The most items a stage held at once in its last run"
    }),
    peakHeld: meter.createGauge("sluice.stage.peak_held", {
      unit: "By",
      description: "The most bytes a stage held at once in its last run (an estimate)"
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
          1e3,
          1e4,
          6e4,
          6e5,
          36e5
        ]
      }
    }),
    bytesRead: meter.createCounter("sluice.run.bytes_read", {
      unit: "By",
      description: "Bytes read by a run's source, as stored"
    }),
    bytesWritten: meter.createCounter("sluice.run.bytes_written", {
      unit: "By",
      description: "Bytes written by a run's sink"
    }),
    peakRss: meter.createGauge("sluice.run.peak_rss", {
      unit: "By",
      description: "The highest resident set size sampled in the last run"
    }),
    peakHeap: meter.createGauge("sluice.run.peak_heap", {
      unit: "By",
      description: "The highest V8 heap use sampled in the last run"
    })
  };
  const liveItems = meter.createObservableGauge("sluice.live.stage.items_out", {
    unit: "{item}",
    description: "Items a stage of a run in progress has emitted so far"
  });
  const liveHeld = meter.createObservableGauge("sluice.live.stage.peak_held", {
    unit: "By",
    description: "The most bytes a stage of a run in progress has held so far"
  });
  const liveRead = meter.createObservableGauge("sluice.live.run.bytes_read", {
    unit: "By",
    description: "Bytes a run in progress has read so far"
  });
  const liveRss = meter.createObservableGauge("sluice.live.run.peak_rss", {
    unit: "By",
    description: "The highest resident set size sampled so far in a run in progress"
  });
  meter.addBatchObservableCallback((result) => {
    for (const summary of live) {
      if (summary.status !== "running") {
        live.delete(summary);
        continue;
      }
      const run = {
        "sluice.run.status": summary.status
      };
      result.observe(liveRead, summary.bytesRead, run);
      result.observe(liveRss, summary.peakRssBytes, run);
      for (const stage of summary.stages) {
        const attributes = stageAttributes(stage, summary);
        result.observe(liveItems, stage.itemsOut, attributes);
        result.observe(liveHeld, stage.peakBytes, attributes);
      }
    }
  }, [
    liveItems,
    liveHeld,
    liveRead,
    liveRss
  ]);
  return instruments2;
}
function stageAttributes(stage, summary) {
  return {
    "sluice.stage.name": stage.name,
    "sluice.stage.kind": stage.kind,
    "sluice.run.status": summary.status
  };
}
async function load() {
  try {
    const { metrics } = await import("@opentelemetry/api");
    instruments = makeInstruments(metrics.getMeter("@sluice/sluice"));
    return true;
  } catch (error) {
    warnOnce(error);
    return false;
  }
}
function watchRun(summary) {
  live.add(summary);
}
function exportRun(summary) {
  if (instruments === void 0) return;
  live.delete(summary);
  const add = (counter, value, attributes) => counter.add(Math.max(0, value), attributes);
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
    const run = {
      "sluice.run.status": summary.status
    };
    i.duration.record(summary.wallMs, run);
    add(i.bytesRead, summary.bytesRead, run);
    add(i.bytesWritten, summary.bytesWritten, run);
    i.peakRss.record(summary.peakRssBytes, run);
    i.peakHeap.record(summary.peakHeapBytes, run);
  } catch (error) {
    warnOnce(error);
  }
}
export {
  exportRun,
  load,
  watchRun
};
