// Copyright 2026 the sluice authors. MIT license.
// The byte -> line engine behind readLines. Plain TypeScript over bytes: the
// caller reads into `space()` and calls `commit(n)`, then `end()`.

import {
  type Chunk,
  consecutive,
  numbered,
  spareBytes,
  standIns,
} from "../core/_chunk.ts";
import { InvalidUtf8Error, LineTooLongError } from "../core/errors.ts";
import type { LinePosition } from "../core/position.ts";
import { cutPoint, firstInvalidUtf8 } from "./_utf8.ts";
import {
  firstNonAscii,
  foldedRegExp,
  foldsBytes,
  lfCount,
  wordsOf,
} from "../core/_bytes.ts";
import { decodeLossless, encodeLossless, UNTERMINATED } from "./lossless.ts";
import type { LiteralSearch } from "./_literal_search.ts";
import type { LineBytesMap } from "../core/_registry.ts";

/**
 * Whether a line's bytes contain `literal`'s UTF-8 exactly when its decoded
 * text contains `literal`: so when the literal is well-formed and holds no
 * U+FFFD (which invalid bytes decode to), CR or LF (a line's CR is cut from
 * its text).
 */
export function searchesBytes(literal: string): boolean {
  return literal !== "" && literal.isWellFormed() &&
    !/[\r\n\uFFFD]/.test(literal);
}

/** Whether `literal` is ASCII and can lie within one line. */
function asciiLine(literal: string): boolean {
  for (let i = 0; i < literal.length; i++) {
    const c = literal.charCodeAt(i);
    if (c > 0x7f || c === 10 || c === 13) return false;
  }
  return literal !== "";
}

/** What to do with a line longer than `maxLineBytes`. */
export type LongLinePolicy = "error" | "split" | "skip";

/** See SplitterOptions.others. */
export interface SplitterOthers {
  literals: readonly string[];
  holds: (line: string) => boolean;
}

export interface SplitterOptions {
  maxLineBytes: number;
  onLongLine: LongLinePolicy;
  fatal: boolean;
  path: string | undefined;
  readBytes: number;
  /**
   * Emit only the lines that contain this literal, or any of these (a fused
   * grep).
   */
  match?: string | readonly string[] | undefined;
  /**
   * With `match`: the lines without it may be handed on too (a sieve for a
   * stage that matches the lines itself, or for `keep`): once most lines
   * hold it, every line is, decoded in pieces, without the search.
   */
  sieve?: boolean | undefined;
  /**
   * With one `match` that {@linkcode foldsBytes} allows: its letters match
   * in either case, as a grep that ignores case matches them.
   */
  fold?: boolean | undefined;
  /**
   * With one `match` that folds (not `fatal`, nor with `keep` or `sieve`;
   * with `invert` only when `countOnly`): literals whose lines may hold
   * `match`, case ignored, where its folded bytes miss it (the dotless i,
   * the long s). `match` may then hold "i" or "s": the lines that hold it on
   * bytes are kept (or counted), and of those that hold one of these and
   * not it, each is decoded and kept when `holds` (the grep's own test,
   * which cannot throw) keeps it. Without a byte search, `holds` is the test
   * of every line.
   */
  others?: SplitterOthers | undefined;
  /**
   * The byte search for `match`: the class of _literal_search.ts, which the
   * caller loads only for a fused grep (a module once loaded stays resident).
   * Without it, lines are matched in their decoded text.
   */
  search?: typeof LiteralSearch | undefined;
  /**
   * With one `match`, `sieve` and `keep`: no search at the start (its
   * WebAssembly module costs some 4-6 MiB of RSS, for nothing when most
   * lines hold the literal): `keep` is called on every line, and once the
   * first SIEVE_TRIAL lines show that few hold the literal,
   * {@linkcode LineSplitter.wantsSearch} is set, for the caller to hand over
   * the search's class ({@linkcode LineSplitter.startSearch}); the sieve
   * then searches the bytes it holds, moved into the search's memory.
   */
  sieveLater?: boolean | undefined;
  /** With `match`: emit only the lines that do not contain it. */
  invert?: boolean | undefined;
  /**
   * A fused filter (with `match` only as a `sieve`, then called on the
   * lines that hold it): emit only the lines for which
   * `keep.fn(line, keep.index++)` returns a truthy value. When a call
   * returns a promise or throws, the line is emitted, the splitter calls
   * `keep` no more, and {@linkcode LineSplitter.settled} says which line and
   * what the call gave, for the filter to go on from there.
   */
  keep?: SplitterKeep | undefined;
  /**
   * Only the number of lines matters (with `match`, of matching lines): an
   * empty string stands for each line, and none is decoded, except where a
   * line too long for `maxLineBytes` is handled. With `keep`, the lines are
   * decoded for its calls, and an empty string stands for each line kept.
   */
  countOnly?: boolean | undefined;
  /**
   * With a byte search for `match` (and neither `countOnly`, `fatal` nor
   * `markUnterminated`): hand the kept lines on as their UTF-8, each followed
   * by an LF, in the chunk's `bytes`, an empty string standing for each line
   * in its `items` (see Chunk.bytes), instead of decoding them for a sink
   * that would only encode them again.
   */
  handsBytes?: boolean | undefined;
  /**
   * With `handsBytes` and `lossless`: the sink writes the lines as they were
   * read, so those that are not well-formed UTF-8 may go out as they are;
   * otherwise every line goes out well-formed, as a writer would encode its
   * text.
   */
  illFormedBytes?: boolean | undefined;
  /**
   * With `handsBytes`: each line goes out after its number and a colon, as
   * `grep -n` writes it.
   */
  numberBytes?: boolean | undefined;
  /**
   * With `handsBytes`: bytes each line goes out after, before its number
   * (the input's name and a colon, as `grep -H` writes it).
   */
  prefixBytes?: Uint8Array | undefined;
  /**
   * A map of each line's bytes to its result's (not with `match`, `keep`,
   * `countOnly`, `fatal`, `lossless` or `markUnterminated`): the results go
   * on as bytes (see `handsBytes`), an empty string standing for each. At
   * the first line it cannot map, or that needs the line-length policy (or
   * the last line, when it has no LF), the splitter stops mapping and hands
   * on that line and every line after it as text, for the stage itself;
   * {@linkcode LineSplitter.mapSettled} says where in `items` they start.
   */
  mapBytes?: LineBytesMap | undefined;
  /**
   * Hand every line on as its bytes, for a stage that takes them (see
   * StageImpl.takesLineBytes), not with `match`, `keep`, `countOnly`,
   * `mapBytes`, `fatal` or `markUnterminated`: well-formed UTF-8 only, each
   * line as it decodes (read losslessly, with the CR before its LF). From
   * the first line that is not so, or that needs the line-length policy (or
   * the last line, when it has no LF), every line goes on as text, as after
   * a map that stopped (see {@linkcode LineSplitter.mapSettled}).
   */
  handsLines?: boolean | undefined;
  /** Whether the bytes start at offset 0, where a BOM is removed. */
  atStart?: boolean;
  /** The offset of the first byte, when resuming in the middle of an input. */
  offset?: number;
  /** The number of the first line, when resuming. */
  line?: number;
  /**
   * The byte offset line numbers count from, when not the input's start (a
   * shard of a URL): said in error messages.
   */
  linesFrom?: number | undefined;
  /**
   * Keep every byte: invalid UTF-8 as lone surrogates (see
   * decodeLossless), the CR before an LF, and a BOM.
   */
  lossless?: boolean;
  /** With lossless: end a last line without LF with UNTERMINATED. */
  markUnterminated?: boolean;
  /**
   * Called, instead of throwing, for a line that is too long (with the
   * "error" policy) or not valid UTF-8 (when fatal), with the line's text
   * (lossy; of a long line, its first min(maxLineBytes, BAD_LINE_BYTES)
   * bytes); the line is dropped.
   * It may throw to stop the reading.
   */
  onBadLine?:
    | ((error: LineTooLongError | InvalidUtf8Error, text: string) => void)
    | undefined;
}

/** A filter's predicate and the index of its next call (see FusedKeep). */
export interface SplitterKeep {
  readonly fn: (line: string, index: number) => unknown;
  index: number;
}

const LF = 10;
const CR = 13;
// The buffer starts small and grows towards readBytes + maxLineBytes + 1 only
// when a long partial line needs it.
const INITIAL_SLACK = 64 * 1024;
const DECODE_BYTES = 32 * 1024;
/** The size of a page of memory, and of the page cache's pages. */
const PAGE = 4096;
/**
 * How far past the file offset's place in a page a read's region starts in
 * its page. The kernel copies a read from the page cache into the region;
 * where the region started at the file offset's place in its page, or a few
 * bytes past it, the copy's loads and stores met at addresses alike in their
 * low 12 bits, and on the bench machine (AMD EPYC) the copy ran 4x as
 * slowly: reads of 512 KiB of the 1 GiB bench corpus into WebAssembly memory
 * took 495-502 ms with the region 10 or 100 bytes into its page and the file
 * offset the same, 127-135 ms with them 90 or more bytes apart (medians of
 * 5, in one process). The region started wherever the line carried over
 * from the last read ended, so that some reads were slow and others not.
 */
const ALIAS_GAP = 2048;
/**
 * The first size of a buffer of kept lines handed on as bytes (see
 * SplitterOptions.handsBytes); it grows for a chunk that needs more.
 */
const OUT_BYTES = 64 * 1024;
/** A sieve's lines seen before it may stop (see #sieved). */
const SIEVE_TRIAL = 4096;
/**
 * ...and the share of them kept that stops it: more than one in this. With
 * the lines found gathered for one decode (see #gatherFound), `sluice grep
 * -c` over the 256 MiB bench corpus (5 rounds in turns, medians) for 8, 4
 * and 2: `-i timeout` (16% of the lines hold "meout") 0.52, 0.29 and 0.29 s,
 * 59.3, 64.5 and 63.9 MiB; `-E 'method=PU[T]'` (15%) 0.54, 0.32 and 0.33
 * s; `-E 'GE[T]'` (44%) 0.58, 0.58 and 0.59 s, 60.5, 60.8 and 65.6 MiB. A
 * sieve costs some 5 MiB of RSS: its WebAssembly module and the runtime's
 * code that compiles it.
 */
const SIEVE_SHARE = 4;
const encoder = new TextEncoder();
/** Room for a line number, its colon and the line's LF. */
const NUMBER_BYTES = 18;
/**
 * The largest piece #decodeGathered takes, and the size of each of its two
 * buffers: a piece of at most DECODE_BYTES (the partial line before a slice
 * included), as a fused filter's slices of 64 KiB are cut (see readLines).
 * With 24 KiB, enough for a slice of 16 KiB and the partial line before it,
 * T1 with slices of 64 KiB over 1 GiB took 1.22 s against 1.13 (medians of
 * 7, in turns).
 */
const GATHER_BYTES = DECODE_BYTES;
/**
 * #decodeGathered's two buffers, one pair for every splitter of the thread
 * (the first also #gatherFound's): they are filled and decoded within one
 * synchronous call, and hold nothing after it. A pair of its own (64 KiB)
 * for each splitter was a pair for each byte range a worker reads; promoted
 * with their splitter, they stayed counted as V8's external memory until a
 * full collection, a worker's grew from 1.5 to 12.6 MiB, and the full
 * collections that followed grew its young generation (a full collection
 * promotes nearly all the young objects allocated while it marks, and V8
 * counts them as survivors).
 * Measured at V8's defaults, medians of 3 in turns: parallel() T1 with 2
 * workers over 4 GiB 140.0 -> 126.2 MiB peak RSS and 5.09 -> 4.86 s, over
 * 256 MiB 98.4 -> 93.2; `sluice group --by-word 3 --count --p95 latency_ms
 * --workers 2` over 4 GiB 117.7 -> 105.1, over 256 MiB 98.5 -> 96.9.
 */
let gather: { narrow: Uint8Array; wide: Uint8Array } | undefined;

/**
 * What the last splitter done in this thread left for the next one (see
 * {@linkcode LineSplitter.release}): its line buffer, or its byte search
 * (whose WebAssembly memory holds the buffer), for a splitter whose buffer
 * starts as long and, for the search, that looks for the same literals.
 */
const left: {
  buffer: Uint8Array | undefined;
  /**
   * The reads and the longest line of the splitter that left the buffer: a
   * buffer reserve() grew is taken only by a splitter of the same, whose
   * reader's bound holds it as the first one's did.
   */
  bufferFor: string;
  search: LiteralSearch | undefined;
  /** The search's literals, reads and longest line (see #leftKey). */
  key: string | undefined;
} = { buffer: undefined, bufferFor: "", search: undefined, key: undefined };
/** How much of a line that is too long onBadLine gets. */
export const BAD_LINE_BYTES = 4096;

export class LineSplitter {
  /** Lines completed since the last `take()`. */
  items: string[] = [];
  /** Line numbers of `items`, present only when they are not consecutive. */
  lines: number[] | undefined = undefined;
  /** The number of `items[0]`. */
  firstLine = 1;
  /** Lines dropped by the "skip" policy. */
  skipped = 0;
  /** Lines cut into pieces by the "split" policy. */
  splitLines = 0;
  /** Bytes committed so far. */
  bytesIn = 0;
  /**
   * Whether the lines a fused filter keeps are copied out of the decoded
   * piece they were cut from. A line cut from a piece keeps all of it
   * alive: a few lines kept from a slice of 64 KiB kept up to that much
   * alive while their chunk went down the pipeline, and V8's scavenges
   * copied it (T1 over 256 MiB, `--trace-gc-nvp`: 20 KiB alive at the mean
   * scavenge against 2.6 KiB with the lines copied, and the young
   * generation grown to 4 MiB semi-spaces after 29 scavenges against not
   * at all; T1 over 4 GiB peaked at 74.9 MiB RSS against 66.9 MiB copied
   * and 67.1 MiB with slices of 16 KiB, one run each).
   */
  copyKept = false;
  /**
   * Set when a call of the fused filter (see SplitterOptions.keep) returned
   * a promise or threw: the index in `items` of its line, what it returned
   * or threw, and which. The lines after it in `items` were not called.
   * Cleared by `take()`.
   */
  settled:
    | { at: number; result: unknown; failed: boolean }
    | undefined = undefined;
  /**
   * Set when the map of lines' bytes (see SplitterOptions.mapBytes), or the
   * lines handed on as bytes (handsLines), stopped:
   * the index in `items` of the first line handed on as text, the lines
   * before it as bytes. Cleared by `take()`.
   */
  mapSettled: number | undefined = undefined;

  /** Lines completed so far (a split line counts once). */
  get linesSeen(): number {
    return this.#line - 1 - this.#startLine;
  }

  /**
   * Where the lines handed out so far end: the offset and number of the next
   * line, from which a new splitter would go on with the same lines.
   * Undefined while a skipped long line is being passed over.
   */
  get resumePoint(): { offset: number; line: number } | undefined {
    return this.#skipping
      ? undefined
      : { offset: this.#base, line: this.#line };
  }

  readonly #max: number;
  readonly #policy: LongLinePolicy;
  readonly #fatal: boolean;
  readonly #path: string | undefined;
  readonly #linesFrom: number | undefined;
  readonly #readBytes: number;
  readonly #decoder: TextDecoder;
  /** For runs of ASCII (see #decodeAscii). */
  readonly #ascii = new TextDecoder("utf-8", { ignoreBOM: true });
  /** The fused grep's literal, or its literals: at least one. */
  #match: readonly string[] | undefined;
  readonly #invert: boolean;
  /** The fused grep's search on bytes, when `#match` allows it. */
  #search: LiteralSearch | undefined;
  /** A sieve (see SplitterOptions.sieve): the lines it saw and kept. */
  #sieve: boolean;
  /** A sieve's literal before its search starts (see sieveLater). */
  #later: readonly string[] | undefined;
  /** Whether the literal matches in either case (see fold). */
  readonly #fold: boolean;
  /** Whether a line's text holds the literal `#match[0]` or `#later[0]`. */
  readonly #holds: (line: string, literal: string) => boolean;
  /** Folded: the literal in either case, to find in decoded text. */
  readonly #folded: RegExp | undefined;
  /** Lines called before the search, and those that hold its literal. */
  #laterSeen = 0;
  #laterHeld = 0;
  /**
   * Set when few of the lines called so far hold the literal of a sieve
   * that starts later (see SplitterOptions.sieveLater).
   */
  wantsSearch = false;
  #sieveSeen = 0;
  #sieveKept = 0;
  /** The sieve kept most lines: it hands on every line now. */
  #unsieved = false;
  /** The length of the buffer the splitter started with. */
  readonly #startBytes: number;
  /** The fused filter, until a call of it needs the stage itself. */
  #keep: SplitterKeep | undefined;
  /** See SplitterOptions.others. */
  readonly #also: SplitterOthers | undefined;
  readonly #countOnly: boolean;
  /** Kept lines go out as bytes (see SplitterOptions.handsBytes). */
  #handsBytes: boolean;
  /** The map of lines' bytes, until a line needs the stage (see mapBytes). */
  #mapper: LineBytesMap | undefined;
  /** Every line goes on as its bytes, until one cannot (see handsLines). */
  #handsLines: boolean;
  /** Lines read losslessly may go out ill-formed (see illFormedBytes). */
  readonly #illFormed: boolean;
  /** Lines go out as bytes after their numbers (see numberBytes). */
  readonly #numbers: boolean;
  /** What each line goes out after, before its number (see prefixBytes). */
  readonly #lead: Uint8Array | undefined;
  /** The kept lines' bytes since the last `take()`, and how many. */
  #out: Uint8Array | undefined = undefined;
  #outUsed = 0;
  /** Counting every line: no literal to search for. */
  readonly #countAll: boolean;
  /**
   * With `keep` and `countOnly`: each line kept is stood for by an empty
   * string, let go as soon as it is tested. Handed on (and copied out of its
   * text, see copyKept), the lines that `sluice grep -c -i timeout` kept
   * over the 256 MiB bench corpus made 107 scavenges; stood for, 68 (0.34
   * against 0.32 s, peak RSS the same).
   */
  readonly #keptCounted: boolean;
  readonly #onBad: SplitterOptions["onBadLine"];
  readonly #lossless: boolean;
  readonly #mark: boolean;
  #lossy: TextDecoder | undefined = undefined;
  /**
   * Whether #decodeGathered may decode the lines (see #decodeRunApart),
   * lossless ones too: `sluice head -n 7000000` over the 1 GiB bench
   * corpus, nine runs each in turns, took 2.37 s (user 1.68 s) with its
   * lines decoded apart and 2.25 s (user 1.56 s) gathered, medians.
   */
  readonly #gathers: boolean;
  /** Whether #decodeGathered has run (and uses `gather`). */
  #gathered = false;
  /** Where #decodeGathered's lines that are not ASCII go. */
  #places: number[] = [];
  /**
   * The runs of ASCII lines a fused grep found and keeps (see #gatherFound),
   * gathered in `gather.narrow` until decoded: `#foundLen` bytes, and each
   * run's first line number and its number of lines.
   */
  #foundLen = 0;
  #foundRuns: number[] = [];
  /**
   * The whole line buffer. The bytes not yet handed on start `#origin`
   * bytes into it, so that dropping the lines of one slice of a read moves
   * no bytes; they move to the front only when a read needs the room, or
   * when all that is left is the start of a line.
   */
  #root: Uint8Array;
  /** `#root` four bytes at a time, to find non-ASCII bytes quickly. */
  #words: Uint32Array;
  #origin = 0;
  /** `#root` from `#origin` on: every offset below is into this view. */
  #buf: Uint8Array;
  /** Indexes of the lines in `items` that #decodeRun decoded apart. */
  #wide: number[] = [];
  /** Lines in `items` that #decodeRun decoded. */
  #tracked = 0;
  /** Whether `items` is a shared array of stand-ins (see #ownItems). */
  #sharedItems = false;
  #filled = 0;
  /** Bytes after `#filled` read in but not yet processed (see readAhead). */
  #ahead = 0;
  /** Whether the bytes held stay where placeHeld put them. */
  #placed = false;
  /** The size reserve() grew the buffer to, if it did. */
  #reserved = 0;
  /** Absolute offset of `#buf[0]`. */
  #base = 0;
  /** Number of the line that starts at `#buf[0]`. */
  #line = 1;
  #bomDone = false;
  #skipping = false;
  readonly #startLine: number;

  constructor(options: SplitterOptions) {
    this.#max = options.maxLineBytes;
    this.#policy = options.onLongLine;
    this.#fatal = options.fatal;
    this.#path = options.path;
    this.#linesFrom = options.linesFrom;
    this.#readBytes = options.readBytes;
    const match = options.match;
    this.#match = typeof match === "string"
      ? [match]
      : match !== undefined && match.length > 0
      ? [...match]
      : undefined;
    this.#invert = this.#match !== undefined && (options.invert ?? false);
    const also = options.others;
    this.#fold = options.fold === true && this.#match !== undefined &&
      this.#match.length === 1 &&
      (foldsBytes(this.#match[0]!) ||
        also !== undefined && asciiLine(this.#match[0]!));
    if (options.fold === true && !this.#fold) {
      throw new RangeError(
        "Cannot split lines: only one ASCII literal without i or s matches in either case",
      );
    }
    if (
      also !== undefined &&
      (!this.#fold || options.fatal || options.keep !== undefined ||
        options.sieve === true ||
        this.#invert && options.countOnly !== true)
    ) {
      throw new RangeError(
        "Cannot split lines: other literals go only with one folded literal, alone, and inverted only when counted",
      );
    }
    this.#also = also;
    if (also !== undefined) {
      // The grep's test decides where the folded bytes would not.
      this.#folded = undefined;
      this.#holds = (line) => also.holds(line);
    } else if (this.#fold) {
      const folded = foldedRegExp(this.#match![0]!, "g");
      this.#folded = folded;
      this.#holds = (line) => {
        folded.lastIndex = 0;
        return folded.test(line);
      };
    } else {
      this.#folded = undefined;
      this.#holds = (line, literal) => line.includes(literal);
    }
    if (this.#invert && this.#match!.length > 1) {
      throw new RangeError(
        "Cannot split lines: a fused grep keeps the lines without one literal, not several",
      );
    }
    // Lossless text holds a line's bytes that are not UTF-8 as lone
    // surrogates, which a well-formed literal cannot hold, and its other
    // bytes decoded as ever: it contains the literal exactly when the bytes
    // do, as text decoded with U+FFFD does (see searchesBytes).
    const Search = options.search;
    this.#startBytes = LineSplitter.startBytes(
      options.readBytes,
      options.maxLineBytes,
    );
    if (
      options.sieveLater === true && options.sieve === true &&
      options.keep !== undefined && this.#match !== undefined &&
      this.#match.length === 1 && !this.#invert &&
      this.#match.every(searchesBytes)
    ) {
      if (left.search !== undefined && left.key === this.#leftKey()) {
        // A splitter before this one (of another input) found the literal
        // rare and left its search: searched from the start.
        this.#search = left.search;
        left.search = undefined;
      } else {
        this.#later = this.#match;
        this.#match = undefined;
        this.#search = undefined;
      }
    } else if (
      Search !== undefined && this.#match !== undefined &&
      this.#match.every(searchesBytes)
    ) {
      const key = this.#leftKey();
      if (left.search !== undefined && left.key === key) {
        this.#search = left.search;
        left.search = undefined;
      } else {
        this.#search = this.#newSearch(Search, this.#match);
      }
    } else {
      this.#search = undefined;
    }
    this.#sieve = this.#search !== undefined && options.sieve === true;
    // A sieve's lines go to the fused filter, which decides (also where
    // its literal is matched in the decoded text: see searchesBytes).
    this.#keep = this.#match === undefined || options.sieve === true
      ? options.keep
      : undefined;
    this.#base = options.offset ?? 0;
    this.#line = options.line ?? 1;
    this.#startLine = this.#line - 1;
    this.firstLine = this.#line;
    this.#onBad = options.onBadLine;
    this.#lossless = options.lossless ?? false;
    this.#mark = this.#lossless && (options.markUnterminated ?? false);
    this.#bomDone = options.atStart === false || this.#base > 0 ||
      this.#lossless;
    // A fatal reader decodes the lines it keeps, to report a bad one.
    this.#countOnly = (options.countOnly ?? false) && !options.fatal &&
      this.#keep === undefined;
    this.#countAll = this.#countOnly && this.#match === undefined;
    this.#keptCounted = (options.countOnly ?? false) &&
      this.#keep !== undefined;
    this.#handsBytes = (options.handsBytes ?? false) &&
      this.#search !== undefined && !this.#countOnly && !options.fatal &&
      this.#keep === undefined &&
      !(options.markUnterminated ?? false);
    this.#illFormed = this.#lossless && (options.illFormedBytes ?? false);
    this.#numbers = this.#handsBytes && (options.numberBytes ?? false);
    this.#lead = this.#handsBytes ? options.prefixBytes : undefined;
    this.#mapper =
      options.mapBytes !== undefined && this.#match === undefined &&
        options.keep === undefined && !(options.countOnly ?? false) &&
        !options.fatal && !this.#lossless &&
        !(options.markUnterminated ?? false)
        ? options.mapBytes
        : undefined;
    this.#handsLines = (options.handsLines ?? false) &&
      this.#match === undefined && options.keep === undefined &&
      !(options.countOnly ?? false) && this.#mapper === undefined &&
      !options.fatal && !(options.markUnterminated ?? false);
    if (this.#mapper !== undefined || this.#handsLines) {
      this.#handsBytes = true;
    }
    // (A sieve may hand on lines without its literal: once it stops, its
    // lines are decoded as a reader's without one.)
    this.#gathers = !this.#fatal && (this.#match === undefined || this.#sieve);
    this.#decoder = new TextDecoder("utf-8", {
      fatal: options.fatal,
      ignoreBOM: true,
    });
    // A fused search's bytes are kept in its WebAssembly memory, searched
    // there without a copy.
    const size = this.#startBytes;
    if (this.#search !== undefined) {
      this.#root = this.#search.region(size);
    } else if (
      left.buffer !== undefined && left.bufferFor === this.#bufferFor()
    ) {
      // One grown by reserve() too: taken whole, as reserve() would grow
      // this one's to it.
      this.#root = left.buffer;
      if (left.buffer.length > size) this.#reserved = left.buffer.length;
      left.buffer = undefined;
    } else {
      this.#root = new Uint8Array(size);
    }
    this.#buf = this.#root;
    this.#words = wordsOf(this.#root);
  }

  /** The line buffer (a view of the search's memory, with a fused search). */
  get buffer(): Uint8Array {
    return this.#root;
  }

  /**
   * Leaves the line buffer, or the byte search that holds it, to the next
   * splitter made in this thread, once this one is done: it is not used
   * again, and its bytes are never looked at. Not a buffer grown for a long
   * line.
   *
   * A worker reads range after range; with new buffers for each, glibc kept
   * more and more of the freed ones (once a freed buffer larger than its
   * mmap threshold raises the threshold, later ones come from the heap,
   * where they stay): `group --workers 2` over the 4 GiB bench corpus
   * peaked at 146.7 MiB RSS against 97.3 over 256 MiB; reusing them, 111.4
   * against 96.9 (medians of 3 in turns, V8's defaults; one run with new
   * buffers and `MALLOC_TRIM_THRESHOLD_=131072`, which stops the threshold's
   * moves, 123.5); parallel(): 140.9 -> 126.1 over 4 GiB, 109.4 -> 101.4
   * over 256 MiB. And a search and a buffer for each file read were
   * promoted with their splitter, and stayed counted as V8's external
   * memory until a full collection; the full collections that followed grew
   * V8's young generation (a full collection promotes nearly all the young
   * objects allocated while it marks). `sluice grep -c ERROR` over the 256
   * MiB bench corpus in 136 files of 2 MB, at V8's defaults, medians of 3 in
   * turns: 81.1 MiB peak RSS and 0.83 s with new ones for each file, 66.0
   * MiB and 0.54 s left to the next (62.2 MiB and 0.25-0.29 s over the one
   * file).
   */
  release(): void {
    if (
      this.#root.length !== this.#startBytes &&
      this.#root.length !== this.#reserved
    ) {
      return;
    }
    if (this.#search !== undefined) {
      left.search = this.#search;
      left.key = this.#leftKey();
    } else {
      left.buffer = this.#root;
      left.bufferFor = this.#bufferFor();
    }
  }

  /** Which splitters may take the buffer this one leaves (see `left`). */
  #bufferFor(): string {
    return `${this.#readBytes} ${this.#max}`;
  }

  /** Which splitters may take a search this one leaves: same literals, size. */
  #leftKey(): string {
    return `${this.#bufferFor()} ${JSON.stringify(this.#match)}${
      this.#fold ? " fold" : ""
    }${this.#also ? ` ${JSON.stringify(this.#also.literals)}` : ""}`;
  }

  /**
   * Grows the line buffer to at least `size` bytes, for regions of it that
   * the caller reads into itself (see ReadAhead); the bytes stay where they
   * are. A buffer grown so is left to the next splitter as one of its first
   * size is (see release).
   */
  reserve(size: number): void {
    if (this.#root.length >= size) return;
    let grown: Uint8Array;
    if (this.#search !== undefined) {
      grown = this.#search.region(size);
    } else {
      grown = new Uint8Array(size);
      grown.set(this.#root);
    }
    this.#reserved = size;
    this.#root = grown;
    this.#buf = grown.subarray(this.#origin);
    this.#words = wordsOf(grown);
  }

  /**
   * The first offset at or after `min` in {@linkcode buffer} where a read
   * of the file at offset `readAt` lands ALIAS_GAP bytes past the file
   * offset's place in a page (see ALIAS_GAP).
   */
  readStart(min: number, readAt: number): number {
    const at = this.#root.byteOffset + min;
    return min + (((readAt + ALIAS_GAP - at) % PAGE) + PAGE) % PAGE;
  }

  /** The bytes held: the start of a line not yet ended, and any read ahead. */
  get heldBytes(): number {
    return this.#filled + this.#ahead;
  }

  /**
   * Moves the bytes held (none read ahead) so that they end at `end` in
   * {@linkcode buffer}, where the caller has read (or will read) the next
   * bytes, and leaves them there as the lines are processed: they move
   * again only by another call, or once {@linkcode space} is asked for.
   */
  placeHeld(end: number): void {
    const held = this.#filled;
    if (this.#ahead > 0 || end < held || end > this.#root.length) {
      throw new RangeError(
        `Cannot place ${held} bytes held (${this.#ahead} read ahead) to end at ${end} of ${this.#root.length}`,
      );
    }
    if (held > 0 && this.#origin + held !== end) {
      this.#root.copyWithin(end - held, this.#origin, this.#origin + held);
    }
    this.#origin = end - held;
    this.#buf = this.#root.subarray(this.#origin);
    this.#placed = true;
  }

  /** Bytes the splitter holds allocated (a fused grep's search included). */
  get bufferBytes(): number {
    // A fused search's memory holds the buffer.
    return (this.#search?.memoryBytes ?? this.#root.length) +
      (this.#gathered ? 2 * GATHER_BYTES : 0);
  }

  /**
   * Counts `line` for a sieve that starts later (see sieveLater): once
   * SIEVE_TRIAL lines are counted, the search is wanted if few hold the
   * literal, and never otherwise.
   */
  #tryLater(line: string): void {
    if (this.wantsSearch) return;
    this.#laterSeen++;
    if (this.#holds(line, this.#later![0]!)) this.#laterHeld++;
    if (this.#laterSeen < SIEVE_TRIAL) return;
    if (this.#laterHeld * SIEVE_SHARE <= this.#laterSeen) {
      this.wantsSearch = true;
    } else {
      this.#later = undefined;
    }
  }

  /**
   * Starts the sieve that {@linkcode LineSplitter.wantsSearch} asks for,
   * with the search's class: from the next bytes split on, only the lines
   * that hold its literal are called, while few do (see sieveLater). The
   * bytes held move into the search's memory, as a splitter's that searches
   * from the start: called between reads, never with a read under way
   * into {@linkcode LineSplitter.space}.
   */
  startSearch(Search: typeof LiteralSearch): void {
    const literals = this.#later;
    if (!this.wantsSearch || literals === undefined) return;
    this.wantsSearch = false;
    this.#later = undefined;
    this.#match = literals;
    // One a splitter before it left (see release), or a new one.
    const key = this.#leftKey();
    let search = left.search;
    if (search !== undefined && left.key === key) left.search = undefined;
    else search = this.#newSearch(Search, literals);
    const held = this.#filled + this.#ahead;
    const region = search.region(this.#root.length);
    region.set(this.#root.subarray(this.#origin, this.#origin + held));
    this.#root = region;
    this.#buf = region;
    this.#words = wordsOf(region);
    this.#origin = 0;
    this.#search = search;
    this.#sieve = true;
  }

  /** A byte search for `literals`, in either case when folded. */
  #newSearch(
    Search: typeof LiteralSearch,
    literals: readonly string[],
  ): LiteralSearch {
    const also = this.#also?.literals ?? [];
    return new Search(
      [...literals, ...also].map((m) => encoder.encode(m)),
      undefined,
      also.length === 0
        ? this.#fold
        : [...literals.map(() => this.#fold), ...also.map(() => false)],
    );
  }

  /** The most {@linkcode LineSplitter.bufferBytes} can ever be. */
  static heldBytesBound(readBytes: number, maxLineBytes: number): number {
    return LineSplitter.boundBytes(readBytes, maxLineBytes) + 2 * GATHER_BYTES;
  }

  /** The size of the buffer a splitter starts with. */
  static startBytes(readBytes: number, maxLineBytes: number): number {
    return readBytes + Math.min(maxLineBytes + 1, INITIAL_SLACK);
  }

  /** The largest buffer this splitter can ever grow to. */
  static boundBytes(readBytes: number, maxLineBytes: number): number {
    return readBytes + maxLineBytes + 1;
  }

  /** Bytes read ahead that {@linkcode commitAhead} has yet to process. */
  get ahead(): number {
    return this.#ahead;
  }

  /**
   * The free region to read the next bytes into (at most `readBytes`), after
   * any bytes read ahead.
   *
   * @param readAt Where in its file the read into the region starts, when
   * it is a read of a file: the bytes held are then moved, where the buffer
   * has room, so that the region starts ALIAS_GAP bytes past the file
   * offset's place in a 4 KiB page.
   */
  space(readAt?: number): Uint8Array {
    this.#placed = false;
    const held = this.#filled + this.#ahead;
    const want = held + this.#readBytes;
    if (this.#origin > 0 && this.#origin + want > this.#root.length) {
      this.#toFront();
    }
    if (want > this.#root.length) {
      const size = Math.min(
        Math.max(want, this.#root.length * 2),
        LineSplitter.boundBytes(this.#readBytes, this.#max),
      );
      let grown: Uint8Array;
      if (this.#search !== undefined) {
        grown = this.#search.region(size); // the bytes stay where they are
      } else {
        grown = new Uint8Array(size);
        grown.set(this.#root.subarray(0, held));
      }
      this.#root = grown;
      this.#buf = grown;
      this.#words = wordsOf(grown);
    }
    if (readAt !== undefined && this.#ahead === 0) {
      const root = this.#root;
      const origin = this.readStart(held, readAt) - held;
      if (origin !== this.#origin && origin + want <= root.length) {
        root.copyWithin(origin, this.#origin, this.#origin + held);
        this.#origin = origin;
        this.#buf = root.subarray(origin);
      }
    }
    return this.#buf.subarray(held, want);
  }

  /**
   * Notes `n` bytes just written into `space()` without processing them:
   * one large read, split a part at a time by {@linkcode commitAhead}, so
   * that the lines alive at once stay few while the reads stay few.
   */
  readAhead(n: number): void {
    if (n > 0) this.#ahead += n;
  }

  /** Processes at most `max` of the bytes read ahead, the first ones; how many. */
  commitAhead(max: number): number {
    const n = Math.min(max, this.#ahead);
    this.#ahead -= n;
    this.commit(n);
    return n;
  }

  /**
   * Processes the `n` bytes just written into `space()`, when none are read
   * ahead (else see {@linkcode readAhead}).
   */
  commit(n: number): void {
    if (n <= 0) return;
    let scanFrom = this.#filled;
    this.#filled += n;
    this.bytesIn += n;
    if (!this.#bomDone) {
      if (!this.#stripBom(false)) return;
      scanFrom = 0;
    }
    if (this.#skipping) {
      const lf = this.#buf.subarray(0, this.#filled).indexOf(LF);
      if (lf === -1) {
        this.#drop(this.#filled);
        return;
      }
      this.#drop(lf + 1);
      this.#line++;
      this.#skipping = false;
      scanFrom = 0;
    }
    this.#process(scanFrom);
  }

  /** Copies `chunk` in through `space()`/`commit()`, in pieces if needed. */
  write(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      const space = this.space();
      const n = Math.min(space.length, chunk.length - at);
      space.set(chunk.subarray(at, at + n));
      at += n;
      this.commit(n);
    }
  }

  /** Ends the input: the bytes after the last LF form the last line. */
  end(): void {
    if (this.#ahead > 0) this.commitAhead(this.#ahead);
    if (!this.#bomDone) this.#stripBom(true);
    if (this.#skipping || this.#filled === 0) return;
    this.#stopMapping();
    const len = this.#filled;
    if (len > this.#max) {
      this.#longLine(0, len);
    } else {
      const text = this.#decodeLine(0, len);
      if (text !== undefined) {
        this.#emit(this.#mark ? text + UNTERMINATED : text, this.#line);
      }
      this.#line++;
    }
    this.#drop(len);
  }

  /** Hands over the completed lines and starts a new set. */
  take(): Chunk<string> {
    // Which lines are not ASCII is known when all of them were decoded by
    // #decodeRun, which decodes those apart.
    const wide = this.#tracked === this.items.length ? this.#wide : undefined;
    // The kept lines' bytes, when handed on so: a buffer for this chunk
    // alone (the sink may give it back, see giveBackBytes).
    let bytes: Uint8Array | undefined;
    if (this.#outUsed > 0) {
      bytes = this.#out!.subarray(0, this.#outUsed);
      this.#out = undefined;
      this.#outUsed = 0;
    }
    // Explicit numbers start at `firstLine` (see #push).
    const out = this.lines === undefined
      ? consecutive(this.items, this.firstLine, undefined, wide, bytes)
      : numbered(this.items, this.lines, undefined, wide, bytes);
    this.items = [];
    this.#sharedItems = false;
    this.lines = undefined;
    this.settled = undefined;
    this.mapSettled = undefined;
    this.#wide = [];
    this.#tracked = 0;
    return out;
  }

  #stripBom(final: boolean): boolean {
    const b = this.#buf;
    const f = this.#filled;
    if (
      f < 3 && !final && b[0] === 0xef && (f < 2 || b[1] === 0xbb)
    ) {
      return false; // could still be a BOM: wait for more bytes
    }
    this.#bomDone = true;
    if (f >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      this.#drop(3);
    }
    return true;
  }

  #process(scanFrom: number): void {
    const buf = this.#buf;
    const filled = this.#filled;
    const found = buf.subarray(scanFrom, filled).lastIndexOf(LF);
    if (found !== -1) {
      const lastLF = scanFrom + found;
      const firstLF = buf.indexOf(LF, scanFrom);
      if (firstLF <= this.#max && this.#shortAfter(firstLF, lastLF)) {
        // Fast path: no line in the region is too long, so decode it in
        // a few large pieces and split the strings; or, for a fused grep,
        // search the bytes and decode only the lines that match.
        if (this.#search !== undefined && !this.#unsieved) {
          this.#emitFound(this.#search, lastLF);
        } else if (this.#countAll) this.#emitCounted(lastLF);
        else if (this.#mapper !== undefined) this.#emitMapped(lastLF);
        else if (this.#handsLines) this.#emitLines(lastLF);
        else this.#emitPieces(lastLF);
      } else {
        this.#stopMapping();
        this.#processSlow(lastLF);
      }
      this.#drop(lastLF + 1);
    }
    this.#checkCarry();
  }

  /**
   * Whether no line of `buf` between the LFs at `firstLF` and `lastLF` is
   * longer than maxLineBytes: at once when they are close enough, else
   * found by stepping from LF to the furthest LF within maxLineBytes + 1 of
   * it, a few bytes looked at per step. (Judged by the distance alone, a
   * region longer than maxLineBytes always went the slow way: with
   * `maxLineBytes: 65536`, a fused grep counting the ERROR lines of the 256
   * MiB bench corpus took 0.56 s and 72.1 MiB against 0.14 s and 59.1 after,
   * 5 rounds in turns.)
   */
  #shortAfter(firstLF: number, lastLF: number): boolean {
    const max = this.#max;
    let p = firstLF;
    while (lastLF - p - 1 > max) {
      const q = this.#buf.lastIndexOf(LF, p + max + 1);
      if (q === p) return false; // the line after p is too long
      p = q;
    }
    return true;
  }

  /**
   * Decodes `buf[0, lastLF)` in pieces of about DECODE_BYTES that end at an
   * LF. Strings of that size stay in V8's young generation and die young;
   * a string of a whole megabyte would go to large-object space, which only
   * a full GC frees, and RSS would climb between collections.
   */
  #emitPieces(lastLF: number): void {
    const buf = this.#buf;
    let start = 0;
    while (true) {
      let end = lastLF;
      if (end - start > DECODE_BYTES) {
        const back = buf.lastIndexOf(LF, start + DECODE_BYTES);
        end = back > start ? back : buf.indexOf(LF, start + DECODE_BYTES);
      }
      this.#decodeRun(start, end);
      if (end === lastLF) return;
      start = end + 1;
    }
  }

  /**
   * When only the number of lines matters (a counting sink right after the
   * reader): each line of `buf[0, lastLF]` is stood for by an empty string,
   * none decoded.
   */
  #emitCounted(lastLF: number): void {
    const o = this.#origin;
    const n = lfCount(this.#root, this.#words, o, o + lastLF + 1);
    this.#standIns(n, this.#line);
    this.#line += n;
  }

  /**
   * A fused grep on bytes: the lines of `buf[0, lastLF]` that contain the
   * literal (with `invert`, that do not) are decoded, each run of adjacent
   * ones at once (or, when only their number matters, stood for by empty
   * strings); the others are only counted, never decoded.
   */
  #emitFound(search: LiteralSearch, lastLF: number): void {
    const invert = this.#invert;
    if (this.#countOnly) {
      const { kept, lines } = this.#also === undefined
        ? search.count(this.#buf, 0, lastLF + 1, invert)
        : this.#countOthers(search, lastLF, invert);
      this.#standIns(kept, this.#line);
      this.#line += lines;
      return;
    }
    let runStart = 0;
    let runEnd = -1;
    let runLine = 0;
    let runLines = 0;
    let kept = 0;
    const holds = this.#also?.holds;
    const next = search.lines(
      this.#buf,
      0,
      lastLF + 1,
      invert,
      this.#line,
      (start, end, line, first) => {
        // A line found by one of the other literals only: the test decides.
        if (
          holds !== undefined && !first &&
          !holds(this.#decoder.decode(this.#buf.subarray(start, end)))
        ) return;
        kept++;
        // Numbered, each line goes out on its own, after its number.
        if (
          runEnd >= 0 && start === runEnd + 1 && !this.#numbers &&
          this.#lead === undefined
        ) {
          runEnd = end;
          runLines++;
          return;
        }
        if (runEnd >= 0) this.#keepRun(runStart, runEnd, runLine, runLines);
        runStart = start;
        runEnd = end;
        runLine = line;
        runLines = 1;
      },
    );
    if (runEnd >= 0) this.#keepRun(runStart, runEnd, runLine, runLines);
    this.#decodeFound();
    if (this.#sieve) this.#sieved(next - this.#line, kept);
    this.#line = next;
  }

  /**
   * search.count for SplitterOptions.others: the lines of `buf[0,
   * lastLF]` that hold the literal on bytes, and those the grep's test keeps
   * of the lines that hold one of the other literals and not it.
   */
  #countOthers(
    search: LiteralSearch,
    lastLF: number,
    invert: boolean,
  ): { kept: number; lines: number } {
    const holds = this.#also!.holds;
    const buf = this.#buf;
    let more = 0;
    const { kept, lines } = search.countFirst(buf, 0, lastLF + 1, (s, e) => {
      // Its CR, if any, changes nothing: the literal holds none.
      if (holds(this.#decoder.decode(buf.subarray(s, e)))) more++;
    });
    return { kept: invert ? lines - kept - more : kept + more, lines };
  }

  /**
   * Counts a region's `lines` for the sieve, and the lines of it `kept`
   * (handed on); once it has seen SIEVE_TRIAL lines and kept more than one
   * in SIEVE_SHARE, it hands on every line, decoded in pieces: a run of
   * lines found is decoded on its own, more slowly.
   */
  #sieved(lines: number, kept: number): void {
    this.#sieveSeen += lines;
    this.#sieveKept += kept;
    if (
      this.#sieveSeen >= SIEVE_TRIAL &&
      this.#sieveKept * SIEVE_SHARE > this.#sieveSeen
    ) {
      this.#unsieved = true;
      this.#match = undefined;
    }
  }

  /**
   * Hands on the `count` lines of `buf[start, end)` (LF-separated, the first
   * numbered `line`), which a fused grep keeps: as they are, when they go
   * out as bytes that decoding and encoding again would not change (no CR
   * to strip, unless read losslessly; ASCII, well-formed UTF-8, or lines
   * read losslessly for a sink that writes them so), else as text (see
   * #emitFoundRun).
   */
  #keepRun(start: number, end: number, line: number, count: number): void {
    if (
      this.#handsBytes &&
      (this.#lossless || this.#buf.subarray(start, end).indexOf(CR) === -1) &&
      (this.#illFormed || this.#firstNonAscii(start, end) === -1 ||
        firstInvalidUtf8(this.#buf, start, end) === -1)
    ) {
      this.#room(end - start + NUMBER_BYTES + (this.#lead?.length ?? 0));
      if (this.#lead !== undefined) this.#putLead();
      if (this.#numbers) this.#putNumber(line);
      this.#out!.set(this.#buf.subarray(start, end), this.#outUsed);
      this.#outUsed += end - start;
      this.#out![this.#outUsed++] = LF;
      for (let k = 0; k < count; k++) this.#pushItem("", line + k);
      return;
    }
    if (
      this.#handsBytes || end - start >= GATHER_BYTES ||
      this.#firstNonAscii(start, end) !== -1
    ) {
      this.#decodeFound();
      this.#emitFoundRun(start, end, line);
      return;
    }
    this.#gatherFound(start, end, line, count);
  }

  /**
   * Puts the run of ASCII lines `buf[start, end)` (`count` of them, the
   * first numbered `line`) in `gather.narrow`, after the runs gathered
   * before it, to be decoded with them in one call (see #decodeFound): each
   * decode is a call into the runtime. `sluice grep -c -i timeout` over the
   * 256 MiB bench corpus (16% of its lines hold "meout", found on bytes)
   * took 0.53 s with each run decoded on its own, 0.34 s gathered; `sluice
   * grep -i timeout` 0.56 and 0.39 s (7 rounds in turns, medians; peak RSS
   * the same).
   */
  #gatherFound(start: number, end: number, line: number, count: number): void {
    if (this.#foundLen + (end - start) + 1 > GATHER_BYTES) this.#decodeFound();
    const narrow = this.#gatherBuffers().narrow;
    if (this.#foundRuns.length > 0) narrow[this.#foundLen++] = LF;
    narrow.set(this.#buf.subarray(start, end), this.#foundLen);
    this.#foundLen += end - start;
    this.#foundRuns.push(line, count);
  }

  /** The thread's `gather` buffers, made on first use. */
  #gatherBuffers(): { narrow: Uint8Array; wide: Uint8Array } {
    gather ??= {
      narrow: new Uint8Array(GATHER_BYTES),
      wide: new Uint8Array(GATHER_BYTES),
    };
    this.#gathered = true;
    return gather;
  }

  /**
   * Decodes the runs #gatherFound gathered, at once, and hands on their
   * lines, each with its number, in the order found.
   */
  #decodeFound(): void {
    const runs = this.#foundRuns;
    if (runs.length === 0) return;
    const text = this.#ascii.decode(gather!.narrow.subarray(0, this.#foundLen));
    this.#foundLen = 0;
    // Lossless, no CR is stripped (charCodeAt never gives -1).
    const cr = this.#lossless ? -1 : CR;
    let s = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const first = runs[r]!;
      const last = first + runs[r + 1]!;
      for (let line = first; line < last; line++) {
        const lf = text.indexOf("\n", s);
        const e = lf === -1 ? text.length : lf;
        this.#offer(
          text.slice(s, e > s && text.charCodeAt(e - 1) === cr ? e - 1 : e),
          line,
        );
        s = e + 1;
      }
    }
    runs.length = 0;
  }

  /**
   * Writes `n` and a colon into `#out` (which has room), as `grep -n` puts
   * them before a line: digits, with no string made for them.
   */
  #putNumber(n: number): void {
    const out = this.#out!;
    const at = this.#outUsed;
    let digits = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
    for (let k = at + digits - 1, v = n; k >= at; k--) {
      out[k] = 48 + v % 10;
      v = Math.floor(v / 10);
    }
    out[at + digits] = 58; // ":"
    this.#outUsed = at + digits + 1;
  }

  /** Writes `#lead` into `#out` (which has room). */
  #putLead(): void {
    this.#out!.set(this.#lead!, this.#outUsed);
    this.#outUsed += this.#lead!.length;
  }

  /** Makes room for `n` more bytes in `#out`. */
  #room(n: number): void {
    const out = this.#out;
    const need = this.#outUsed + n;
    if (out !== undefined && need <= out.length) return;
    const size = Math.max(OUT_BYTES, need, 2 * (out?.length ?? 0));
    const grown = spareBytes(size) ?? new Uint8Array(size);
    if (out !== undefined) grown.set(out.subarray(0, this.#outUsed));
    this.#out = grown;
  }

  /**
   * Hands on the lines of `buf[start, end)` (LF-separated, the
   * first numbered `line`), which a fused grep keeps. When they do not
   * decode (fatal), one at a time:
   * the bad line is reported as #decodeLine does, with its number.
   */
  #emitFoundRun(start: number, end: number, line: number): void {
    const buf = this.#buf;
    let text: string | undefined;
    try {
      text = this.#lossless
        ? decodeLossless(buf.subarray(start, end))
        : this.#decoder.decode(buf.subarray(start, end));
    } catch {
      for (let s = start;; line++) {
        let e = buf.indexOf(LF, s);
        if (e === -1 || e > end) e = end;
        this.#line = line;
        const one = this.#decodeLine(s, e > s && buf[e - 1] === CR ? e - 1 : e);
        if (one !== undefined) this.#offer(one, line);
        if (e >= end) return;
        s = e + 1;
      }
    }
    // Lossless, no CR is stripped (charCodeAt never gives -1).
    const cr = this.#lossless ? -1 : CR;
    for (let s = 0;; line++) {
      const lf = text.indexOf("\n", s);
      const e = lf === -1 ? text.length : lf;
      this.#offer(
        text.slice(s, e > s && text.charCodeAt(e - 1) === cr ? e - 1 : e),
        line,
      );
      if (lf === -1) return;
      s = lf + 1;
    }
  }

  /** Walks the region line by line on bytes, for when a line may be too long. */
  #processSlow(lastLF: number): void {
    const buf = this.#buf;
    let runStart = 0;
    let runLines = 0;
    let pos = 0;
    while (pos <= lastLF) {
      const lf = buf.indexOf(LF, pos);
      const len = lf - pos - (lf > pos && buf[lf - 1] === CR ? 1 : 0);
      if (len > this.#max) {
        if (runLines > 0) {
          this.#decodeRun(runStart, pos - 1);
        }
        // Lossless, the CR stays with the line (in its last piece).
        this.#longLine(pos, this.#lossless ? lf : pos + len);
        runStart = lf + 1;
        runLines = 0;
      } else {
        runLines++;
      }
      pos = lf + 1;
    }
    if (runLines > 0) {
      this.#decodeRun(runStart, lastLF);
    }
  }

  /** The current line's position, for an error at byte `offset`. */
  #position(offset: number): LinePosition {
    const at = { path: this.#path, line: this.#line, offset };
    return this.#linesFrom === undefined
      ? at
      : { ...at, linesFrom: this.#linesFrom };
  }

  /** Applies the long-line policy to the complete line `buf[start, end)`. */
  #longLine(start: number, end: number): void {
    if (this.#policy === "error") {
      const error = new LineTooLongError(
        this.#position(this.#base + start),
        this.#max,
      );
      if (this.#onBad === undefined) throw error;
      this.#onBad(error, this.#prefix(start));
    } else if (this.#policy === "skip") {
      this.skipped++;
    } else {
      this.#countSplit();
      let at = start;
      while (end - at > this.#max) {
        const cut = cutPoint(this.#buf, at, this.#max);
        this.#emitPiece(at, cut);
        at = cut;
      }
      this.#emitPiece(at, end);
    }
    this.#line++;
  }

  /**
   * Maps the lines of `buf[0, lastLF]` on their bytes (see
   * SplitterOptions.mapBytes); from a line the map cannot do on, they are
   * decoded and handed on as text.
   */
  #emitMapped(lastLF: number): void {
    const buf = this.#buf;
    const mapper = this.#mapper!;
    let line = this.#line;
    let start = 0;
    this.#room(1);
    while (start <= lastLF) {
      let at = mapper.line(buf, start, this.#out!, this.#outUsed);
      if (at === -2) {
        this.#room(mapper.room(mapper.next - 1 - start));
        at = mapper.line(buf, start, this.#out!, this.#outUsed);
      }
      if (at < 0) {
        this.#line = line;
        this.#stopMapping();
        this.#decodeRun(start, lastLF);
        return;
      }
      this.#out![at] = LF;
      this.#outUsed = at + 1;
      this.#pushItem("", line++);
      start = mapper.next;
    }
    this.#line = line;
  }

  /**
   * Hands on the lines of `buf[0, lastLF]` as their bytes (see handsLines),
   * those before the first that cannot go so at once; from that one on, they
   * are decoded and handed on as text.
   */
  #emitLines(lastLF: number): void {
    const buf = this.#buf;
    const end = lastLF + 1;
    // Where the bytes stop being a line's UTF-8 as its text has it: at a CR
    // (which a line's text has not, unless read losslessly), or at UTF-8
    // that is not well formed.
    let stop = this.#lossless ? -1 : buf.subarray(0, end).indexOf(CR);
    const to = stop === -1 ? end : stop;
    // Only the lines that are not ASCII are checked byte by byte, from
    // their first byte that is not.
    for (let at = this.#firstNonAscii(0, to); at !== -1;) {
      const lf = buf.indexOf(LF, at);
      const bad = firstInvalidUtf8(buf, at, Math.min(lf, to));
      if (bad !== -1) {
        stop = bad;
        break;
      }
      at = lf + 1 < to ? this.#firstNonAscii(lf + 1, to) : -1;
    }
    // The lines wholly before it.
    const cut = stop === -1
      ? end
      : stop === 0
      ? 0
      : buf.lastIndexOf(LF, stop - 1) + 1;
    if (cut > 0) {
      const o = this.#origin;
      const n = lfCount(this.#root, this.#words, o, o + cut);
      this.#room(cut);
      this.#out!.set(buf.subarray(0, cut), this.#outUsed);
      this.#outUsed += cut;
      this.#standIns(n, this.#line);
      this.#line += n;
    }
    if (cut < end) {
      this.#stopMapping();
      this.#decodeRun(cut, lastLF);
    }
  }

  /**
   * Stops the map of lines' bytes (or the lines handed on as bytes), when it
   * runs: the next line and every line after it go on as text (see
   * mapSettled).
   */
  #stopMapping(): void {
    if (this.#mapper === undefined && !this.#handsLines) return;
    this.#mapper = undefined;
    this.#handsLines = false;
    this.#handsBytes = false;
    this.mapSettled = this.items.length;
  }

  /** Keeps the partial line (the carry) within its bound. */
  #checkCarry(): void {
    const max = this.#max;
    while (
      this.#filled > max &&
      !(this.#filled === max + 1 && this.#buf[max] === CR)
    ) {
      this.#stopMapping();
      if (this.#policy === "error") {
        const error = new LineTooLongError(
          this.#position(this.#base),
          max,
        );
        if (this.#onBad === undefined) throw error;
        this.#onBad(error, this.#prefix(0));
      } else if (this.#policy === "skip") {
        this.skipped++;
      }
      if (this.#policy !== "split") {
        // Drop the rest of the line as it arrives.
        this.#skipping = true;
        this.#drop(this.#filled);
        return;
      }
      // "split": emit a piece from the front, keep the rest as the carry.
      const cut = cutPoint(this.#buf, 0, max);
      this.#countSplit();
      this.#emitPiece(0, cut);
      this.#drop(cut);
    }
  }

  /** Counts the current line once, however many pieces it is cut into. */
  #countSplit(): void {
    if (this.#lastSplitLine === this.#line) return;
    this.#lastSplitLine = this.#line;
    this.splitLines++;
  }
  #lastSplitLine = 0;

  #drop(n: number): void {
    this.#filled -= n;
    this.#base += n;
    this.#origin += n;
    // Bytes read ahead stay where they are (see #root); the start of a line,
    // when it is all that is left, moves to the front (unless placed: see
    // placeHeld).
    if (this.#ahead > 0 || this.#placed) {
      this.#buf = this.#root.subarray(this.#origin);
    } else this.#toFront();
  }

  /** Moves the bytes held to the front of `#root`. */
  #toFront(): void {
    const held = this.#filled + this.#ahead;
    if (held > 0) {
      this.#root.copyWithin(0, this.#origin, this.#origin + held);
    }
    this.#origin = 0;
    this.#buf = this.#root;
  }

  /** Emits the piece `buf[start, end)` of a split line, if it decodes. */
  #emitPiece(start: number, end: number): void {
    const text = this.#decodeLine(start, end);
    if (text !== undefined) this.#emit(text, this.#line);
  }

  /**
   * Decodes one line (or piece) `buf[start, end)`. Invalid UTF-8 in fatal
   * mode throws, or with onBadLine is reported and gives `undefined`.
   */
  #decodeLine(start: number, end: number): string | undefined {
    const bytes = this.#buf.subarray(start, end);
    if (this.#lossless) return decodeLossless(bytes);
    if (!this.#fatal) return this.#decoder.decode(bytes);
    try {
      return this.#decoder.decode(bytes);
    } catch {
      const bad = firstInvalidUtf8(this.#buf, start, end);
      this.#invalid(bad === -1 ? start : bad, start, end);
      return undefined;
    }
  }

  /**
   * Decodes and emits the lines of `buf[start, end)` (LF-separated, the
   * first numbered `#line`). In fatal mode the whole lines before a bad one
   * are handed on first, whatever the chunking; then the bad line throws, or
   * with onBadLine is reported and dropped and the rest goes on.
   */
  #decodeRun(start: number, end: number): void {
    const before = this.items.length;
    this.#decodeRunApart(start, end);
    this.#tracked += this.items.length - before;
  }

  #decodeRunApart(start: number, end: number): void {
    // ASCII text decodes to a one-byte string; one non-ASCII character makes
    // the whole piece two bytes a character. So the lines that hold one are
    // decoded apart, and the ASCII lines between them in runs: half the
    // garbage on a log with a few non-ASCII lines (5% of the bench corpus's
    // lines made 99% of its 16 KiB pieces two-byte), fewer scavenges, and a
    // young generation that V8 grows later (T1 over 1 GiB: 535 scavenges
    // against 773).
    if (
      this.#gathers && end - start <= GATHER_BYTES &&
      (this.#keep !== undefined || this.#consecutive())
    ) {
      this.#decodeGathered(start, end);
      return;
    }
    const buf = this.#buf;
    let from = start;
    while (true) {
      const wide = this.#firstNonAscii(from, end);
      if (wide === -1) {
        this.#decodeAscii(from, end);
        return;
      }
      const lineStart = Math.max(from, buf.lastIndexOf(LF, wide) + 1);
      if (lineStart > from) this.#decodeAscii(from, lineStart - 1);
      let lineEnd = buf.indexOf(LF, wide);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      const at = this.items.length;
      this.#decodeLines(lineStart, lineEnd);
      for (let k = at; k < this.items.length; k++) this.#wide.push(k);
      if (lineEnd === end) return;
      from = lineEnd + 1;
    }
  }

  /**
   * #decodeRunApart in two decodes: the ASCII lines of `buf[start, end)` are
   * gathered in one buffer and the others in another, each decoded at once,
   * and the lines put back in order. A 16 KiB piece of the bench corpus holds
   * about 6 lines that are not ASCII, so decoding the runs between them took
   * about 13 decodes, each a call into the runtime.
   */
  #decodeGathered(start: number, end: number): void {
    const buf = this.#buf;
    let wide = this.#firstNonAscii(start, end);
    if (wide === -1) {
      this.#decodeAscii(start, end);
      return;
    }
    const { narrow, wide: wideBytes } = this.#gatherBuffers();
    // Where in the ASCII text each line that is not ASCII goes: before the
    // ASCII line that starts there (or after them all).
    const places = this.#places;
    places.length = 0;
    let narrowLen = 0;
    let runs = 0;
    let wideLen = 0;
    let from = start;
    while (true) {
      const lineStart = Math.max(from, buf.lastIndexOf(LF, wide) + 1);
      if (lineStart > from) {
        if (runs > 0) narrow[narrowLen++] = LF;
        narrow.set(buf.subarray(from, lineStart - 1), narrowLen);
        narrowLen += lineStart - 1 - from;
        runs++;
      }
      let lineEnd = buf.indexOf(LF, wide);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      if (places.length > 0) wideBytes[wideLen++] = LF;
      wideBytes.set(buf.subarray(lineStart, lineEnd), wideLen);
      wideLen += lineEnd - lineStart;
      places.push(runs > 0 ? narrowLen + 1 : 0);
      if (lineEnd === end) break;
      from = lineEnd + 1;
      wide = this.#firstNonAscii(from, end);
      if (wide === -1) {
        if (runs > 0) narrow[narrowLen++] = LF;
        narrow.set(buf.subarray(from, end), narrowLen);
        narrowLen += end - from;
        runs++;
        break;
      }
    }
    const ascii = runs > 0
      ? this.#ascii.decode(narrow.subarray(0, narrowLen))
      : "";
    const text = this.#lossless
      ? decodeLossless(wideBytes.subarray(0, wideLen))
      : this.#decoder.decode(wideBytes.subarray(0, wideLen));
    // Straight into the chunk: the caller checked that the numbers stay
    // consecutive (see #consecutive), or a fused filter numbers the lines
    // it keeps.
    const keeps = this.#keep !== undefined;
    if (this.items.length === 0 && !keeps) this.firstLine = this.#line;
    const out = this.#ownItems();
    let line = this.#line;
    // Lossless, no CR is stripped (charCodeAt never gives -1).
    const cr = this.#lossless ? -1 : CR;
    let w = 0; // the next line that is not ASCII
    let ws = 0; // where it starts in `text`
    const pushWide = () => {
      const lf = text.indexOf("\n", ws);
      const e = lf === -1 ? text.length : lf;
      const one = text.slice(
        ws,
        e > ws && text.charCodeAt(e - 1) === cr ? e - 1 : e,
      );
      if (keeps) {
        const at = out.length;
        this.#offer(one, line);
        if (out.length > at) this.#wide.push(at);
      } else {
        this.#wide.push(out.length);
        out.push(one);
      }
      line++;
      ws = e + 1;
      w++;
    };
    if (runs > 0) {
      let at = 0;
      while (true) {
        while (w < places.length && places[w] === at) pushWide();
        const lf = ascii.indexOf("\n", at);
        const e = lf === -1 ? ascii.length : lf;
        const one = ascii.slice(
          at,
          e > at && ascii.charCodeAt(e - 1) === cr ? e - 1 : e,
        );
        if (keeps) this.#offer(one, line);
        else out.push(one);
        line++;
        if (lf === -1) break;
        at = lf + 1;
      }
    }
    while (w < places.length) pushWide();
    this.#line = line;
  }

  /** {@linkcode firstNonAscii} of `buf[from, to)`, as an offset into `buf`. */
  #firstNonAscii(from: number, to: number): number {
    const o = this.#origin;
    const at = firstNonAscii(this.#root, this.#words, o + from, o + to);
    return at === -1 ? -1 : at - o;
  }

  /**
   * Decodes and emits the lines of `buf[start, end)`, which are ASCII: any
   * decoder gives the same text, and the platform's non-fatal one is the
   * fast one. A fatal decoder took 8x as long on the same bytes (11 against
   * 1.4 us for 17 KiB), and lossless readers use one: `sluice sort -n` over
   * the 256 MiB bench corpus spent 0.36 s of its 7.8 s in it.
   */
  #decodeAscii(start: number, end: number): void {
    this.#emitRun(this.#ascii.decode(this.#buf.subarray(start, end)));
  }

  /** Decodes and emits the lines of `buf[start, end)`, as #decodeRun. */
  #decodeLines(start: number, end: number): void {
    if (this.#lossless) {
      this.#emitRun(decodeLossless(this.#buf.subarray(start, end)));
      return;
    }
    if (!this.#fatal) {
      this.#emitRun(this.#decoder.decode(this.#buf.subarray(start, end)));
      return;
    }
    const buf = this.#buf;
    let from = start;
    while (true) {
      let text: string;
      try {
        text = this.#decoder.decode(buf.subarray(from, end));
      } catch {
        const found = firstInvalidUtf8(buf, from, end);
        const bad = found === -1 ? from : found;
        const lineStart = bad === from
          ? from
          : Math.max(from, buf.lastIndexOf(LF, bad - 1) + 1);
        if (lineStart > from) {
          this.#emitRun(
            this.#decoder.decode(buf.subarray(from, lineStart - 1)),
          );
        }
        let lineEnd = buf.indexOf(LF, bad);
        if (lineEnd === -1 || lineEnd > end) lineEnd = end;
        this.#invalid(bad, lineStart, lineEnd);
        this.#line++;
        if (lineEnd >= end) return;
        from = lineEnd + 1;
        continue;
      }
      this.#emitRun(text);
      return;
    }
  }

  /** The line `buf[start, end)` holds invalid UTF-8 at `bad`. */
  #invalid(bad: number, start: number, end: number): void {
    const error = new InvalidUtf8Error(this.#position(this.#base + bad));
    if (this.#onBad === undefined) throw error;
    // A line that ends at an LF loses one CR, as every line does.
    const cr = end > start && end < this.#filled && this.#buf[end] === LF &&
      this.#buf[end - 1] === CR;
    this.#onBad(error, this.#lossyDecode(start, cr ? end - 1 : end));
  }

  /**
   * The first `min(maxLineBytes, BAD_LINE_BYTES)` bytes of the long line at
   * `start`, never cutting a character: the same whatever the chunking (a
   * line longer than maxLineBytes always has that many bytes at hand).
   */
  #prefix(start: number): string {
    const limit = Math.min(this.#max, BAD_LINE_BYTES);
    return this.#lossyDecode(start, cutPoint(this.#buf, start, limit));
  }

  #lossyDecode(start: number, end: number): string {
    this.#lossy ??= new TextDecoder("utf-8", { ignoreBOM: true });
    return this.#lossy.decode(this.#buf.subarray(start, end));
  }

  /** Whether the next line's number follows the chunk's last one. */
  #consecutive(): boolean {
    return this.lines === undefined &&
      (this.items.length === 0 ||
        this.#line === this.firstLine + this.items.length);
  }

  /** Emits the lines of `text` (LF-separated, each followed by an LF). */
  #emitRun(text: string): void {
    // (A sieve's lines go to its fused filter, below.)
    if (
      this.#match !== undefined && this.#match.length === 1 &&
      !this.#invert && this.#keep === undefined && this.#also === undefined
    ) {
      this.#emitMatches(text, this.#match[0]!);
      return;
    }
    if (this.#keep !== undefined) {
      this.#emitKept(text);
      return;
    }
    const first = this.#line;
    // Straight into the chunk when the numbers stay consecutive (always,
    // unless a line was just split or skipped) and no fused grep leaves
    // some out.
    const direct = this.#match === undefined && this.lines === undefined &&
      (this.items.length === 0 || first === this.firstLine + this.items.length);
    if (direct && this.items.length === 0) this.firstLine = first;
    const out: string[] = direct ? this.#ownItems() : [];
    const before = out.length;
    // Lossless, no CR is stripped (charCodeAt never gives -1).
    const cr = this.#lossless ? -1 : CR;
    // indexOf + slice measured about 3x faster here than split("\n"), and
    // strips the CR of a CRLF in the same pass.
    let start = 0;
    while (true) {
      const lf = text.indexOf("\n", start);
      const end = lf === -1 ? text.length : lf;
      out.push(
        text.slice(
          start,
          end > start && text.charCodeAt(end - 1) === cr ? end - 1 : end,
        ),
      );
      if (lf === -1) break;
      start = lf + 1;
    }
    this.#line += out.length - before;
    if (!direct) {
      for (let i = 0; i < out.length; i++) this.#emit(out[i]!, first + i);
    }
  }

  /**
   * A fused grep: finds `match` in the decoded block and cuts out only the
   * lines that contain it; the other lines are only counted.
   */
  #emitMatches(text: string, match: string): void {
    let line = this.#line;
    const cr = this.#lossless ? -1 : CR;
    let counted = 0; // text before this offset has had its LFs counted
    let from = 0;
    const folded = this.#folded;
    while (true) {
      let hit: number;
      if (folded === undefined) hit = text.indexOf(match, from);
      else {
        folded.lastIndex = from;
        hit = folded.test(text) ? folded.lastIndex - match.length : -1;
      }
      if (hit === -1) break;
      const start = text.lastIndexOf("\n", hit) + 1;
      for (
        let p = text.indexOf("\n", counted);
        p !== -1 && p < start;
        p = text.indexOf("\n", p + 1)
      ) {
        line++;
      }
      let end = text.indexOf("\n", hit + match.length);
      if (end === -1) end = text.length;
      // Every line of the block was followed by LF: strip one CR.
      const cut = text.charCodeAt(end - 1) === cr ? end - 1 : end;
      this.#push(text.slice(start, cut), line);
      if (end === text.length) {
        this.#line = line + 1;
        return;
      }
      line++;
      counted = end + 1;
      from = end + 1;
    }
    for (
      let p = text.indexOf("\n", counted);
      p !== -1;
      p = text.indexOf("\n", p + 1)
    ) {
      line++;
    }
    this.#line = line + 1;
  }

  /** #emitRun with a fused filter: each line offered to it (see #offer). */
  #emitKept(text: string): void {
    const cr = this.#lossless ? -1 : CR;
    let line = this.#line;
    let start = 0;
    while (true) {
      const lf = text.indexOf("\n", start);
      const end = lf === -1 ? text.length : lf;
      this.#offer(
        text.slice(
          start,
          end > start && text.charCodeAt(end - 1) === cr ? end - 1 : end,
        ),
        line++,
      );
      if (lf === -1) break;
      start = lf + 1;
    }
    this.#line = line;
  }

  #emit(line: string, number: number): void {
    if (
      this.#match !== undefined &&
      this.#match.some((m) => this.#holds(line, m)) === this.#invert
    ) return;
    if (this.#keep !== undefined) this.#offer(line, number);
    else this.#push(line, number);
  }

  /**
   * Hands `line` to the fused filter and emits it when the call returns a
   * truthy value. A call that returns a promise or throws leaves the rest to
   * the filter itself (see SplitterOptions.keep): its line and every line
   * after it are emitted, none called. With no fused filter (any more),
   * every line is emitted.
   */
  #offer(line: string, number: number): void {
    const keep = this.#keep;
    if (keep === undefined) {
      this.#push(line, number);
      return;
    }
    if (this.#later !== undefined) this.#tryLater(line);
    let r: unknown;
    try {
      r = keep.fn(line, keep.index++);
    } catch (error) {
      this.#settle(line, number, error, true);
      return;
    }
    if (
      typeof r === "object" && r !== null &&
      typeof (r as { then?: unknown }).then === "function"
    ) {
      this.#settle(line, number, r, false);
      return;
    }
    if (!r) return;
    this.#push(
      this.#keptCounted ? "" : this.copyKept ? copied(line) : line,
      number,
    );
  }

  /** The fused filter's call on `line` gave `result`: see `settled`. */
  #settle(
    line: string,
    number: number,
    result: unknown,
    failed: boolean,
  ): void {
    this.#keep = undefined;
    this.#push(line, number);
    this.settled = { at: this.items.length - 1, result, failed };
  }

  #push(line: string, number: number): void {
    if (this.#handsBytes) {
      // A line as text, among lines handed on as bytes: its UTF-8 as the
      // sink would encode it (lone surrogates as U+FFFD, or back to the
      // bytes they were read from, see illFormedBytes).
      const bytes = this.#illFormed && !line.isWellFormed()
        ? encodeLossless(line)
        : undefined;
      this.#room(
        (bytes?.length ?? 3 * line.length) + NUMBER_BYTES +
          (this.#lead?.length ?? 0),
      );
      if (this.#lead !== undefined) this.#putLead();
      if (this.#numbers) this.#putNumber(number);
      if (bytes !== undefined) {
        this.#out!.set(bytes, this.#outUsed);
        this.#outUsed += bytes.length;
      } else {
        this.#outUsed += encoder.encodeInto(
          line,
          this.#out!.subarray(this.#outUsed),
        ).written;
      }
      this.#out![this.#outUsed++] = LF;
      line = "";
    }
    this.#pushItem(line, number);
  }

  /**
   * Empty strings that stand for the `n` lines numbered from `line`: all at
   * once when they start the chunk, in an array shared with the chunks of as
   * many lines where one is kept (see standIns). Pushed one by one, their
   * array grew three times a chunk, most of the young garbage of a sort of
   * lines; and `sluice count` over the 1 GiB bench corpus took 0.69 s and
   * peaked at 62.9 MiB, against 0.62 s and 59.8 MiB (medians of 5 in turns).
   */
  #standIns(n: number, line: number): void {
    if (n === 0) return;
    if (this.items.length === 0 && this.lines === undefined) {
      this.items = standIns(n);
      this.#sharedItems = Object.isFrozen(this.items);
      this.firstLine = line;
    } else {
      for (let k = 0; k < n; k++) this.#pushItem("", line + k);
    }
  }

  /**
   * `items`, copied first if it is a shared array of stand-ins (see
   * standIns): the lines that follow them in the chunk go in the copy.
   */
  #ownItems(): string[] {
    if (this.#sharedItems) {
      this.items = this.items.slice();
      this.#sharedItems = false;
    }
    return this.items;
  }

  #pushItem(line: string, number: number): void {
    if (this.#sharedItems) this.#ownItems();
    if (this.items.length === 0 && this.lines === undefined) {
      this.firstLine = number;
    } else if (this.lines === undefined) {
      if (number === this.firstLine + this.items.length) {
        this.items.push(line);
        return;
      }
      const first = this.firstLine;
      this.lines = this.items.map((_, i) => first + i);
    }
    this.items.push(line);
    this.lines?.push(number);
  }
}

/**
 * `text` in a string of its own, not a view of the (larger) string it was
 * cut from: V8 makes `" " + text` a pair of references and copies both into
 * one flat string when it is sliced.
 */
function copied(text: string): string {
  return (" " + text).slice(1);
}
