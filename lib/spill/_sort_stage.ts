// Copyright 2026 the sluice authors. MIT license.
// The stage behind sort(), and behind sortPartial() and the command line's
// sort, which take the sorted keys too. Apart from sort.ts, a subpath of its
// own, so that sort.ts exports only public names.

import { OUTPUT_TURN_ITEMS, spillSettings } from "./_budget.ts";
import { TurnCounter } from "../fs/_turn.ts";
import {
  type CompareFn,
  defaultCompare,
  isMissingKey,
  isPlainKey,
} from "./_keys.ts";
import { defineStage } from "../core/_define.ts";
import { failAt } from "../core/_context.ts";
import {
  keyReaderOf,
  type LineKeyReader,
  requireFunction,
} from "../core/_registry.ts";
import { ChunkBuilder, consecutive, giveBackBytes } from "../core/_chunk.ts";
import { formatBytes } from "../summary/summary.ts";
import { firstNonAscii, wordsOf } from "../core/_bytes.ts";
import type { Stage } from "../core/types.ts";
import type { KeyedChunk } from "./_numeric.ts";
import type { KeyTexts } from "./_external_sort.ts";

/**
 * What the stage reads of sort()'s options (SortOptions in sort.ts, which
 * imports this module, so it cannot be imported here).
 */
export interface SortSettings<T, K> {
  key?: (item: T) => K;
  compare?: (a: K, b: K) => number;
  numeric?: boolean;
  reverse?: boolean;
  budget?: number | string;
  tempDir?: string;
  fanIn?: number;
  name?: string;
}

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

const LF = 10;
/**
 * The most texts of lines (see linesOf) whose list keeps its room from one
 * chunk to the next. Emptied after each chunk of the bench corpus (about
 * 440 lines in 64 KiB), the list grew again by steps, some 10 KB of young
 * garbage a chunk.
 */
const LINE_TEXTS_KEPT = 4096;

/**
 * Where linesOf gathers a chunk's ASCII lines and the others, each to be
 * decoded at once: made on its first call that needs them (a program that
 * imports sort() and never sorts by a key function keeps none), and kept
 * for the next call while no larger than GATHER_KEPT; no line stays in them
 * after a call.
 */
let narrowBytes: Uint8Array = new Uint8Array(0);
let wideBytes: Uint8Array = new Uint8Array(0);
/** Per line that is not ASCII: where in the ASCII text it goes, its LF. */
let places: Int32Array = new Int32Array(0);
let wideEnds: Int32Array = new Int32Array(0);
/**
 * The largest gathering buffer kept from one call of linesOf to the next:
 * one grown for a chunk with a long line is let go (a chunk of lines as
 * bytes is a read of 64 KiB and what a line carries past it).
 */
const GATHER_KEPT = 256 * 1024;

/** `buf`, or a larger buffer with its first `used` bytes, for `size`. */
function grown(buf: Uint8Array, used: number, size: number): Uint8Array {
  if (buf.length >= size) return buf;
  const more = new Uint8Array(Math.max(size, 2 * buf.length));
  if (used > 0) more.set(buf.subarray(0, used));
  return more;
}

/**
 * The text of each of the `n` lines of `bytes` (each line's UTF-8, well
 * formed, then an LF) into `texts`, and the offset of its LF into `ends`.
 * ASCII text decodes to a string of a byte a character, and one character
 * that is not ASCII makes the whole string two bytes a character: the ASCII
 * lines are gathered and decoded at once, each line a slice of that text,
 * and so are the others, apart. (A decode for each run of ASCII lines
 * between two that are not, about 25 a chunk of 64 KiB of the bench corpus,
 * made a sort by a key function of the 256 MiB corpus take 15% more CPU
 * time than decoding its lines in the reader.)
 */
export function linesOf(
  bytes: Uint8Array,
  n: number,
  texts: string[],
  ends: Int32Array,
): void {
  const end = bytes.length;
  const words = wordsOf(bytes);
  let wide = firstNonAscii(bytes, words, 0, end);
  let narrowLen = 0;
  let wideLen = 0;
  let w = 0; // lines that are not ASCII
  if (wide !== -1) {
    // The chunk copied whole, and its ASCII runs moved down over the lines
    // that are not ASCII; those copied a byte at a time. No view is made
    // for each line, as a copy with `set` would need.
    narrowBytes = grown(narrowBytes, 0, end);
    narrowBytes.set(bytes);
    let from = 0;
    while (wide !== -1) {
      const lineStart = Math.max(from, bytes.lastIndexOf(LF, wide) + 1);
      narrowBytes.copyWithin(narrowLen, from, lineStart);
      narrowLen += lineStart - from;
      const lf = bytes.indexOf(LF, wide);
      if (lf === -1) break; // no LF: refused below
      wideBytes = grown(wideBytes, wideLen, wideLen + lf + 1 - lineStart);
      for (let j = lineStart; j <= lf; j++) wideBytes[wideLen++] = bytes[j]!;
      if (w === places.length) {
        places = grownInts(places);
        wideEnds = grownInts(wideEnds);
      }
      places[w] = narrowLen;
      wideEnds[w++] = lf;
      from = lf + 1;
      wide = from < end ? firstNonAscii(bytes, words, from, end) : -1;
    }
    if (wide === -1) {
      narrowBytes.copyWithin(narrowLen, from, end);
      narrowLen += end - from;
    }
  }
  const ascii = w === 0
    ? decoder.decode(bytes)
    : decoder.decode(narrowBytes.subarray(0, narrowLen));
  const other = w === 0 ? "" : decoder.decode(wideBytes.subarray(0, wideLen));
  if (narrowBytes.length > GATHER_KEPT) narrowBytes = new Uint8Array(0);
  if (wideBytes.length > GATHER_KEPT) wideBytes = new Uint8Array(0);
  let i = 0;
  let k = 0; // the next line that is not ASCII
  let ws = 0; // where it starts in `other`
  let shift = 0; // bytes of such lines before the ASCII line at `at`
  for (let at = 0; i < n;) {
    while (k < w && places[k] === at && i < n) {
      const lf = other.indexOf("\n", ws);
      texts[i] = other.slice(ws, lf);
      ends[i++] = wideEnds[k]!;
      shift = wideEnds[k++]! + 1 - at;
      ws = lf + 1;
    }
    if (at >= ascii.length || i >= n) break;
    const lf = ascii.indexOf("\n", at);
    if (lf === -1) break;
    texts[i] = ascii.slice(at, lf);
    ends[i++] = lf + shift;
    at = lf + 1;
  }
  if (i !== n || k !== w || (n > 0 ? ends[n - 1] !== end - 1 : end > 0)) {
    throw new RangeError(
      `Cannot sort lines: expected ${n} lines in ${end} bytes, found ${i}`,
    );
  }
}

function grownInts(a: Int32Array): Int32Array {
  const b = new Int32Array(Math.max(64, 2 * a.length));
  b.set(a);
  return b;
}

function badKey(key: unknown): TypeError {
  return new TypeError(
    `Sort key must be a string, a number, or missing (undefined, null or NaN) without compare, got ${
      typeof key === "number" ? "NaN" : typeof key
    }`,
  );
}

/**
 * The stage of sort() (sort.ts); with `out`, it hands on what `out` makes
 * of each sorted chunk's keys, as the sorter holds them (a missing key as
 * `null`), and items: a caller that needs the keys does not compute them
 * again. Without `out` (or a key), the keys are not kept.
 */
export function sortStage<T, K, O>(
  options: SortSettings<T, K>,
  out: ((keys: readonly unknown[], items: readonly unknown[]) => O[]) | null,
): Stage<T, O> {
  const { budget, fanIn } = spillSettings("sort", options);
  const given = options.compare;
  const numeric = options.numeric === true;
  if (options.key !== undefined) requireFunction("sort", "key", options.key);
  if (given !== undefined) requireFunction("sort", "compare", given);
  if (numeric && given !== undefined) {
    throw new TypeError(
      "Cannot sort with both numeric and compare: numeric compares the keys itself",
    );
  }
  const key = options.key as ((item: T) => unknown) | undefined;
  const valueOf = options.key === undefined
    ? (item: T) => item as unknown
    : options.key;
  const compare = (given ?? defaultCompare) as CompareFn;
  const plain = given === undefined;
  const keyed = key !== undefined || numeric;
  // A key that can be read on a line's UTF-8 (lineField, logfmtGetter), as
  // a number or as text in the default order: no line is decoded for it.
  // The lines stay bytes for any key without a compare (see linesOf).
  const onBytes = plain ? keyReaderOf(key) : undefined;
  return defineStage<T, O>({
    kind: "sort",
    name: options.name,
    bound: `budget ${formatBytes(budget)}, then disk`,
    boundBytes: budget,
    // The sorted lines, when they are the output, go from the spill files
    // to a writer as they are (see ExternalSorter's Emitter).
    handsBytes: out === null || !keyed,
    // Lines are kept as their UTF-8, whether they are their own keys, their
    // keys are read there, or a key function reads their text (which comes
    // from the bytes: see linesOf): a reader may hand them on so (see
    // ExternalSorter.addLines and addKeyedLines).
    takesLineBytes: plain,
    async *run(input, stats, ctx, bytes = false) {
      const {
        SpillDir,
        ExternalSorter,
        KeylessQueue,
        mendTies,
        NumericOrder,
      } = await import("./_sort_engine.ts");
      // Numeric keys are read, and made doubles, by this run's order.
      const order = numeric ? new NumericOrder() : undefined;
      const keyOf = order === undefined
        ? key
        : (item: T) => order.key(valueOf(item));
      const spill = new SpillDir(options.tempDir);
      const sorting = {
        budgetBytes: budget,
        spill,
        fanIn,
        stats,
        keyed,
        compare,
        plain,
        reverse: options.reverse === true,
        wantKeys: keyed && out !== null,
        bytes,
      };
      const sorter = new ExternalSorter(sorting);
      let reader: LineKeyReader | undefined;
      // The string keys of lines taken as bytes (see addKeyedLines).
      const texts: KeyTexts | undefined = !numeric
        ? { from: new Int32Array(0), to: new Int32Array(0), strings: [] }
        : undefined;
      // The texts of a chunk's lines taken as bytes, for a key function of
      // the text (see linesOf).
      const lineTexts: string[] = [];
      let keyScratch = new Float64Array(0);
      let endScratch = new Int32Array(0);
      const keyless = new KeylessQueue(spill);
      // Line `i` of `lines`, `[at, lf)`, has the number key `k` (NaN for
      // none), or none and goes to the keyless queue: whether the queue
      // wants a flush.
      const numberKey = (
        k: unknown,
        i: number,
        lines: Uint8Array,
        at: number,
        lf: number,
      ): boolean => {
        if (!isMissingKey(k)) {
          keyScratch[i] = k as number;
          return false;
        }
        keyScratch[i] = NaN;
        stats.count("missingKeys");
        return keyless.addLine(lines, at, lf - at);
      };
      try {
        for await (const chunk of input) {
          const items = chunk.items;
          let keys: unknown[] | undefined;
          let i = 0;
          const lines = chunk.bytes;
          if (lines !== undefined && keyed) {
            // Lines as their UTF-8 with a key read there (see onBytes), or
            // from the line's text where it cannot be (or where the key is
            // a function of the text alone): the keys first, the lines
            // without one queued, then the others copied at once. A number
            // key goes in keyScratch (NaN for none); a string key as where
            // it lies in the lines, or as the string the key function gave.
            if (keyScratch.length < items.length) {
              keyScratch = new Float64Array(items.length + 256);
              endScratch = new Int32Array(items.length + 256);
              if (texts !== undefined) {
                texts.from = new Int32Array(items.length + 256);
                texts.to = new Int32Array(items.length + 256);
              }
            }
            let at = 0;
            try {
              if (onBytes === undefined) {
                // Each line's text for its key, from two decodes: the ASCII
                // lines gathered, and the others (see linesOf). The lines are
                // not joined again to be encoded, as on the way from text
                // (addAll), and the reader decodes nothing.
                linesOf(lines, items.length, lineTexts, endScratch);
                for (; i < items.length; i++) {
                  const lf = endScratch[i]!;
                  const k = keyOf!(lineTexts[i] as T);
                  if (!isPlainKey(k) && !isMissingKey(k)) throw badKey(k);
                  if (texts !== undefined) {
                    texts.from[i] = -1;
                    if (typeof k === "string") {
                      texts.from[i] = -2;
                      texts.strings[i] = k;
                      at = lf + 1;
                      continue;
                    }
                  }
                  if (numberKey(k, i, lines, at, lf)) await keyless.flush();
                  at = lf + 1;
                }
                // The lines' texts are garbage by the time the lines are
                // copied (and perhaps spilled). The list keeps its room for
                // the next chunk's (see LINE_TEXTS_KEPT).
                if (lineTexts.length > LINE_TEXTS_KEPT) lineTexts.length = 0;
                else lineTexts.fill("");
              }
              reader ??= onBytes?.();
              for (; reader !== undefined && i < items.length; i++) {
                const lf = lines.indexOf(10, at);
                const from = reader.find(lines, at, lf);
                endScratch[i] = lf;
                let k: unknown;
                if (texts === undefined) {
                  k = from === -1
                    ? undefined
                    : from === -2
                    ? null
                    : order!.keyOfBytes(lines, from, reader.end);
                  if (k === null) {
                    k = keyOf!(decoder.decode(lines.subarray(at, lf)) as T);
                  }
                } else {
                  texts.from[i] = -1;
                  // A number is the function's to give (as a number).
                  if (from >= 0 && reader.number !== true) {
                    texts.from[i] = from;
                    texts.to[i] = reader.end;
                    at = lf + 1;
                    continue;
                  }
                  k = from === -1
                    ? undefined
                    : key!(decoder.decode(lines.subarray(at, lf)) as T);
                  if (typeof k === "string") {
                    texts.from[i] = -2;
                    texts.strings[i] = k;
                    at = lf + 1;
                    continue;
                  }
                  if (!isPlainKey(k) && !isMissingKey(k)) throw badKey(k);
                }
                if (numberKey(k, i, lines, at, lf)) await keyless.flush();
                at = lf + 1;
              }
              i = 0;
              await sorter.addKeyedLines(
                lines,
                items.length,
                keyScratch,
                endScratch,
                texts,
              );
              if (texts !== undefined) texts.strings.length = 0;
            } catch (error) {
              throw failAt(error, stats, ctx, chunk, i);
            }
            giveBackBytes(lines);
            stats.hold(
              sorter.count + keyless.heldItems,
              sorter.heldBytes + keyless.heldBytes,
            );
            continue;
          }
          if (lines !== undefined) {
            // Lines as their UTF-8 (see takesLineBytes).
            try {
              await sorter.addLines(lines, items.length);
            } catch (error) {
              throw failAt(error, stats, ctx, chunk, 0);
            }
            giveBackBytes(lines);
            stats.hold(
              sorter.count + keyless.heldItems,
              sorter.heldBytes + keyless.heldBytes,
            );
            continue;
          }
          try {
            // The items with a key: the chunk, or a copy without the
            // keyless ones (ChunkBuilder renumbers the chunk's note of
            // non-ASCII lines for it).
            let copy: ChunkBuilder<T> | undefined;
            if (keyed) {
              keys = new Array(items.length);
              let n = 0;
              for (; i < items.length; i++) {
                const k = keyOf!(items[i]!);
                if (plain && !isPlainKey(k)) {
                  if (!isMissingKey(k)) throw badKey(k);
                  // Sorted last: the first one makes this chunk's copy.
                  if (copy === undefined) {
                    copy = new ChunkBuilder<T>();
                    copy.keepHead(chunk, i);
                  }
                  if (keyless.add(items[i])) await keyless.flush();
                  stats.count("missingKeys");
                  continue;
                }
                copy?.keep(chunk, i);
                keys[n++] = k;
              }
              keys.length = n;
            } else if (plain) {
              for (; i < items.length; i++) {
                if (!isPlainKey(items[i])) throw badKey(items[i]);
              }
            }
            i = 0;
            const kept = copy === undefined ? chunk : copy.build(chunk);
            await sorter.addAll(keys, kept?.items ?? [], kept?.wide);
          } catch (error) {
            throw failAt(error, stats, ctx, chunk, i);
          }
          stats.hold(
            sorter.count + keyless.heldItems,
            sorter.heldBytes + keyless.heldBytes,
          );
        }
        let line = 1;
        const turns = new TurnCounter(OUTPUT_TURN_ITEMS);
        // The sorter reads `sorting` as it hands on its entries: a numeric
        // sort that rounded a key mends the order of its items (as text) by
        // their keys. Where none was rounded, nearly always, the entries go
        // as they are, and to a writer as bytes.
        const mend = order?.rounded === true;
        if (mend) {
          sorting.bytes = false;
          sorting.wantKeys = true;
        }
        const sorted = mend
          ? mendTies(sorter.sorted() as AsyncIterable<KeyedChunk<T>>, {
            valueOf,
            reverse: options.reverse === true,
            keys: out !== null,
            sortBy: (exact: (item: T) => string) =>
              sortStage<T, string, T>({
                budget,
                fanIn,
                reverse: options.reverse === true,
                ...(options.tempDir === undefined
                  ? {}
                  : { tempDir: options.tempDir }),
                key: exact,
              }, null),
          })
          : sorter.sorted();
        for await (const entries of sorted) {
          const plainOut = out === null || !keyed;
          const items = (plainOut
            ? entries.items
            : out(entries.keys, entries.items)) as O[];
          const whole = "bytes" in entries ? entries : undefined;
          yield consecutive(
            items,
            line,
            undefined,
            plainOut ? whole?.wide : undefined,
            plainOut ? whole?.bytes : undefined,
          );
          line += items.length;
          const turn = turns.after(items.length);
          if (turn !== undefined) {
            await turn;
          }
        }
        // The items without a key go as bytes too, where they are lines.
        const plainOut = out === null || !keyed;
        for await (const batch of keyless.items(plainOut && bytes)) {
          const { items, wide } = batch;
          const missing = (plainOut ? items : out(
            items.map(() => null),
            items,
          )) as O[];
          yield consecutive(
            missing,
            line,
            undefined,
            plainOut ? wide : undefined,
            batch.bytes,
          );
          line += missing.length;
          const turn = turns.after(missing.length);
          if (turn !== undefined) await turn;
        }
      } catch (error) {
        keyless.abort();
        throw error;
      } finally {
        await spill.remove();
      }
    },
  });
}
