// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  LineSplitter
} from "./chunk-JEJGDMZV.js";
import {
  inputPath,
  isFileRange,
  openFollowed,
  openInput,
  peekHead
} from "./chunk-YYVGN7B7.js";
import {
  TURN_BYTES
} from "./chunk-XSXS6JZV.js";
import {
  eventLoopTurn
} from "./chunk-Z7NS7ZUO.js";
import {
  chooseFormat,
  formatByName
} from "./chunk-YYIHPHCX.js";
import {
  DEAD_LETTER_RESUME,
  Failures,
  policyOf
} from "./chunk-W7PSUR2W.js";
import {
  isGlob,
  isHttpUrl
} from "./chunk-65U4WM43.js";
import {
  RunContext,
  openUnlessAborted,
  unlessAborted
} from "./chunk-XSSWW4V7.js";
import {
  Deferred,
  InTurn,
  ItemView
} from "./chunk-FFM2QZVY.js";
import {
  consecutive,
  lineOf,
  namePrefix,
  numbered
} from "./chunk-LTYBISTW.js";
import {
  register
} from "./chunk-RJWQ7O3S.js";
import {
  StageStats
} from "./chunk-NNJCSJBK.js";
import {
  formatBytes
} from "./chunk-4W7FL7Y6.js";

// lib/io/_read_ahead.ts
var PAGE = 4096;
var ReadAhead = class _ReadAhead {
  #read;
  #offset;
  #readBytes;
  #gapBytes;
  /** Which half the read in flight fills (0 or 1). */
  #half = 0;
  /** Where in the buffer the read in flight lands. */
  #at = 0;
  #reading;
  #stopped = false;
  /**
   * @param read An awaited read of the file (its I/O threads').
   * @param offset The file offset the next read starts at.
   * @param readBytes The bytes of each read.
   * @param gapBytes The longest start of a line carried to the next half.
   */
  constructor(read, offset, readBytes, gapBytes) {
    this.#read = read;
    this.#offset = offset;
    this.#readBytes = readBytes;
    this.#gapBytes = gapBytes;
  }
  /** The line buffer's size for reads of `readBytes` and gaps of `gapBytes`. */
  static bufferBytes(readBytes, gapBytes) {
    return 2 * (gapBytes + readBytes + PAGE);
  }
  /** Whether the reads went back to the caller's (see next). */
  get stopped() {
    return this.#stopped;
  }
  /** The read in flight, if any. */
  get reading() {
    return this.#reading;
  }
  /** Where half `k` starts (its gap before it). */
  #halfAt(k) {
    return k * (this.#gapBytes + this.#readBytes + PAGE) + this.#gapBytes;
  }
  /** Starts a read into half `k` of `splitter`'s buffer. */
  #start(splitter, k) {
    const root = splitter.buffer;
    this.#half = k;
    this.#at = splitter.readStart(this.#halfAt(k), this.#offset());
    this.#reading = this.#read(root.subarray(this.#at, this.#at + this.#readBytes));
    this.#reading.catch(() => {
    });
  }
  /**
   * The next read's bytes, read ahead into `splitter` (see
   * LineSplitter.readAhead) after the bytes it holds, with the read after
   * them started; `null` at the end of the file. When the bytes held are
   * longer than a gap, they are handed in through `splitter.space()`
   * (copied) and the ReadAhead stops: the caller reads on itself.
   */
  async next(splitter) {
    if (this.#reading === void 0) {
      splitter.reserve(_ReadAhead.bufferBytes(this.#readBytes, this.#gapBytes));
      this.#start(splitter, 0);
    }
    const n = await this.#reading;
    this.#reading = void 0;
    if (n === null) return null;
    const root = splitter.buffer;
    const bytes = root.subarray(this.#at, this.#at + n);
    if (splitter.heldBytes > this.#gapBytes) {
      this.#stopped = true;
      const copy = bytes.slice();
      for (let k = 0; k < n; ) {
        const space = splitter.space();
        const m = Math.min(space.length, n - k);
        if (m === 0) throw new RangeError("Cannot read ahead: no room left");
        space.set(copy.subarray(k, k + m));
        splitter.readAhead(m);
        k += m;
      }
      return copy;
    }
    splitter.placeHeld(this.#at);
    this.#start(splitter, 1 - this.#half);
    splitter.readAhead(n);
    return bytes;
  }
  /** Waits for a read in flight to end, before the file is closed. */
  async settle() {
    const reading = this.#reading;
    this.#reading = void 0;
    if (reading !== void 0) await reading.catch(() => null);
  }
};

// lib/io/read_lines.ts
var MiB = 1024 * 1024;
var MERGE_CHUNK = 128;
async function* readMerged(inputs, keyOf) {
  const cursors = inputs.map((chunks) => ({
    chunks,
    chunk: void 0,
    at: 0,
    key: void 0
  }));
  const nextChunk = async (c) => {
    while (true) {
      const r = await c.chunks.next();
      if (r.done === true) {
        c.chunk = void 0;
        return;
      }
      if (r.value.items.length > 0) {
        c.chunk = r.value;
        c.at = 0;
        return;
      }
    }
  };
  let items = [];
  let lines = [];
  let path;
  let input;
  const flush = () => {
    const chunk = numbered(items, lines, path);
    chunk.input = input;
    items = [];
    lines = [];
    return chunk;
  };
  try {
    for (const c of cursors) {
      await nextChunk(c);
      if (c.chunk !== void 0) c.key = keyOf(c.chunk.items[0]);
    }
    let from;
    while (true) {
      let least;
      for (const c of cursors) {
        if (c.chunk === void 0) continue;
        if (least === void 0 || (c.key === void 0 ? least.key !== void 0 : least.key !== void 0 && c.key < least.key)) least = c;
      }
      if (least === void 0) break;
      if (from !== least && items.length > 0) yield flush();
      from = least;
      let chunk = least.chunk;
      let i = least.at;
      while (true) {
        path = chunk.path;
        input = chunk.input;
        items.push(chunk.items[i]);
        lines.push(lineOf(chunk, i));
        if (items.length >= MERGE_CHUNK) yield flush();
        if (++i === chunk.items.length) {
          await nextChunk(least);
          if (least.chunk === void 0) break;
          chunk = least.chunk;
          i = 0;
        }
        const key = keyOf(chunk.items[i]);
        if (key !== void 0) {
          least.at = i;
          least.key = key;
          break;
        }
      }
    }
    if (items.length > 0) yield flush();
  } finally {
    for (const c of cursors) await c.chunks.return(void 0);
  }
}
var SPLIT_BYTES = 16 * 1024;
var READ_AHEAD = 512 * 1024;
var AHEAD_READS = 3;
var AHEAD_GAP = 64 * 1024;
var AHEAD_MIN = 4;
var SEARCH_BYTES = 128 * 1024;
var FILTER_SPLIT_BYTES = 64 * 1024;
var FEW_LINES = 128;
var HANDED_ON = consecutive([], 1);
function textBytes(items) {
  let chars = 0;
  for (let i = 0; i < items.length; i++) chars += items[i].length;
  return 2 * chars;
}
function checkInteger(name, value, min) {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`Cannot read lines: ${name} must be an integer of at least ${min}, got ${value}`);
  }
}
function compressedByName(input, choice) {
  if (choice !== "auto") return choice !== "none";
  const path = inputPath(input);
  return path !== void 0 && formatByName(path) !== void 0;
}
function resumable(inputs, choice, follow) {
  const paths = [];
  for (const one of inputs) {
    const path = inputPath(one);
    if (isFileRange(one)) {
      return {
        refused: "readLines of a byte range cannot be resumed"
      };
    }
    if (path === void 0 || path === "-" || isHttpUrl(path)) {
      return {
        refused: `readLines of ${path === "-" ? "standard input" : path === void 0 ? "a stream or handle" : `a URL ("${path}")`} cannot be resumed, only of files`
      };
    }
    if (follow) {
      return {
        refused: "readLines with follow cannot be resumed"
      };
    }
    if (compressedByName(one, choice)) {
      return {
        refused: `readLines of compressed input ("${path}") cannot be resumed`
      };
    }
    paths.push(path);
  }
  return {
    paths
  };
}
function readLines(input, options = {}) {
  const maxLineBytes = options.maxLineBytes ?? MiB;
  const readBytes = options.readBytes ?? 512 * 1024;
  const onLongLine = options.onLongLine ?? "error";
  checkInteger("maxLineBytes", maxLineBytes, 4);
  checkInteger("readBytes", readBytes, 1);
  if (![
    "error",
    "split",
    "skip"
  ].includes(onLongLine)) {
    throw new RangeError(`Cannot read lines: onLongLine must be "error", "split" or "skip", got "${onLongLine}"`);
  }
  const choice = options.compression ?? (options.gzip === void 0 ? "auto" : options.gzip ? "gzip" : "none");
  if (![
    "auto",
    "none",
    "gzip",
    "zstd",
    "brotli"
  ].includes(choice)) {
    throw new RangeError(`Cannot read lines: compression must be "auto", "none", "gzip", "zstd" or "brotli", got "${choice}"`);
  }
  const lossless = options.lossless ?? false;
  const markUnterminated = options.markUnterminated ?? false;
  if (lossless && options.fatal === true) {
    throw new TypeError("Cannot read lines: lossless and fatal exclude each other (lossless keeps invalid bytes)");
  }
  if (markUnterminated && !lossless) {
    throw new TypeError("Cannot read lines: markUnterminated needs lossless");
  }
  const onBinary = options.onBinary;
  const policy = policyOf("readLines", options);
  const inputs = Array.isArray(input) ? input : [
    input
  ];
  const recursive = options.recursive ?? false;
  const mergeBy = options.mergeBy;
  if (mergeBy !== void 0 && typeof mergeBy !== "function") {
    throw new TypeError(`Cannot read lines: mergeBy must be a function, got ${typeof mergeBy}`);
  }
  const http = {
    retries: options.http?.retries ?? 3,
    retryDelayMs: options.http?.retryDelayMs ?? 500,
    idleTimeoutMs: options.http?.idleTimeoutMs ?? 3e4,
    headers: options.http?.headers
  };
  checkInteger("http.retries", http.retries, 0);
  checkInteger("http.retryDelayMs", http.retryDelayMs, 0);
  checkInteger("http.idleTimeoutMs", http.idleTimeoutMs, 1);
  const expands = recursive || inputs.some((one) => typeof one === "string" && isGlob(one));
  const path = inputs.length === 1 && !expands ? inputPath(inputs[0]) : void 0;
  const follow = options.follow ?? false;
  const pollMs = typeof follow === "object" ? follow.pollMs ?? 250 : 250;
  if (follow !== false) {
    checkInteger("follow.pollMs", pollMs, 1);
    if (inputs.length !== 1 || path === void 0 || path === "-" || isHttpUrl(path) || isFileRange(inputs[0]) || compressedByName(inputs[0], choice)) {
      throw new TypeError(`Cannot read lines: follow needs one file path (not standard input, a stream or compressed), got ${inputs.length === 1 ? expands ? `"${inputPath(inputs[0])}" to expand` : path === void 0 ? "a stream or handle" : `"${path}"` : `${inputs.length} inputs`}`);
    }
  }
  const bufferBytes = LineSplitter.heldBytesBound(readBytes, maxLineBytes);
  const boundBytes = bufferBytes + 2 * (Math.max(readBytes, SPLIT_BYTES) + maxLineBytes + 1);
  const aheadBytes = ReadAhead.bufferBytes(AHEAD_READS * readBytes, AHEAD_GAP) + SEARCH_BYTES;
  const aheadFits = maxLineBytes < AHEAD_READS * readBytes && aheadBytes <= boundBytes;
  async function openDecoded(one, onePath, startOffset, ctx) {
    const raw = await openInput(one, startOffset, http);
    if (choice === "none" || startOffset > 0 || isFileRange(one)) return raw;
    let peeked;
    try {
      peeked = await peekHead(raw);
    } catch (error) {
      await raw.close().catch(() => {
      });
      throw error;
    }
    const format = chooseFormat(choice, onePath, peeked.head);
    if (format === void 0) return peeked.input;
    if (ctx?.checkpoint !== void 0) {
      await raw.close().catch(() => {
      });
      throw new TypeError(`Cannot checkpoint pipeline: readLines of compressed input (${onePath === void 0 ? "a stream" : `"${onePath}"`}, ${format}) cannot be resumed`);
    }
    const { decompressed } = await import("./_decompress-VATU6V4Z.js");
    return await decompressed(peeked.input, format, onePath, peeked.head);
  }
  function chunks(stats, ctx, fused, countsLines = false) {
    const newRun = () => ({
      stats,
      ctx,
      fused,
      countsLines,
      // Figures of the inputs already read, for the summary; bytes read
      // add to those of readers before this one in the run (grep reads
      // file by file, a reader each).
      done: {
        rawBytes: ctx?.summary.bytesRead ?? 0,
        textBytes: 0,
        lines: 0,
        skipped: 0,
        split: 0,
        compressed: false
      },
      failures: void 0,
      several: inputs.length > 1,
      filterSteps: false
    });
    if (policy === void 0) return readAll(newRun);
    return withPolicy(newRun, policy, stats, ctx);
  }
  async function* withPolicy(newRun, policy2, stats, ctx) {
    const own = ctx ?? new RunContext({
      path,
      unit: "line"
    });
    const run = newRun();
    run.failures = new Failures(policy2, stats ?? new StageStats(options.name ?? "readLines", "readLines", ""), own);
    let finished = false;
    try {
      if (run.failures.ready !== void 0) await run.failures.ready;
      yield* readAll(() => run);
      finished = true;
    } finally {
      if (ctx === void 0) await own.end(!finished);
    }
  }
  function readAll(newRun) {
    const inputsOf = async () => {
      const run = newRun();
      const from = run.ctx?.checkpoint?.resumed?.position;
      const shard = options.shard;
      const list = shard !== void 0 ? await (await import("./shard_inputs-3AVHUSYK.js")).shardInputs(inputs, shard.index, shard.count, {
        recursive,
        compression: choice,
        http: {
          idleTimeoutMs: http.idleTimeoutMs,
          headers: http.headers
        }
      }) : expands ? await (await import("./_glob-PGEW2ZON.js")).expandInputs(inputs, recursive) : inputs;
      run.several = list.length > 1 || shard !== void 0 || expands;
      const counts = run.ctx === void 0 ? void 0 : list.map((one) => run.ctx.record.addInput(inputPath(one)));
      if (mergeBy !== void 0 && list.length > 1) {
        return readMerged(list.map((one, k) => readOne(run, {
          one,
          index: k,
          start: void 0,
          count: counts?.[k]
        })), mergeBy);
      }
      const first = from?.input ?? 0;
      return new InTurn(list.length - first, (k) => readOne(run, {
        one: list[first + k],
        index: first + k,
        start: k === 0 ? from : void 0,
        count: counts?.[first + k]
      }));
    };
    const it = new Deferred(inputsOf);
    return {
      [Symbol.asyncIterator]: () => it
    };
  }
  async function* readOne(run, input2) {
    const { stats, ctx, fused, countsLines, done, failures } = run;
    const { one, index, start, count } = input2;
    const onePath = inputPath(one);
    let waits = [];
    const sieveLater = fused?.keep !== void 0 && fused.sieve === true;
    const search = fused?.literal === void 0 || sieveLater ? void 0 : (await import("./_literal_search-CEPOVU34.js")).LiteralSearch;
    const startOffset = start?.offset ?? 0;
    const stops = [
      options.signal,
      ctx?.signal,
      ctx?.halt?.signal
    ].filter((s) => s !== void 0);
    const followed = follow === false ? void 0 : await openFollowed(one, pollMs, stops.length > 1 ? AbortSignal.any(stops) : stops[0]);
    const opened = followed ?? await openUnlessAborted(openDecoded(one, onePath, startOffset, ctx), ctx?.signal, (file) => file.close());
    const compressed = opened.format !== void 0;
    const checkpointed = ctx?.checkpoint !== void 0;
    const newSplitter = (at) => new LineSplitter({
      maxLineBytes,
      onLongLine,
      fatal: options.fatal ?? false,
      path: onePath,
      readBytes,
      match: fused?.literal,
      search,
      invert: fused?.invert,
      sieve: fused?.sieve,
      fold: fused?.fold,
      others: fused?.others,
      sieveLater,
      keep: run.filterSteps ? void 0 : fused?.keep,
      mapBytes: run.filterSteps ? void 0 : fused?.map?.bytes,
      handsLines: !run.filterSteps && fused?.lines !== void 0,
      countOnly: fused === void 0 ? countsLines : fused.countOnly,
      handsBytes: fused?.bytes,
      illFormedBytes: fused?.illFormedBytes,
      numberBytes: fused?.numbers,
      prefixBytes: fused?.names === true ? new TextEncoder().encode(namePrefix(onePath)) : void 0,
      offset: at?.offset ?? 0,
      line: at?.line ?? 1,
      linesFrom: at?.linesFrom,
      lossless,
      markUnterminated,
      onBadLine: failures === void 0 ? void 0 : (error, text) => {
        const w = failures.add(error, text, error.line, onePath, error.offset);
        if (w !== void 0) {
          w.catch(() => {
          });
          waits.push(w);
        }
      }
    });
    let splitter = newSplitter(start ?? opened.startsAt);
    let linesBefore = 0;
    const read = opened.read;
    const readNow = opened.readNow;
    let reading;
    const ahead = (search !== void 0 && fused?.countOnly === true && fused.keep === void 0 && typeof fused.literal === "string" || fused === void 0 && countsLines) && !(options.fatal ?? false) && readNow !== void 0 && opened.readAhead && !compressed && followed === void 0 && aheadFits && (opened.sizeBytes ?? 0) >= AHEAD_MIN * AHEAD_READS * readBytes ? new ReadAhead(opened.read, () => opened.rawBytes, AHEAD_READS * readBytes, AHEAD_GAP) : void 0;
    if (ahead !== void 0 && stats !== void 0) {
      stats.bound = `${formatBytes(aheadBytes)} buffer (a count's reads ahead) + the lines of one read`;
    }
    let sinceTurn = 0;
    const report = (items, bytes) => {
      if (stats === void 0 || ctx === void 0) return;
      const buffers = splitter.bufferBytes;
      const text = bytes?.length ?? textBytes(items);
      stats.hold(items.length, buffers + text);
      ctx.summary.bytesRead = done.rawBytes + opened.rawBytes - startOffset;
      if (compressed || done.compressed) {
        stats.counters.textBytes = done.textBytes + splitter.bytesIn;
      }
      if (done.skipped + splitter.skipped > 0) {
        stats.counters.skippedLines = done.skipped + splitter.skipped;
      }
      if (done.split + splitter.splitLines > 0) {
        stats.counters.splitLines = done.split + splitter.splitLines;
      }
      if (fused !== void 0 && fused.lines === void 0) {
        stats.itemsOut = done.lines + splitter.linesSeen;
        fused.stats.itemsIn = done.lines + splitter.linesSeen;
        fused.stats.hold(items.length, text);
      }
    };
    const signal = ctx?.signal;
    const counted = fused?.countOnly === true && fused.keep === void 0 && !(options.fatal ?? false);
    let slice = countsLines || counted ? readBytes : SPLIT_BYTES;
    let pending;
    let sniffed = onBinary === void 0 || startOffset > 0;
    const sniff = (bytes) => {
      sniffed = true;
      if (bytes.indexOf(0) !== -1) onBinary(onePath, index);
    };
    const wide = fused?.literal !== void 0 && fused.keep === void 0 ? readBytes : Math.min(readBytes, FILTER_SPLIT_BYTES);
    const resize = (split) => {
      if (fused?.lines !== void 0 && !run.filterSteps && !(options.fatal ?? false) && !markUnterminated) {
        slice = FILTER_SPLIT_BYTES;
      } else if (fused !== void 0 && !counted && split >= SPLIT_BYTES) {
        slice = run.filterSteps || splitter.items.length * wide > FEW_LINES * split ? SPLIT_BYTES : wide;
        splitter.copyKept = slice !== SPLIT_BYTES;
      }
    };
    const splitSome = (bytes) => {
      if (!sniffed) sniff(bytes);
      const more = bytes.length > slice;
      pending = more ? bytes.subarray(slice) : void 0;
      splitter.write(more ? bytes.subarray(0, slice) : bytes);
      resize(Math.min(slice, bytes.length));
    };
    try {
      while (true) {
        let ended = false;
        let failure;
        try {
          if (pending !== void 0) {
            splitSome(pending);
          } else if (splitter.ahead > 0) {
            if (sinceTurn >= TURN_BYTES && ahead?.reading === void 0) {
              sinceTurn = 0;
              await eventLoopTurn();
            }
            const n = splitter.commitAhead(slice);
            sinceTurn += n;
            resize(n);
          } else if (ahead !== void 0 && !ahead.stopped) {
            signal?.throwIfAborted();
            const bytes = await ahead.next(splitter);
            if (bytes === null) ended = true;
            else {
              if (!sniffed) sniff(bytes);
              sinceTurn = splitter.commitAhead(slice);
              resize(sinceTurn);
            }
          } else if (read !== void 0) {
            const space = readNow !== void 0 ? splitter.space(opened.rawBytes).subarray(0, Math.max(slice, READ_AHEAD)) : splitter.space();
            let n;
            if (readNow !== void 0) {
              signal?.throwIfAborted();
              reading = readNow(space);
              n = await reading;
            } else {
              reading = read(space);
              n = await unlessAborted(reading, signal);
            }
            reading = void 0;
            if (n === null) ended = true;
            else {
              if (!sniffed) sniff(space.subarray(0, n));
              splitter.readAhead(n);
              sinceTurn = splitter.commitAhead(slice);
              resize(sinceTurn);
            }
          } else {
            const r = await unlessAborted(opened.chunks.next(), signal);
            if (r.done === true) ended = true;
            else splitSome(r.value);
          }
          if (ended) splitter.end();
        } catch (error) {
          failure = {
            error
          };
        }
        const settled = splitter.settled;
        const mapSettled = splitter.mapSettled;
        let chunk = splitter.take();
        if (run.several) {
          chunk.path = onePath;
          chunk.input = index;
        }
        const keep = fused?.keep;
        if (keep !== void 0 && (run.filterSteps || settled !== void 0)) {
          run.filterSteps = true;
          try {
            chunk = await (settled === void 0 ? keep.transform(chunk) : keep.resume(chunk, settled.at, settled.result, settled.failed)) ?? consecutive([], chunk.firstLine);
          } catch (error) {
            failure = {
              error
            };
            chunk = consecutive([], chunk.firstLine);
          }
        }
        if (mapSettled !== void 0) {
          run.filterSteps = true;
          const stop = fused.map ?? fused.lines;
          stop.text = true;
          stop.stoppedAt = mapSettled;
        }
        if (count !== void 0) {
          count.lines = linesBefore + splitter.linesSeen;
          count.bytesRead = opened.rawBytes - startOffset;
        }
        report(chunk.items, chunk.bytes);
        if (waits.length > 0) {
          const pending2 = waits;
          waits = [];
          try {
            await Promise.all(pending2);
          } catch (error) {
            failure ??= {
              error
            };
          }
        }
        const at = checkpointed && failure === void 0 ? splitter.resumePoint : void 0;
        if (at !== void 0) {
          chunk.position = {
            input: index,
            offset: at.offset,
            line: at.line
          };
        }
        if (chunk.items.length > 0 || at !== void 0) yield chunk;
        chunk = HANDED_ON;
        if (failure !== void 0) throw failure.error;
        if (splitter.wantsSearch) {
          splitter.startSearch((await import("./_literal_search-CEPOVU34.js")).LiteralSearch);
        }
        if (ended) {
          done.textBytes += splitter.bytesIn;
          done.lines += splitter.linesSeen;
          done.skipped += splitter.skipped;
          done.split += splitter.splitLines;
          if (followed?.restarted) {
            linesBefore += splitter.linesSeen;
            splitter = newSplitter();
            continue;
          }
          done.rawBytes += opened.rawBytes - startOffset;
          done.compressed ||= compressed;
          splitter.release();
          return;
        }
      }
    } finally {
      if (opened.readAhead && reading !== void 0) {
        await reading.catch(() => null);
      }
      await ahead?.settle();
      await opened.close();
    }
  }
  const source = {
    path,
    // Not an async generator's `yield*`: that costs several promises an
    // item (a `for await` straight over readLines allocated about 880 bytes
    // a line, five times the garbage of the same loop in a pipeline).
    [Symbol.asyncIterator]: () => new ItemView(chunks(void 0, void 0))
  };
  return register(source, {
    kind: "readLines",
    name: options.name,
    path,
    unit: "line",
    bound: `${formatBytes(bufferBytes)} buffer + the lines of one read`,
    boundBytes,
    // A filter fused into the reader would drop continuation lines before
    // the merge groups them with their line.
    fusesFilter: mergeBy === void 0,
    fatal: options.fatal === true,
    resumable: options.shard !== void 0 ? {
      refused: "readLines of a shard cannot be resumed"
    } : policy?.writer !== void 0 ? {
      refused: `readLines with ${DEAD_LETTER_RESUME}`
    } : mergeBy !== void 0 ? {
      refused: "readLines with mergeBy cannot be resumed"
    } : expands ? {
      refused: "readLines of a glob or with recursive cannot be resumed: list the files"
    } : resumable(inputs, choice, follow !== false),
    // One plain file (not standard input, not compressed): workers may read
    // it in byte ranges of their own (the plan checks its content too).
    // Not with an error policy (workers have no dead letter), nor when
    // following the file (the ranges are cut once, from its size).
    // Workers decode their ranges as text, not losslessly.
    ranges: policy === void 0 && follow === false && inputs.length === 1 && !lossless && options.shard === void 0 && !expands && mergeBy === void 0 && !isHttpUrl(inputPath(inputs[0]) ?? "") && typeof inputs[0] === "string" && inputs[0] !== "-" && !compressedByName(inputs[0], choice) ? {
      path: inputs[0],
      maxLineBytes,
      onLongLine,
      fatal: options.fatal ?? false,
      readBytes
    } : void 0,
    chunks
  });
}

export {
  readLines
};
