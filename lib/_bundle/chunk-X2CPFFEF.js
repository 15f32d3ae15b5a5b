// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  stagesOf
} from "./chunk-GEHZM6I7.js";
import {
  isNotCapable,
  needsGrant,
  parentDir,
  syncDir
} from "./chunk-4TGYKUN4.js";
import {
  readableInRanges
} from "./chunk-YYVGN7B7.js";
import {
  Meter,
  fused,
  measured,
  meteredInput,
  meteredOutput
} from "./chunk-Y6AFSVNC.js";
import {
  estimateBytes
} from "./chunk-SEXDPIXC.js";
import {
  pathOf,
  sameFile
} from "./chunk-65U4WM43.js";
import {
  RunContext,
  checkAborted,
  closingAtEnd,
  stageFailure,
  untilAborted
} from "./chunk-XSSWW4V7.js";
import {
  DONE,
  ItemView,
  Rechunker,
  chunksOf,
  isThenable
} from "./chunk-FFM2QZVY.js";
import {
  head,
  lineOf,
  namePrefix,
  numberPrefix,
  tailFrom,
  withItems
} from "./chunk-LTYBISTW.js";
import {
  sinkImpl,
  sourceImpl,
  stageImpl
} from "./chunk-RJWQ7O3S.js";
import {
  StageStats,
  recordOf
} from "./chunk-NNJCSJBK.js";
import {
  CheckpointError
} from "./chunk-LHRNZXWF.js";

// lib/core/_checkpoint.ts
var PREFIX_BYTES = 64 * 1024;
async function prefixHash(path, bytes) {
  using file = await Deno.open(path, {
    read: true
  });
  const buf = new Uint8Array(bytes);
  let at = 0;
  while (at < bytes) {
    const n = await file.read(buf.subarray(at));
    if (n === null) break;
    at += n;
  }
  const digest = await crypto.subtle.digest("SHA-256", buf.subarray(0, at));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
async function printOf(path) {
  const size = (await Deno.stat(path)).size;
  const prefixBytes = Math.min(size, PREFIX_BYTES);
  return {
    path,
    size,
    prefixBytes,
    prefixSha256: await prefixHash(path, prefixBytes)
  };
}
async function replaceFile(path, bytes) {
  const temp = `${path}.sluice-tmp`;
  try {
    using file = await Deno.open(temp, {
      write: true,
      create: true,
      truncate: true
    });
    let at = 0;
    while (at < bytes.length) {
      const n = await file.write(bytes.subarray(at));
      if (!(n > 0)) throw new Deno.errors.WriteZero(`Cannot write "${temp}"`);
      at += n;
    }
    await file.sync();
  } catch (error) {
    await Deno.remove(temp).catch(() => {
    });
    if (isNotCapable(error)) {
      const dir = parentDir(path);
      throw needsGrant(error, `Cannot write the checkpoint "${path}": it is replaced atomically through a temporary file beside it, so it needs write access to its directory "${dir}"`, {
        flag: "--allow-write",
        path: dir
      });
    }
    throw error;
  }
  await Deno.rename(temp, path);
  await syncDir(parentDir(path));
}
var Checkpointer = class {
  /** The checkpoint file. */
  path;
  /** The least time between two checkpoints. */
  everyMs;
  /** What this run continues from, once loaded; undefined for a fresh run. */
  resumed = void 0;
  /** Checkpoints recorded by this run. */
  saves = 0;
  #pipeline;
  #inputs;
  #output;
  #prints = [];
  #last = 0;
  /**
   * @param path The checkpoint file.
   * @param everyMs The least time between two checkpoints.
   * @param pipeline What identifies the pipeline: its stages' kinds.
   * @param inputs The source's input paths.
   * @param output The output path.
   */
  constructor(path, everyMs, pipeline2, inputs, output) {
    this.path = path;
    this.everyMs = everyMs;
    this.#pipeline = pipeline2;
    this.#inputs = inputs;
    this.#output = output;
  }
  #refuse(reason) {
    return new CheckpointError(this.path, reason);
  }
  /** Reads the checkpoint, if there is one, and checks that it fits. */
  async load() {
    this.#last = performance.now();
    let text;
    try {
      text = await Deno.readTextFile(this.path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    let saved;
    try {
      saved = JSON.parse(text);
    } catch {
      throw this.#refuse("it is not valid JSON");
    }
    if (saved?.format !== "sluice-checkpoint" || saved.version !== 1) {
      throw this.#refuse("it is not a sluice checkpoint (version 1)");
    }
    if (saved.pipeline !== this.#pipeline) {
      throw this.#refuse(`it was written by another pipeline (${saved.pipeline}), not this one (${this.#pipeline})`);
    }
    if (JSON.stringify(saved.inputs) !== JSON.stringify(this.#inputs)) {
      throw this.#refuse(`it was written for other inputs (${saved.inputs.map((p) => `"${p}"`).join(", ")})`);
    }
    if (saved.output !== this.#output) {
      throw this.#refuse(`it was written for another output ("${saved.output}")`);
    }
    if (!saved.done) {
      for (const print of saved.prints) {
        let size;
        try {
          size = (await Deno.stat(print.path)).size;
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw error;
          throw this.#refuse(`input "${print.path}" no longer exists`);
        }
        if (size < print.size) {
          throw this.#refuse(`input "${print.path}" changed since the checkpoint: it has ${size} bytes now, ${print.size} before`);
        }
        const hash = await prefixHash(print.path, print.prefixBytes);
        if (hash !== print.prefixSha256) {
          throw this.#refuse(`input "${print.path}" changed since the checkpoint: its first ${print.prefixBytes} bytes differ`);
        }
      }
      const current = this.#inputs[saved.position.input];
      if (current !== void 0) {
        const size = (await Deno.stat(current)).size;
        if (size < saved.position.offset) {
          throw this.#refuse(`input "${current}" changed since the checkpoint: it has ${size} bytes now, the run had read ${saved.position.offset}`);
        }
      }
    }
    this.#prints = saved.prints;
    this.resumed = {
      position: saved.done ? {
        input: this.#inputs.length,
        offset: 0,
        line: 1
      } : saved.position,
      outputBytes: saved.outputBytes,
      done: saved.done
    };
  }
  /** Whether the next checkpoint is due. */
  due() {
    return performance.now() - this.#last >= this.everyMs;
  }
  /**
   * Records that the output holds `outputBytes` bytes, durable, for all the
   * input before `position`; `done` when the output is complete.
   */
  async save(position, outputBytes, done = false) {
    const last = Math.min(position.input, this.#inputs.length - 1);
    for (let i = this.#prints.length; i <= last; i++) {
      this.#prints.push(await printOf(this.#inputs[i]));
    }
    const saved = {
      format: "sluice-checkpoint",
      version: 1,
      pipeline: this.#pipeline,
      inputs: this.#inputs,
      output: this.#output,
      prints: this.#prints,
      position,
      outputBytes,
      done
    };
    await replaceFile(this.path, new TextEncoder().encode(JSON.stringify(saved, null, 1) + "\n"));
    this.saves++;
    this.#last = performance.now();
  }
  /** Removes the checkpoint once the output is in place. */
  async remove() {
    try {
      await Deno.remove(this.path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    await syncDir(parentDir(this.path));
  }
};

// lib/summary/_sampler.ts
var STATUS = "/proc/self/status";
function groupSpaces(spaces) {
  let youngBytes = 0;
  let oldBytes = 0;
  let codeBytes = 0;
  let largeObjectBytes = 0;
  for (const { space_name: name, space_size: size } of spaces) {
    if (name.startsWith("new_")) youngBytes += size;
    else if (/code|trusted/.test(name)) codeBytes += size;
    else if (name.includes("large_object")) largeObjectBytes += size;
    else oldBytes += size;
  }
  return {
    youngBytes,
    oldBytes,
    codeBytes,
    largeObjectBytes
  };
}
function statusReader(deno) {
  let readable;
  try {
    const granted = (descriptor) => deno.permissions.querySync(descriptor).state === "granted";
    readable = deno.build.os === "linux" && granted({
      name: "read",
      path: STATUS
    }) && granted({
      name: "run"
    }) && granted({
      name: "ffi"
    });
  } catch {
    readable = false;
  }
  return () => {
    if (!readable) return void 0;
    try {
      const text = deno.readTextFileSync(STATUS);
      const kB = (name) => {
        const value = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text)?.[1];
        return value === void 0 ? void 0 : Number(value) * 1024;
      };
      const file = kB("RssFile");
      return {
        fileBackedBytes: file === void 0 ? void 0 : file + (kB("RssShmem") ?? 0),
        highWaterBytes: kB("VmHWM")
      };
    } catch {
      readable = false;
      return void 0;
    }
  };
}
function every(ms, tick, deno) {
  if (typeof Atomics.waitAsync !== "function" || !(ms > 0)) {
    const id = setInterval(tick, ms);
    deno.unrefTimer(id);
    return () => clearInterval(id);
  }
  const cell = new Int32Array(new SharedArrayBuffer(4));
  let stopped = false;
  const wait = () => {
    const waited = Atomics.waitAsync(cell, 0, 0, ms);
    if (waited.async) waited.value.then(next);
  };
  const next = () => {
    if (stopped) return;
    tick();
    wait();
  };
  wait();
  return () => {
    stopped = true;
    Atomics.notify(cell, 0);
  };
}
function startSampler(summary, intervalMs) {
  const deno = globalThis.Deno;
  if (deno?.memoryUsage === void 0) return () => {
  };
  const record = recordOf(summary);
  const status = statusReader(deno);
  let spaces;
  let stopped = false;
  if (record.heapSpaces) {
    import("node:v8").then((v8) => {
      if (!stopped) spaces = v8.getHeapSpaceStatistics;
    }, () => {
    });
  }
  let highWater;
  const fileBacked = () => {
    const figures = status();
    highWater = figures?.highWaterBytes;
    return figures?.fileBackedBytes;
  };
  const sample = () => {
    const m = deno.memoryUsage();
    const reading = {
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      heapBytes: m.heapTotal,
      externalBytes: m.external
    };
    if (spaces !== void 0) {
      const groups = groupSpaces(spaces());
      reading.youngBytes = groups.youngBytes;
      reading.oldBytes = groups.oldBytes;
      reading.codeBytes = groups.codeBytes;
      reading.largeObjectBytes = groups.largeObjectBytes;
      reading.heapBytes = groups.youngBytes + groups.oldBytes + groups.codeBytes + groups.largeObjectBytes;
    }
    record.observeMemory(reading, fileBacked);
  };
  sample();
  const before = highWater ?? status()?.highWaterBytes;
  const stop = every(intervalMs, sample, deno);
  return () => {
    stopped = true;
    stop();
    sample();
    const after = status()?.highWaterBytes;
    if (before !== void 0 && after !== void 0 && after > before) {
      record.observeHighWater(after);
    }
  };
}

// lib/summary/_otel.ts
function exporterOn() {
  const deno = globalThis.Deno;
  if (deno?.permissions?.querySync === void 0) return false;
  const env = deno.permissions.querySync({
    name: "env",
    variable: "OTEL_DENO"
  });
  return env.state === "granted" && deno.env.get("OTEL_DENO")?.toLowerCase() === "true";
}
var exporter = exporterOn() ? await import("./_otel_export-C2ZUVWFE.js").then(async (m) => await m.load() ? m : void 0) : void 0;
function watchRun(summary) {
  exporter?.watchRun(summary);
}
function exportRun(summary) {
  exporter?.exportRun(summary);
}

// lib/core/_plan.ts
var workersReadRanges = (src, next, stats, ctx) => {
  const ranges = src.ranges;
  const readsRanges = next?.readsRanges;
  if (ranges === void 0 || readsRanges === void 0) return void 0;
  if (!readableInRanges(ranges.path)) return void 0;
  const out = ctx.record.addStage(next.name ?? `${next.kind}#2`, next.kind, `${next.bound} (reads ${stats.name}'s file in ranges)`, next.boundBytes);
  return {
    rule: "workersReadRanges",
    open: () => readsRanges(ranges, stats, out, ctx),
    out,
    takes: 1
  };
};
function fusedRow(ctx, stage, source) {
  return ctx.record.addStage(stage.name ?? `${stage.kind}#2`, stage.kind, `${stage.bound} (fused into ${source.name})`);
}
var readerFiltersLiteral = (src, next, stats, ctx, after) => {
  const countOnly = sinkImpl(after)?.countsOnly === true;
  const folded = next?.literal === void 0 && src.fatal !== true && ctx.checkpoint === void 0 && (countOnly || next?.foldedLiteral?.invert === false) ? next?.foldedLiteral : void 0;
  const literal = next?.literal ?? folded?.literal;
  if (!src.fusesFilter || literal === void 0) return void 0;
  const sink = sinkImpl(after);
  const bytes = !countOnly && sink?.takesBytes === true;
  if (next.invert === true && (typeof literal !== "string" || !(countOnly || bytes))) return void 0;
  const out = fusedRow(ctx, next, stats);
  const numbered = next.numbered === true && !countOnly;
  const named = next.named === true && !countOnly;
  const kind = folded === void 0 ? "Literal" : "Folded";
  return {
    rule: countOnly ? `readerCounts${kind}` : bytes ? `readerFilters${kind}Bytes` : `readerFilters${kind}`,
    open: () => {
      const chunks = src.chunks(stats, ctx, {
        literal,
        invert: next.invert,
        fold: next.literalFolds === true || folded !== void 0,
        others: folded?.also,
        stats: out,
        countOnly,
        bytes,
        illFormedBytes: bytes && sink.writesLossless === true,
        numbers: bytes && numbered,
        names: bytes && named
      });
      return (numbered || named) && !bytes ? withLeads(chunks, named ? ctx.path : void 0, named, numbered) : chunks;
    },
    out,
    takes: 1
  };
};
var readerFiltersLines = (src, next, stats, ctx, after) => {
  const keeps = next?.keeps;
  if (!src.fusesFilter || keeps === void 0) return void 0;
  const out = fusedRow(ctx, next, stats);
  const countOnly = sinkImpl(after)?.countsOnly === true;
  return {
    rule: "readerFiltersLines",
    open: () => src.chunks(stats, ctx, {
      keep: keeps(out, ctx),
      stats: out,
      countOnly
    }),
    out,
    takes: 1
  };
};
var readerSievesFilteredLines = (src, next, stats, ctx, after) => {
  const keeps = next?.keeps;
  const sieve = next === void 0 ? void 0 : sieveOf(next, ctx);
  if (!src.fusesFilter || keeps === void 0 || sieve === void 0) {
    return void 0;
  }
  const out = fusedRow(ctx, next, stats);
  return {
    rule: "readerSievesFilteredLines",
    open: () => src.chunks(stats, ctx, {
      keep: keeps(out, ctx),
      stats: out,
      literal: sieve,
      invert: false,
      sieve: true,
      fold: next.sieveFolds === true,
      countOnly: sinkImpl(after)?.countsOnly === true
    }),
    out,
    takes: 1
  };
};
function sieveOf(stage, ctx) {
  const sieve = stage.sieve;
  return sieve === void 0 || sieve === "" || /[\r\n]/.test(sieve) || ctx.checkpoint !== void 0 ? void 0 : sieve;
}
var readerMapsBytes = (src, next, stats, ctx, after) => {
  const maps = next?.mapsLineBytes;
  const transformer = next?.transformer;
  if (!src.fusesFilter || maps === void 0 || transformer === void 0 || sinkImpl(after)?.takesBytes !== true || ctx.checkpoint !== void 0) return void 0;
  const out = fusedRow(ctx, next, stats);
  return {
    rule: "readerMapsBytes",
    open: () => {
      const map = {
        bytes: maps(),
        text: false,
        stoppedAt: void 0
      };
      return mappedThen(src.chunks(stats, ctx, {
        map,
        stats: out
      }), map, transformer(out, ctx));
    },
    out,
    takes: 1
  };
};
var readerHandsLines = (src, next, stats, ctx) => {
  if (!src.fusesFilter || next?.takesLineBytes !== true || ctx.checkpoint !== void 0) return void 0;
  const unused = new StageStats("lines", "lines", "");
  return {
    rule: "readerHandsLines",
    open: () => {
      const lines = {
        text: false,
        stoppedAt: void 0
      };
      return mappedThen(src.chunks(stats, ctx, {
        lines,
        stats: unused
      }), lines);
    },
    out: stats,
    takes: 0
  };
};
async function* mappedThen(chunks, map, transform) {
  for await (let chunk of chunks) {
    if (!map.text) {
      yield chunk;
      continue;
    }
    const from = map.stoppedAt ?? 0;
    map.stoppedAt = void 0;
    if (from > 0) {
      const mapped = head(chunk, from);
      mapped.bytes = chunk.bytes;
      yield mapped;
      chunk = tailFrom(chunk, from);
    }
    if (transform === void 0) {
      if (chunk.items.length > 0) yield chunk;
      continue;
    }
    let out = transform(chunk);
    if (out instanceof Promise) out = await out;
    if (out !== void 0 && out.items.length > 0) yield out;
  }
}
var readerSievesLiteral = (src, next, stats, ctx) => {
  const sieve = next === void 0 ? void 0 : sieveOf(next, ctx);
  if (!src.fusesFilter || sieve === void 0) return void 0;
  const sieved = new StageStats("sieve", "sieve", "");
  return {
    rule: "readerSievesLiteral",
    open: () => src.chunks(stats, ctx, {
      literal: sieve,
      invert: false,
      sieve: true,
      fold: next.sieveFolds === true,
      stats: sieved
    }),
    out: stats,
    takes: 0
  };
};
async function* withLeads(chunks, path, named, numbered) {
  for await (const chunk of chunks) {
    const items = chunk.items;
    const out = new Array(items.length);
    const name = named ? namePrefix(chunk.path ?? path) : "";
    for (let i = 0; i < items.length; i++) {
      out[i] = numbered ? name + numberPrefix(lineOf(chunk, i)) + items[i] : name + items[i];
    }
    yield withItems(chunk, out);
  }
}
var readerCountsLines = (src, next, stats, ctx, after) => {
  if (!src.fusesFilter || next !== void 0) return void 0;
  if (sinkImpl(after)?.countsOnly !== true) return void 0;
  return {
    rule: "readerCountsLines",
    open: () => src.chunks(stats, ctx, void 0, true),
    out: stats,
    takes: 0
  };
};
var sourceAlone = (src, _next, stats, ctx) => ({
  rule: "sourceAlone",
  open: () => src.chunks(stats, ctx),
  out: stats,
  takes: 0
});
var SOURCE_RULES = [
  workersReadRanges,
  readerFiltersLiteral,
  readerSievesFilteredLines,
  readerFiltersLines,
  readerSievesLiteral,
  readerMapsBytes,
  readerHandsLines,
  readerCountsLines,
  sourceAlone
];
function buildPlan(source, args, options) {
  checkSource(source);
  args.forEach((step, i) => {
    if (typeof step !== "function") {
      throw new TypeError(`Cannot build pipeline: argument ${i + 2} must be a stage or a sink function, got ${describe(step)}`);
    }
  });
  const src = sourceImpl(source);
  let stopSampler;
  const signal = options.signal;
  const ctx = new RunContext({
    path: src?.path,
    unit: src?.unit ?? "item",
    signal,
    ...options.summary === void 0 ? {} : {
      summary: options.summary
    },
    checkpoint: options.checkpoint === void 0 ? void 0 : checkpointer(options.checkpoint, source, args),
    onEnd: (failed) => {
      stopSampler?.();
      stopSampler = void 0;
      ctx.record.finish(failed ? signal?.aborted ? "aborted" : "failed" : "ok");
      exportRun(ctx.summary);
    }
  });
  const summary = ctx.summary;
  const begin = () => {
    ctx.record.start();
    stopSampler ??= startSampler(summary, options.memorySampleMs ?? 50);
    watchRun(summary);
  };
  let sourcePlan;
  let sourceStats;
  if (src !== void 0) {
    sourceStats = addRow(ctx, src, 1);
    const next = stageImpl(args[0]);
    const after = next !== void 0 ? args[1] : args.length === 1 ? args[0] : void 0;
    sourcePlan = firstRule(src, next, sourceStats, ctx, after);
  } else {
    sourceStats = ctx.record.addStage("source#1", "source", "1 chunk");
    sourcePlan = {
      rule: "iterable",
      open: () => chunksOf(source, true),
      out: sourceStats,
      takes: 0
    };
  }
  const steps = [];
  const fuses = (s) => s?.transformer !== void 0 && (s.overlaps !== true || ctx.checkpoint !== void 0);
  for (let i = sourcePlan.takes; i < args.length; i++) {
    const step = args[i];
    const position = i + 2;
    const builtIn = stageImpl(step);
    const handsBytes = builtIn?.handsBytes === true;
    if (fuses(builtIn)) {
      const run = [];
      let j = i;
      for (; j < args.length; j++) {
        const s = stageImpl(args[j]);
        if (!fuses(s)) break;
        run.push({
          impl: s,
          stats: addRow(ctx, s, j + 2)
        });
      }
      steps.push({
        kind: "fused",
        steps: run
      });
      i = j - 1;
      continue;
    }
    if (builtIn !== void 0) {
      const bytes = handsBytes && i === args.length - 2 && sinkImpl(args[i + 1])?.takesBytes === true;
      steps.push({
        kind: "built-in",
        impl: builtIn,
        stats: addRow(ctx, builtIn, position),
        bytes
      });
      continue;
    }
    const sink = sinkImpl(step);
    if (sink !== void 0) {
      if (i !== args.length - 1) {
        throw new TypeError(`Cannot build pipeline: the sink ${sink.kind} must come last, found at argument ${position}`);
      }
      steps.push({
        kind: "sink",
        impl: sink,
        stats: addRow(ctx, sink, position)
      });
      continue;
    }
    steps.push({
      kind: "own",
      fn: step,
      stats: ctx.record.addStage(`${step.name || "stage"}#${position}`, "stage", "not declared"),
      last: i === args.length - 1
    });
  }
  return {
    ctx,
    source: sourcePlan,
    sourceStats,
    plainSource: src === void 0,
    steps,
    begin
  };
}
function firstRule(src, next, stats, ctx, after) {
  for (const rule of SOURCE_RULES) {
    const plan = rule(src, next, stats, ctx, after);
    if (plan !== void 0) return plan;
  }
  throw new Error("Cannot build pipeline: no rule reads the source");
}
function addRow(ctx, impl, position) {
  return ctx.record.addStage(impl.name ?? `${impl.kind}#${position}`, impl.kind, impl.bound, impl.boundBytes);
}
function runPlan(plan) {
  const { ctx } = plan;
  let chunks = sourceChunks(plan);
  for (const step of plan.steps) {
    switch (step.kind) {
      case "fused":
        chunks = fused(step.steps, chunks, ctx);
        break;
      case "built-in":
        chunks = measured(step.impl, chunks, step.stats, ctx, step.bytes);
        break;
      case "sink": {
        const { impl, stats } = step;
        const meter = new Meter();
        const input = meteredInput(closingAtEnd(chunks, ctx), stats, meter, true, impl.boundBytes === void 0);
        const run = () => finish(() => impl.consume(input, stats, ctx), stats, ctx, meter, meter.place);
        const cp = ctx.checkpoint;
        if (cp === void 0) return {
          done: run()
        };
        return {
          done: cp.load().then(run, async (error) => {
            await ctx.end(true);
            throw error;
          })
        };
      }
      case "own": {
        const ran = runOwn(step, chunks, ctx);
        if ("done" in ran) return ran;
        chunks = ran.chunks;
        break;
      }
    }
  }
  return {
    chunks: closingAtEnd(chunks, ctx)
  };
}
function runOwn(step, chunks, ctx) {
  const { stats, last } = step;
  const meter = new Meter();
  const items = new ItemView(meteredInput(chunks, stats, meter, false), stats);
  const place = () => ({
    line: items.line,
    path: items.path
  });
  const calledAt = performance.now();
  const output = step.fn(items);
  if (last && isThenable(output)) {
    return {
      done: finish(async () => {
        try {
          await output;
        } finally {
          await items.return();
        }
      }, stats, ctx, meter, place, calledAt)
    };
  }
  if (output === null || typeof output !== "object" || !(Symbol.asyncIterator in output)) {
    if (isThenable(output)) Promise.resolve(output).catch(() => {
    });
    items.return().catch(() => {
    });
    throw new TypeError(`Cannot build pipeline: stage "${stats.name}" must return an async iterable${last ? " (or a promise, as a sink)" : ""}, got ${describe(output)}`);
  }
  const rechunked = {
    [Symbol.asyncIterator]: () => new Rechunker(output, items)
  };
  return {
    chunks: meteredOutput(rechunked, stats, ctx, meter, place)
  };
}
function checkpointer(given, source, args) {
  const refuse = (why) => new TypeError(`Cannot checkpoint pipeline: ${why}`);
  const options = typeof given === "string" || given instanceof URL ? {
    path: given
  } : given;
  const path = options.path instanceof URL ? pathOf(options.path) : options.path;
  if (typeof path !== "string" || path === "") {
    throw refuse(`checkpoint.path must be a path, got ${describe(path)}`);
  }
  const everyMs = options.everyMs ?? 1e3;
  if (!Number.isFinite(everyMs) || everyMs < 0) {
    throw new RangeError(`Cannot checkpoint pipeline: everyMs must be a number of at least 0, got ${everyMs}`);
  }
  const src = sourceImpl(source);
  if (src?.resumable === void 0) {
    throw refuse("the source must be readLines of files");
  }
  if ("refused" in src.resumable) throw refuse(src.resumable.refused);
  const kinds = [
    src.kind
  ];
  for (let i = 0; i < args.length - 1; i++) {
    const stage = stageImpl(args[i]);
    if (stage?.unresumable !== void 0) {
      throw refuse(`argument ${i + 2} (${stage.kind}): ${stage.unresumable}`);
    }
    if (stage?.transformer === void 0) {
      const what = stage === void 0 ? `argument ${i + 2} is a stage of your own` : `argument ${i + 2} (${stage.kind}) holds items from one chunk to the next`;
      throw refuse(`${what}; only map (without concurrency), filter, grep and tap can run between readLines and writeLines`);
    }
    kinds.push(stage.settings === void 0 ? stage.kind : `${stage.kind} ${stage.settings}`);
  }
  const sink = sinkImpl(args.at(-1));
  if (sink?.resumable === void 0) {
    throw refuse("the last argument must be writeLines to a file");
  }
  if ("refused" in sink.resumable) throw refuse(sink.resumable.refused);
  for (const [what, other] of [
    [
      "the output",
      sink.resumable.path
    ],
    ...src.resumable.paths.map((p) => [
      "an input",
      p
    ])
  ]) {
    if (sameFile(path, other)) {
      throw refuse(`the checkpoint file "${path}" is ${what}; give it a path of its own`);
    }
  }
  kinds.push(sink.kind);
  const settings = options.settings === void 0 ? "" : ` (settings: ${options.settings})`;
  return new Checkpointer(path, everyMs, kinds.join(" > ") + settings, src.resumable.paths, sink.resumable.path);
}
function describe(value) {
  if (value === null) return "null";
  if (typeof value === "string") return `the string "${value}"`;
  if (typeof value === "object") return Object.prototype.toString.call(value);
  return typeof value;
}
function checkSource(source) {
  if (typeof source === "string") {
    throw new TypeError(`Cannot build pipeline: the source is ${describe(source)}; to read a file, pass readLines("${source}")`);
  }
  if (source === null || typeof source !== "object" || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
    throw new TypeError(`Cannot build pipeline: the source must be iterable, got ${describe(source)}`);
  }
}
function sourceChunks(plan) {
  const it = new SourceChunks(plan);
  return {
    [Symbol.asyncIterator]: () => it
  };
}
var SourceChunks = class {
  #plan;
  #it = void 0;
  #done = false;
  #t = 0;
  constructor(plan) {
    this.#plan = plan;
  }
  next() {
    if (this.#done) return Promise.resolve({
      value: void 0,
      done: true
    });
    if (this.#it === void 0) {
      try {
        this.#plan.begin();
        this.#it = this.#plan.source.open()[Symbol.asyncIterator]();
      } catch (error) {
        this.#done = true;
        return Promise.reject(error);
      }
    }
    try {
      checkAborted(this.#plan.ctx);
      this.#t = performance.now();
      return this.#it.next().then(this.#took, this.#failed);
    } catch (error) {
      return this.#failed(error);
    }
  }
  async return() {
    if (!this.#done) {
      this.#done = true;
      await this.#it?.return?.(void 0);
    }
    return {
      value: void 0,
      done: true
    };
  }
  #took = (r) => {
    const { sourceStats: stats, plainSource } = this.#plan;
    stats.busyMs += performance.now() - this.#t;
    this.#t = 0;
    if (r.done === true) return this.return();
    const items = r.value.items;
    this.#plan.source.out.itemsOut += items.length;
    if (plainSource) stats.hold(items.length, estimateBytes(items));
    return r;
  };
  #failed = async (error) => {
    const { sourceStats: stats, ctx } = this.#plan;
    if (this.#t !== 0) stats.busyMs += performance.now() - this.#t;
    this.#t = 0;
    const at = typeof error === "object" && error !== null ? error : {};
    try {
      await this.return();
    } catch {
    }
    throw stageFailure(error, stats, ctx, {
      line: typeof at.line === "number" ? at.line : void 0,
      path: typeof at.path === "string" ? at.path : void 0
    });
  };
};
async function finish(consume, stats, ctx, meter, place, t = performance.now()) {
  const busy = () => {
    stats.busyMs += Math.max(0, performance.now() - t - meter.upstreamNow());
  };
  try {
    await untilAborted(consume(), ctx.signal);
  } catch (error) {
    busy();
    await ctx.end(true);
    throw stageFailure(error, stats, ctx, place());
  }
  busy();
  await ctx.end(false);
  return ctx.summary;
}

// lib/core/pipeline.ts
var IterablePipeline = class {
  summary;
  #chunks;
  #ctx;
  constructor(ctx, chunks) {
    this.summary = ctx.summary;
    this.#ctx = ctx;
    this.#chunks = chunks;
  }
  [Symbol.asyncIterator]() {
    return new PipelineItems(this.#ctx, () => {
      const chunks = this.#chunks;
      this.#chunks = void 0;
      return chunks;
    });
  }
};
var PipelineItems = class {
  #ctx;
  #take;
  #it = void 0;
  #items = [];
  #i = 0;
  #ended = false;
  #pulling = void 0;
  constructor(ctx, take) {
    this.#ctx = ctx;
    this.#take = take;
  }
  [Symbol.asyncIterator]() {
    return this;
  }
  next() {
    const items = this.#items;
    if (this.#i < items.length) {
      return Promise.resolve({
        value: items[this.#i++],
        done: false
      });
    }
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#pulling !== void 0) {
      return this.#pulling.then(() => this.next());
    }
    return this.#pulling = this.#pull();
  }
  #pull() {
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#it === void 0) {
      const chunks = this.#take();
      this.#take = void 0;
      if (chunks === void 0) {
        this.#ended = true;
        return Promise.reject(new TypeError("Cannot iterate a pipeline twice: build a new one"));
      }
      try {
        this.#it = chunks[Symbol.asyncIterator]();
      } catch (error) {
        return this.#failed(error);
      }
    }
    this.#items = [];
    this.#i = 0;
    let pulled;
    try {
      pulled = this.#it.next();
    } catch (error) {
      return this.#failed(error);
    }
    return untilAborted(pulled, this.#ctx.signal).then(this.#took, this.#failed);
  }
  #took = (r) => {
    this.#pulling = void 0;
    if (r.done === true) {
      this.#ended = true;
      return this.#ctx.end(false).then(() => DONE);
    }
    const items = r.value.items;
    if (items.length === 0) return this.#pull();
    this.#items = items;
    this.#i = 1;
    return {
      value: items[0],
      done: false
    };
  };
  // The chain has ended itself, or is stuck past an abort: either way,
  // nothing more to wait for. Dead letters are committed all the same, but
  // their own errors give way to the run's.
  #failed = async (error) => {
    this.#pulling = void 0;
    this.#ended = true;
    const ctx = this.#ctx;
    if (ctx.signal?.aborted && error === ctx.signal.reason) {
      ctx.halt.abort();
      this.#it?.return?.(void 0).catch(() => {
      });
    }
    await ctx.end(true);
    throw error;
  };
  /** The consumer stops (a `break`): the run ends as "ok". */
  async return() {
    await this.#stop(false);
    return DONE;
  }
  /** The consumer fails: the run ends as failed, with its error. */
  async throw(error) {
    await this.#stop(true);
    throw error;
  }
  async [Symbol.asyncDispose]() {
    await this.return();
  }
  async #stop(failed) {
    if (this.#ended || this.#it === void 0) {
      this.#ended = true;
      return;
    }
    this.#ended = true;
    this.#items = [];
    const ctx = this.#ctx;
    ctx.halt.abort();
    try {
      await this.#it.return?.(void 0);
    } finally {
      await ctx.end(failed);
    }
  }
};
function pipeline(source, ...rest) {
  let options = {};
  const maybeOptions = rest.at(-1);
  if (rest.length > 0 && typeof maybeOptions === "object" && maybeOptions !== null) {
    options = rest.pop();
  }
  const plan = buildPlan(source, rest.flatMap(stagesOf), options);
  const run = runPlan(plan);
  return "done" in run ? run.done : new IterablePipeline(plan.ctx, run.chunks);
}

export {
  pipeline
};
