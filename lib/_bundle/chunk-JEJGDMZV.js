// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  UNTERMINATED,
  cutPoint,
  decodeLossless,
  encodeLossless,
  firstInvalidUtf8
} from "./chunk-R3JU4EVG.js";
import {
  firstNonAscii,
  foldedRegExp,
  foldsBytes,
  lfCount,
  wordsOf
} from "./chunk-R7VB6IFH.js";
import {
  consecutive,
  numbered,
  spareBytes,
  standIns
} from "./chunk-LTYBISTW.js";
import {
  InvalidUtf8Error,
  LineTooLongError
} from "./chunk-LHRNZXWF.js";

// lib/io/_line_splitter.ts
function searchesBytes(literal) {
  return literal !== "" && literal.isWellFormed() && !/[\r\n\uFFFD]/.test(literal);
}
function asciiLine(literal) {
  for (let i = 0; i < literal.length; i++) {
    const c = literal.charCodeAt(i);
    if (c > 127 || c === 10 || c === 13) return false;
  }
  return literal !== "";
}
var LF = 10;
var CR = 13;
var INITIAL_SLACK = 64 * 1024;
var DECODE_BYTES = 32 * 1024;
var PAGE = 4096;
var ALIAS_GAP = 2048;
var OUT_BYTES = 64 * 1024;
var SIEVE_TRIAL = 4096;
var SIEVE_SHARE = 4;
var encoder = new TextEncoder();
var NUMBER_BYTES = 18;
var GATHER_BYTES = DECODE_BYTES;
var gather;
var left = {
  buffer: void 0,
  bufferFor: "",
  search: void 0,
  key: void 0
};
var BAD_LINE_BYTES = 4096;
var LineSplitter = class _LineSplitter {
  /** Lines completed since the last `take()`. */
  items = [];
  /** Line numbers of `items`, present only when they are not consecutive. */
  lines = void 0;
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
  settled = void 0;
  /**
   * Set when the map of lines' bytes (see SplitterOptions.mapBytes), or the
   * lines handed on as bytes (handsLines), stopped:
   * the index in `items` of the first line handed on as text, the lines
   * before it as bytes. Cleared by `take()`.
   */
  mapSettled = void 0;
  /** Lines completed so far (a split line counts once). */
  get linesSeen() {
    return this.#line - 1 - this.#startLine;
  }
  /**
   * Where the lines handed out so far end: the offset and number of the next
   * line, from which a new splitter would go on with the same lines.
   * Undefined while a skipped long line is being passed over.
   */
  get resumePoint() {
    return this.#skipping ? void 0 : {
      offset: this.#base,
      line: this.#line
    };
  }
  #max;
  #policy;
  #fatal;
  #path;
  #linesFrom;
  #readBytes;
  #decoder;
  /** For runs of ASCII (see #decodeAscii). */
  #ascii = new TextDecoder("utf-8", {
    ignoreBOM: true
  });
  /** The fused grep's literal, or its literals: at least one. */
  #match;
  #invert;
  /** The fused grep's search on bytes, when `#match` allows it. */
  #search;
  /** A sieve (see SplitterOptions.sieve): the lines it saw and kept. */
  #sieve;
  /** A sieve's literal before its search starts (see sieveLater). */
  #later;
  /** Whether the literal matches in either case (see fold). */
  #fold;
  /** Whether a line's text holds the literal `#match[0]` or `#later[0]`. */
  #holds;
  /** Folded: the literal in either case, to find in decoded text. */
  #folded;
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
  #startBytes;
  /** The fused filter, until a call of it needs the stage itself. */
  #keep;
  /** See SplitterOptions.others. */
  #also;
  #countOnly;
  /** Kept lines go out as bytes (see SplitterOptions.handsBytes). */
  #handsBytes;
  /** The map of lines' bytes, until a line needs the stage (see mapBytes). */
  #mapper;
  /** Every line goes on as its bytes, until one cannot (see handsLines). */
  #handsLines;
  /** Lines read losslessly may go out ill-formed (see illFormedBytes). */
  #illFormed;
  /** Lines go out as bytes after their numbers (see numberBytes). */
  #numbers;
  /** What each line goes out after, before its number (see prefixBytes). */
  #lead;
  /** The kept lines' bytes since the last `take()`, and how many. */
  #out = void 0;
  #outUsed = 0;
  /** Counting every line: no literal to search for. */
  #countAll;
  /**
   * With `keep` and `countOnly`: each line kept is stood for by an empty
   * string, let go as soon as it is tested. Handed on (and copied out of its
   * text, see copyKept), the lines that `sluice grep -c -i timeout` kept
   * over the 256 MiB bench corpus made 107 scavenges; stood for, 68 (0.34
   * against 0.32 s, peak RSS the same).
   */
  #keptCounted;
  #onBad;
  #lossless;
  #mark;
  #lossy = void 0;
  /**
   * Whether #decodeGathered may decode the lines (see #decodeRunApart),
   * lossless ones too: `sluice head -n 7000000` over the 1 GiB bench
   * corpus, nine runs each in turns, took 2.37 s (user 1.68 s) with its
   * lines decoded apart and 2.25 s (user 1.56 s) gathered, medians.
   */
  #gathers;
  /** Whether #decodeGathered has run (and uses `gather`). */
  #gathered = false;
  /** Where #decodeGathered's lines that are not ASCII go. */
  #places = [];
  /**
   * The runs of ASCII lines a fused grep found and keeps (see #gatherFound),
   * gathered in `gather.narrow` until decoded: `#foundLen` bytes, and each
   * run's first line number and its number of lines.
   */
  #foundLen = 0;
  #foundRuns = [];
  /**
   * The whole line buffer. The bytes not yet handed on start `#origin`
   * bytes into it, so that dropping the lines of one slice of a read moves
   * no bytes; they move to the front only when a read needs the room, or
   * when all that is left is the start of a line.
   */
  #root;
  /** `#root` four bytes at a time, to find non-ASCII bytes quickly. */
  #words;
  #origin = 0;
  /** `#root` from `#origin` on: every offset below is into this view. */
  #buf;
  /** Indexes of the lines in `items` that #decodeRun decoded apart. */
  #wide = [];
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
  #startLine;
  constructor(options) {
    this.#max = options.maxLineBytes;
    this.#policy = options.onLongLine;
    this.#fatal = options.fatal;
    this.#path = options.path;
    this.#linesFrom = options.linesFrom;
    this.#readBytes = options.readBytes;
    const match = options.match;
    this.#match = typeof match === "string" ? [
      match
    ] : match !== void 0 && match.length > 0 ? [
      ...match
    ] : void 0;
    this.#invert = this.#match !== void 0 && (options.invert ?? false);
    const also = options.others;
    this.#fold = options.fold === true && this.#match !== void 0 && this.#match.length === 1 && (foldsBytes(this.#match[0]) || also !== void 0 && asciiLine(this.#match[0]));
    if (options.fold === true && !this.#fold) {
      throw new RangeError("Cannot split lines: only one ASCII literal without i or s matches in either case");
    }
    if (also !== void 0 && (!this.#fold || options.fatal || options.keep !== void 0 || options.sieve === true || this.#invert && options.countOnly !== true)) {
      throw new RangeError("Cannot split lines: other literals go only with one folded literal, alone, and inverted only when counted");
    }
    this.#also = also;
    if (also !== void 0) {
      this.#folded = void 0;
      this.#holds = (line) => also.holds(line);
    } else if (this.#fold) {
      const folded = foldedRegExp(this.#match[0], "g");
      this.#folded = folded;
      this.#holds = (line) => {
        folded.lastIndex = 0;
        return folded.test(line);
      };
    } else {
      this.#folded = void 0;
      this.#holds = (line, literal) => line.includes(literal);
    }
    if (this.#invert && this.#match.length > 1) {
      throw new RangeError("Cannot split lines: a fused grep keeps the lines without one literal, not several");
    }
    const Search = options.search;
    this.#startBytes = _LineSplitter.startBytes(options.readBytes, options.maxLineBytes);
    if (options.sieveLater === true && options.sieve === true && options.keep !== void 0 && this.#match !== void 0 && this.#match.length === 1 && !this.#invert && this.#match.every(searchesBytes)) {
      if (left.search !== void 0 && left.key === this.#leftKey()) {
        this.#search = left.search;
        left.search = void 0;
      } else {
        this.#later = this.#match;
        this.#match = void 0;
        this.#search = void 0;
      }
    } else if (Search !== void 0 && this.#match !== void 0 && this.#match.every(searchesBytes)) {
      const key = this.#leftKey();
      if (left.search !== void 0 && left.key === key) {
        this.#search = left.search;
        left.search = void 0;
      } else {
        this.#search = this.#newSearch(Search, this.#match);
      }
    } else {
      this.#search = void 0;
    }
    this.#sieve = this.#search !== void 0 && options.sieve === true;
    this.#keep = this.#match === void 0 || options.sieve === true ? options.keep : void 0;
    this.#base = options.offset ?? 0;
    this.#line = options.line ?? 1;
    this.#startLine = this.#line - 1;
    this.firstLine = this.#line;
    this.#onBad = options.onBadLine;
    this.#lossless = options.lossless ?? false;
    this.#mark = this.#lossless && (options.markUnterminated ?? false);
    this.#bomDone = options.atStart === false || this.#base > 0 || this.#lossless;
    this.#countOnly = (options.countOnly ?? false) && !options.fatal && this.#keep === void 0;
    this.#countAll = this.#countOnly && this.#match === void 0;
    this.#keptCounted = (options.countOnly ?? false) && this.#keep !== void 0;
    this.#handsBytes = (options.handsBytes ?? false) && this.#search !== void 0 && !this.#countOnly && !options.fatal && this.#keep === void 0 && !(options.markUnterminated ?? false);
    this.#illFormed = this.#lossless && (options.illFormedBytes ?? false);
    this.#numbers = this.#handsBytes && (options.numberBytes ?? false);
    this.#lead = this.#handsBytes ? options.prefixBytes : void 0;
    this.#mapper = options.mapBytes !== void 0 && this.#match === void 0 && options.keep === void 0 && !(options.countOnly ?? false) && !options.fatal && !this.#lossless && !(options.markUnterminated ?? false) ? options.mapBytes : void 0;
    this.#handsLines = (options.handsLines ?? false) && this.#match === void 0 && options.keep === void 0 && !(options.countOnly ?? false) && this.#mapper === void 0 && !options.fatal && !(options.markUnterminated ?? false);
    if (this.#mapper !== void 0 || this.#handsLines) {
      this.#handsBytes = true;
    }
    this.#gathers = !this.#fatal && (this.#match === void 0 || this.#sieve);
    this.#decoder = new TextDecoder("utf-8", {
      fatal: options.fatal,
      ignoreBOM: true
    });
    const size = this.#startBytes;
    if (this.#search !== void 0) {
      this.#root = this.#search.region(size);
    } else if (left.buffer !== void 0 && left.bufferFor === this.#bufferFor()) {
      this.#root = left.buffer;
      if (left.buffer.length > size) this.#reserved = left.buffer.length;
      left.buffer = void 0;
    } else {
      this.#root = new Uint8Array(size);
    }
    this.#buf = this.#root;
    this.#words = wordsOf(this.#root);
  }
  /** The line buffer (a view of the search's memory, with a fused search). */
  get buffer() {
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
  release() {
    if (this.#root.length !== this.#startBytes && this.#root.length !== this.#reserved) {
      return;
    }
    if (this.#search !== void 0) {
      left.search = this.#search;
      left.key = this.#leftKey();
    } else {
      left.buffer = this.#root;
      left.bufferFor = this.#bufferFor();
    }
  }
  /** Which splitters may take the buffer this one leaves (see `left`). */
  #bufferFor() {
    return `${this.#readBytes} ${this.#max}`;
  }
  /** Which splitters may take a search this one leaves: same literals, size. */
  #leftKey() {
    return `${this.#bufferFor()} ${JSON.stringify(this.#match)}${this.#fold ? " fold" : ""}${this.#also ? ` ${JSON.stringify(this.#also.literals)}` : ""}`;
  }
  /**
   * Grows the line buffer to at least `size` bytes, for regions of it that
   * the caller reads into itself (see ReadAhead); the bytes stay where they
   * are. A buffer grown so is left to the next splitter as one of its first
   * size is (see release).
   */
  reserve(size) {
    if (this.#root.length >= size) return;
    let grown;
    if (this.#search !== void 0) {
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
  readStart(min, readAt) {
    const at = this.#root.byteOffset + min;
    return min + ((readAt + ALIAS_GAP - at) % PAGE + PAGE) % PAGE;
  }
  /** The bytes held: the start of a line not yet ended, and any read ahead. */
  get heldBytes() {
    return this.#filled + this.#ahead;
  }
  /**
   * Moves the bytes held (none read ahead) so that they end at `end` in
   * {@linkcode buffer}, where the caller has read (or will read) the next
   * bytes, and leaves them there as the lines are processed: they move
   * again only by another call, or once {@linkcode space} is asked for.
   */
  placeHeld(end) {
    const held = this.#filled;
    if (this.#ahead > 0 || end < held || end > this.#root.length) {
      throw new RangeError(`Cannot place ${held} bytes held (${this.#ahead} read ahead) to end at ${end} of ${this.#root.length}`);
    }
    if (held > 0 && this.#origin + held !== end) {
      this.#root.copyWithin(end - held, this.#origin, this.#origin + held);
    }
    this.#origin = end - held;
    this.#buf = this.#root.subarray(this.#origin);
    this.#placed = true;
  }
  /** Bytes the splitter holds allocated (a fused grep's search included). */
  get bufferBytes() {
    return (this.#search?.memoryBytes ?? this.#root.length) + (this.#gathered ? 2 * GATHER_BYTES : 0);
  }
  /**
   * Counts `line` for a sieve that starts later (see sieveLater): once
   * SIEVE_TRIAL lines are counted, the search is wanted if few hold the
   * literal, and never otherwise.
   */
  #tryLater(line) {
    if (this.wantsSearch) return;
    this.#laterSeen++;
    if (this.#holds(line, this.#later[0])) this.#laterHeld++;
    if (this.#laterSeen < SIEVE_TRIAL) return;
    if (this.#laterHeld * SIEVE_SHARE <= this.#laterSeen) {
      this.wantsSearch = true;
    } else {
      this.#later = void 0;
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
  startSearch(Search) {
    const literals = this.#later;
    if (!this.wantsSearch || literals === void 0) return;
    this.wantsSearch = false;
    this.#later = void 0;
    this.#match = literals;
    const key = this.#leftKey();
    let search = left.search;
    if (search !== void 0 && left.key === key) left.search = void 0;
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
  #newSearch(Search, literals) {
    const also = this.#also?.literals ?? [];
    return new Search([
      ...literals,
      ...also
    ].map((m) => encoder.encode(m)), void 0, also.length === 0 ? this.#fold : [
      ...literals.map(() => this.#fold),
      ...also.map(() => false)
    ]);
  }
  /** The most {@linkcode LineSplitter.bufferBytes} can ever be. */
  static heldBytesBound(readBytes, maxLineBytes) {
    return _LineSplitter.boundBytes(readBytes, maxLineBytes) + 2 * GATHER_BYTES;
  }
  /** The size of the buffer a splitter starts with. */
  static startBytes(readBytes, maxLineBytes) {
    return readBytes + Math.min(maxLineBytes + 1, INITIAL_SLACK);
  }
  /** The largest buffer this splitter can ever grow to. */
  static boundBytes(readBytes, maxLineBytes) {
    return readBytes + maxLineBytes + 1;
  }
  /** Bytes read ahead that {@linkcode commitAhead} has yet to process. */
  get ahead() {
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
  space(readAt) {
    this.#placed = false;
    const held = this.#filled + this.#ahead;
    const want = held + this.#readBytes;
    if (this.#origin > 0 && this.#origin + want > this.#root.length) {
      this.#toFront();
    }
    if (want > this.#root.length) {
      const size = Math.min(Math.max(want, this.#root.length * 2), _LineSplitter.boundBytes(this.#readBytes, this.#max));
      let grown;
      if (this.#search !== void 0) {
        grown = this.#search.region(size);
      } else {
        grown = new Uint8Array(size);
        grown.set(this.#root.subarray(0, held));
      }
      this.#root = grown;
      this.#buf = grown;
      this.#words = wordsOf(grown);
    }
    if (readAt !== void 0 && this.#ahead === 0) {
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
  readAhead(n) {
    if (n > 0) this.#ahead += n;
  }
  /** Processes at most `max` of the bytes read ahead, the first ones; how many. */
  commitAhead(max) {
    const n = Math.min(max, this.#ahead);
    this.#ahead -= n;
    this.commit(n);
    return n;
  }
  /**
   * Processes the `n` bytes just written into `space()`, when none are read
   * ahead (else see {@linkcode readAhead}).
   */
  commit(n) {
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
  write(chunk) {
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
  end() {
    if (this.#ahead > 0) this.commitAhead(this.#ahead);
    if (!this.#bomDone) this.#stripBom(true);
    if (this.#skipping || this.#filled === 0) return;
    this.#stopMapping();
    const len = this.#filled;
    if (len > this.#max) {
      this.#longLine(0, len);
    } else {
      const text = this.#decodeLine(0, len);
      if (text !== void 0) {
        this.#emit(this.#mark ? text + UNTERMINATED : text, this.#line);
      }
      this.#line++;
    }
    this.#drop(len);
  }
  /** Hands over the completed lines and starts a new set. */
  take() {
    const wide = this.#tracked === this.items.length ? this.#wide : void 0;
    let bytes;
    if (this.#outUsed > 0) {
      bytes = this.#out.subarray(0, this.#outUsed);
      this.#out = void 0;
      this.#outUsed = 0;
    }
    const out = this.lines === void 0 ? consecutive(this.items, this.firstLine, void 0, wide, bytes) : numbered(this.items, this.lines, void 0, wide, bytes);
    this.items = [];
    this.#sharedItems = false;
    this.lines = void 0;
    this.settled = void 0;
    this.mapSettled = void 0;
    this.#wide = [];
    this.#tracked = 0;
    return out;
  }
  #stripBom(final) {
    const b = this.#buf;
    const f = this.#filled;
    if (f < 3 && !final && b[0] === 239 && (f < 2 || b[1] === 187)) {
      return false;
    }
    this.#bomDone = true;
    if (f >= 3 && b[0] === 239 && b[1] === 187 && b[2] === 191) {
      this.#drop(3);
    }
    return true;
  }
  #process(scanFrom) {
    const buf = this.#buf;
    const filled = this.#filled;
    const found = buf.subarray(scanFrom, filled).lastIndexOf(LF);
    if (found !== -1) {
      const lastLF = scanFrom + found;
      const firstLF = buf.indexOf(LF, scanFrom);
      if (firstLF <= this.#max && this.#shortAfter(firstLF, lastLF)) {
        if (this.#search !== void 0 && !this.#unsieved) {
          this.#emitFound(this.#search, lastLF);
        } else if (this.#countAll) this.#emitCounted(lastLF);
        else if (this.#mapper !== void 0) this.#emitMapped(lastLF);
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
  #shortAfter(firstLF, lastLF) {
    const max = this.#max;
    let p = firstLF;
    while (lastLF - p - 1 > max) {
      const q = this.#buf.lastIndexOf(LF, p + max + 1);
      if (q === p) return false;
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
  #emitPieces(lastLF) {
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
  #emitCounted(lastLF) {
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
  #emitFound(search, lastLF) {
    const invert = this.#invert;
    if (this.#countOnly) {
      const { kept: kept2, lines } = this.#also === void 0 ? search.count(this.#buf, 0, lastLF + 1, invert) : this.#countOthers(search, lastLF, invert);
      this.#standIns(kept2, this.#line);
      this.#line += lines;
      return;
    }
    let runStart = 0;
    let runEnd = -1;
    let runLine = 0;
    let runLines = 0;
    let kept = 0;
    const holds = this.#also?.holds;
    const next = search.lines(this.#buf, 0, lastLF + 1, invert, this.#line, (start, end, line, first) => {
      if (holds !== void 0 && !first && !holds(this.#decoder.decode(this.#buf.subarray(start, end)))) return;
      kept++;
      if (runEnd >= 0 && start === runEnd + 1 && !this.#numbers && this.#lead === void 0) {
        runEnd = end;
        runLines++;
        return;
      }
      if (runEnd >= 0) this.#keepRun(runStart, runEnd, runLine, runLines);
      runStart = start;
      runEnd = end;
      runLine = line;
      runLines = 1;
    });
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
  #countOthers(search, lastLF, invert) {
    const holds = this.#also.holds;
    const buf = this.#buf;
    let more = 0;
    const { kept, lines } = search.countFirst(buf, 0, lastLF + 1, (s, e) => {
      if (holds(this.#decoder.decode(buf.subarray(s, e)))) more++;
    });
    return {
      kept: invert ? lines - kept - more : kept + more,
      lines
    };
  }
  /**
   * Counts a region's `lines` for the sieve, and the lines of it `kept`
   * (handed on); once it has seen SIEVE_TRIAL lines and kept more than one
   * in SIEVE_SHARE, it hands on every line, decoded in pieces: a run of
   * lines found is decoded on its own, more slowly.
   */
  #sieved(lines, kept) {
    this.#sieveSeen += lines;
    this.#sieveKept += kept;
    if (this.#sieveSeen >= SIEVE_TRIAL && this.#sieveKept * SIEVE_SHARE > this.#sieveSeen) {
      this.#unsieved = true;
      this.#match = void 0;
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
  #keepRun(start, end, line, count) {
    if (this.#handsBytes && (this.#lossless || this.#buf.subarray(start, end).indexOf(CR) === -1) && (this.#illFormed || this.#firstNonAscii(start, end) === -1 || firstInvalidUtf8(this.#buf, start, end) === -1)) {
      this.#room(end - start + NUMBER_BYTES + (this.#lead?.length ?? 0));
      if (this.#lead !== void 0) this.#putLead();
      if (this.#numbers) this.#putNumber(line);
      this.#out.set(this.#buf.subarray(start, end), this.#outUsed);
      this.#outUsed += end - start;
      this.#out[this.#outUsed++] = LF;
      for (let k = 0; k < count; k++) this.#pushItem("", line + k);
      return;
    }
    if (this.#handsBytes || end - start >= GATHER_BYTES || this.#firstNonAscii(start, end) !== -1) {
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
  #gatherFound(start, end, line, count) {
    if (this.#foundLen + (end - start) + 1 > GATHER_BYTES) this.#decodeFound();
    const narrow = this.#gatherBuffers().narrow;
    if (this.#foundRuns.length > 0) narrow[this.#foundLen++] = LF;
    narrow.set(this.#buf.subarray(start, end), this.#foundLen);
    this.#foundLen += end - start;
    this.#foundRuns.push(line, count);
  }
  /** The thread's `gather` buffers, made on first use. */
  #gatherBuffers() {
    gather ??= {
      narrow: new Uint8Array(GATHER_BYTES),
      wide: new Uint8Array(GATHER_BYTES)
    };
    this.#gathered = true;
    return gather;
  }
  /**
   * Decodes the runs #gatherFound gathered, at once, and hands on their
   * lines, each with its number, in the order found.
   */
  #decodeFound() {
    const runs = this.#foundRuns;
    if (runs.length === 0) return;
    const text = this.#ascii.decode(gather.narrow.subarray(0, this.#foundLen));
    this.#foundLen = 0;
    const cr = this.#lossless ? -1 : CR;
    let s = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const first = runs[r];
      const last = first + runs[r + 1];
      for (let line = first; line < last; line++) {
        const lf = text.indexOf("\n", s);
        const e = lf === -1 ? text.length : lf;
        this.#offer(text.slice(s, e > s && text.charCodeAt(e - 1) === cr ? e - 1 : e), line);
        s = e + 1;
      }
    }
    runs.length = 0;
  }
  /**
   * Writes `n` and a colon into `#out` (which has room), as `grep -n` puts
   * them before a line: digits, with no string made for them.
   */
  #putNumber(n) {
    const out = this.#out;
    const at = this.#outUsed;
    let digits = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
    for (let k = at + digits - 1, v = n; k >= at; k--) {
      out[k] = 48 + v % 10;
      v = Math.floor(v / 10);
    }
    out[at + digits] = 58;
    this.#outUsed = at + digits + 1;
  }
  /** Writes `#lead` into `#out` (which has room). */
  #putLead() {
    this.#out.set(this.#lead, this.#outUsed);
    this.#outUsed += this.#lead.length;
  }
  /** Makes room for `n` more bytes in `#out`. */
  #room(n) {
    const out = this.#out;
    const need = this.#outUsed + n;
    if (out !== void 0 && need <= out.length) return;
    const size = Math.max(OUT_BYTES, need, 2 * (out?.length ?? 0));
    const grown = spareBytes(size) ?? new Uint8Array(size);
    if (out !== void 0) grown.set(out.subarray(0, this.#outUsed));
    this.#out = grown;
  }
  /**
   * Hands on the lines of `buf[start, end)` (LF-separated, the
   * first numbered `line`), which a fused grep keeps. When they do not
   * decode (fatal), one at a time:
   * the bad line is reported as #decodeLine does, with its number.
   */
  #emitFoundRun(start, end, line) {
    const buf = this.#buf;
    let text;
    try {
      text = this.#lossless ? decodeLossless(buf.subarray(start, end)) : this.#decoder.decode(buf.subarray(start, end));
    } catch {
      for (let s = start; ; line++) {
        let e = buf.indexOf(LF, s);
        if (e === -1 || e > end) e = end;
        this.#line = line;
        const one = this.#decodeLine(s, e > s && buf[e - 1] === CR ? e - 1 : e);
        if (one !== void 0) this.#offer(one, line);
        if (e >= end) return;
        s = e + 1;
      }
    }
    const cr = this.#lossless ? -1 : CR;
    for (let s = 0; ; line++) {
      const lf = text.indexOf("\n", s);
      const e = lf === -1 ? text.length : lf;
      this.#offer(text.slice(s, e > s && text.charCodeAt(e - 1) === cr ? e - 1 : e), line);
      if (lf === -1) return;
      s = lf + 1;
    }
  }
  /** Walks the region line by line on bytes, for when a line may be too long. */
  #processSlow(lastLF) {
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
  #position(offset) {
    const at = {
      path: this.#path,
      line: this.#line,
      offset
    };
    return this.#linesFrom === void 0 ? at : {
      ...at,
      linesFrom: this.#linesFrom
    };
  }
  /** Applies the long-line policy to the complete line `buf[start, end)`. */
  #longLine(start, end) {
    if (this.#policy === "error") {
      const error = new LineTooLongError(this.#position(this.#base + start), this.#max);
      if (this.#onBad === void 0) throw error;
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
  #emitMapped(lastLF) {
    const buf = this.#buf;
    const mapper = this.#mapper;
    let line = this.#line;
    let start = 0;
    this.#room(1);
    while (start <= lastLF) {
      let at = mapper.line(buf, start, this.#out, this.#outUsed);
      if (at === -2) {
        this.#room(mapper.room(mapper.next - 1 - start));
        at = mapper.line(buf, start, this.#out, this.#outUsed);
      }
      if (at < 0) {
        this.#line = line;
        this.#stopMapping();
        this.#decodeRun(start, lastLF);
        return;
      }
      this.#out[at] = LF;
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
  #emitLines(lastLF) {
    const buf = this.#buf;
    const end = lastLF + 1;
    let stop = this.#lossless ? -1 : buf.subarray(0, end).indexOf(CR);
    const to = stop === -1 ? end : stop;
    for (let at = this.#firstNonAscii(0, to); at !== -1; ) {
      const lf = buf.indexOf(LF, at);
      const bad = firstInvalidUtf8(buf, at, Math.min(lf, to));
      if (bad !== -1) {
        stop = bad;
        break;
      }
      at = lf + 1 < to ? this.#firstNonAscii(lf + 1, to) : -1;
    }
    const cut = stop === -1 ? end : stop === 0 ? 0 : buf.lastIndexOf(LF, stop - 1) + 1;
    if (cut > 0) {
      const o = this.#origin;
      const n = lfCount(this.#root, this.#words, o, o + cut);
      this.#room(cut);
      this.#out.set(buf.subarray(0, cut), this.#outUsed);
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
  #stopMapping() {
    if (this.#mapper === void 0 && !this.#handsLines) return;
    this.#mapper = void 0;
    this.#handsLines = false;
    this.#handsBytes = false;
    this.mapSettled = this.items.length;
  }
  /** Keeps the partial line (the carry) within its bound. */
  #checkCarry() {
    const max = this.#max;
    while (this.#filled > max && !(this.#filled === max + 1 && this.#buf[max] === CR)) {
      this.#stopMapping();
      if (this.#policy === "error") {
        const error = new LineTooLongError(this.#position(this.#base), max);
        if (this.#onBad === void 0) throw error;
        this.#onBad(error, this.#prefix(0));
      } else if (this.#policy === "skip") {
        this.skipped++;
      }
      if (this.#policy !== "split") {
        this.#skipping = true;
        this.#drop(this.#filled);
        return;
      }
      const cut = cutPoint(this.#buf, 0, max);
      this.#countSplit();
      this.#emitPiece(0, cut);
      this.#drop(cut);
    }
  }
  /** Counts the current line once, however many pieces it is cut into. */
  #countSplit() {
    if (this.#lastSplitLine === this.#line) return;
    this.#lastSplitLine = this.#line;
    this.splitLines++;
  }
  #lastSplitLine = 0;
  #drop(n) {
    this.#filled -= n;
    this.#base += n;
    this.#origin += n;
    if (this.#ahead > 0 || this.#placed) {
      this.#buf = this.#root.subarray(this.#origin);
    } else this.#toFront();
  }
  /** Moves the bytes held to the front of `#root`. */
  #toFront() {
    const held = this.#filled + this.#ahead;
    if (held > 0) {
      this.#root.copyWithin(0, this.#origin, this.#origin + held);
    }
    this.#origin = 0;
    this.#buf = this.#root;
  }
  /** Emits the piece `buf[start, end)` of a split line, if it decodes. */
  #emitPiece(start, end) {
    const text = this.#decodeLine(start, end);
    if (text !== void 0) this.#emit(text, this.#line);
  }
  /**
   * Decodes one line (or piece) `buf[start, end)`. Invalid UTF-8 in fatal
   * mode throws, or with onBadLine is reported and gives `undefined`.
   */
  #decodeLine(start, end) {
    const bytes = this.#buf.subarray(start, end);
    if (this.#lossless) return decodeLossless(bytes);
    if (!this.#fatal) return this.#decoder.decode(bytes);
    try {
      return this.#decoder.decode(bytes);
    } catch {
      const bad = firstInvalidUtf8(this.#buf, start, end);
      this.#invalid(bad === -1 ? start : bad, start, end);
      return void 0;
    }
  }
  /**
   * Decodes and emits the lines of `buf[start, end)` (LF-separated, the
   * first numbered `#line`). In fatal mode the whole lines before a bad one
   * are handed on first, whatever the chunking; then the bad line throws, or
   * with onBadLine is reported and dropped and the rest goes on.
   */
  #decodeRun(start, end) {
    const before = this.items.length;
    this.#decodeRunApart(start, end);
    this.#tracked += this.items.length - before;
  }
  #decodeRunApart(start, end) {
    if (this.#gathers && end - start <= GATHER_BYTES && (this.#keep !== void 0 || this.#consecutive())) {
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
  #decodeGathered(start, end) {
    const buf = this.#buf;
    let wide = this.#firstNonAscii(start, end);
    if (wide === -1) {
      this.#decodeAscii(start, end);
      return;
    }
    const { narrow, wide: wideBytes } = this.#gatherBuffers();
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
    const ascii = runs > 0 ? this.#ascii.decode(narrow.subarray(0, narrowLen)) : "";
    const text = this.#lossless ? decodeLossless(wideBytes.subarray(0, wideLen)) : this.#decoder.decode(wideBytes.subarray(0, wideLen));
    const keeps = this.#keep !== void 0;
    if (this.items.length === 0 && !keeps) this.firstLine = this.#line;
    const out = this.#ownItems();
    let line = this.#line;
    const cr = this.#lossless ? -1 : CR;
    let w = 0;
    let ws = 0;
    const pushWide = () => {
      const lf = text.indexOf("\n", ws);
      const e = lf === -1 ? text.length : lf;
      const one = text.slice(ws, e > ws && text.charCodeAt(e - 1) === cr ? e - 1 : e);
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
        const one = ascii.slice(at, e > at && ascii.charCodeAt(e - 1) === cr ? e - 1 : e);
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
  #firstNonAscii(from, to) {
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
  #decodeAscii(start, end) {
    this.#emitRun(this.#ascii.decode(this.#buf.subarray(start, end)));
  }
  /** Decodes and emits the lines of `buf[start, end)`, as #decodeRun. */
  #decodeLines(start, end) {
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
      let text;
      try {
        text = this.#decoder.decode(buf.subarray(from, end));
      } catch {
        const found = firstInvalidUtf8(buf, from, end);
        const bad = found === -1 ? from : found;
        const lineStart = bad === from ? from : Math.max(from, buf.lastIndexOf(LF, bad - 1) + 1);
        if (lineStart > from) {
          this.#emitRun(this.#decoder.decode(buf.subarray(from, lineStart - 1)));
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
  #invalid(bad, start, end) {
    const error = new InvalidUtf8Error(this.#position(this.#base + bad));
    if (this.#onBad === void 0) throw error;
    const cr = end > start && end < this.#filled && this.#buf[end] === LF && this.#buf[end - 1] === CR;
    this.#onBad(error, this.#lossyDecode(start, cr ? end - 1 : end));
  }
  /**
   * The first `min(maxLineBytes, BAD_LINE_BYTES)` bytes of the long line at
   * `start`, never cutting a character: the same whatever the chunking (a
   * line longer than maxLineBytes always has that many bytes at hand).
   */
  #prefix(start) {
    const limit = Math.min(this.#max, BAD_LINE_BYTES);
    return this.#lossyDecode(start, cutPoint(this.#buf, start, limit));
  }
  #lossyDecode(start, end) {
    this.#lossy ??= new TextDecoder("utf-8", {
      ignoreBOM: true
    });
    return this.#lossy.decode(this.#buf.subarray(start, end));
  }
  /** Whether the next line's number follows the chunk's last one. */
  #consecutive() {
    return this.lines === void 0 && (this.items.length === 0 || this.#line === this.firstLine + this.items.length);
  }
  /** Emits the lines of `text` (LF-separated, each followed by an LF). */
  #emitRun(text) {
    if (this.#match !== void 0 && this.#match.length === 1 && !this.#invert && this.#keep === void 0 && this.#also === void 0) {
      this.#emitMatches(text, this.#match[0]);
      return;
    }
    if (this.#keep !== void 0) {
      this.#emitKept(text);
      return;
    }
    const first = this.#line;
    const direct = this.#match === void 0 && this.lines === void 0 && (this.items.length === 0 || first === this.firstLine + this.items.length);
    if (direct && this.items.length === 0) this.firstLine = first;
    const out = direct ? this.#ownItems() : [];
    const before = out.length;
    const cr = this.#lossless ? -1 : CR;
    let start = 0;
    while (true) {
      const lf = text.indexOf("\n", start);
      const end = lf === -1 ? text.length : lf;
      out.push(text.slice(start, end > start && text.charCodeAt(end - 1) === cr ? end - 1 : end));
      if (lf === -1) break;
      start = lf + 1;
    }
    this.#line += out.length - before;
    if (!direct) {
      for (let i = 0; i < out.length; i++) this.#emit(out[i], first + i);
    }
  }
  /**
   * A fused grep: finds `match` in the decoded block and cuts out only the
   * lines that contain it; the other lines are only counted.
   */
  #emitMatches(text, match) {
    let line = this.#line;
    const cr = this.#lossless ? -1 : CR;
    let counted = 0;
    let from = 0;
    const folded = this.#folded;
    while (true) {
      let hit;
      if (folded === void 0) hit = text.indexOf(match, from);
      else {
        folded.lastIndex = from;
        hit = folded.test(text) ? folded.lastIndex - match.length : -1;
      }
      if (hit === -1) break;
      const start = text.lastIndexOf("\n", hit) + 1;
      for (let p = text.indexOf("\n", counted); p !== -1 && p < start; p = text.indexOf("\n", p + 1)) {
        line++;
      }
      let end = text.indexOf("\n", hit + match.length);
      if (end === -1) end = text.length;
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
    for (let p = text.indexOf("\n", counted); p !== -1; p = text.indexOf("\n", p + 1)) {
      line++;
    }
    this.#line = line + 1;
  }
  /** #emitRun with a fused filter: each line offered to it (see #offer). */
  #emitKept(text) {
    const cr = this.#lossless ? -1 : CR;
    let line = this.#line;
    let start = 0;
    while (true) {
      const lf = text.indexOf("\n", start);
      const end = lf === -1 ? text.length : lf;
      this.#offer(text.slice(start, end > start && text.charCodeAt(end - 1) === cr ? end - 1 : end), line++);
      if (lf === -1) break;
      start = lf + 1;
    }
    this.#line = line;
  }
  #emit(line, number) {
    if (this.#match !== void 0 && this.#match.some((m) => this.#holds(line, m)) === this.#invert) return;
    if (this.#keep !== void 0) this.#offer(line, number);
    else this.#push(line, number);
  }
  /**
   * Hands `line` to the fused filter and emits it when the call returns a
   * truthy value. A call that returns a promise or throws leaves the rest to
   * the filter itself (see SplitterOptions.keep): its line and every line
   * after it are emitted, none called. With no fused filter (any more),
   * every line is emitted.
   */
  #offer(line, number) {
    const keep = this.#keep;
    if (keep === void 0) {
      this.#push(line, number);
      return;
    }
    if (this.#later !== void 0) this.#tryLater(line);
    let r;
    try {
      r = keep.fn(line, keep.index++);
    } catch (error) {
      this.#settle(line, number, error, true);
      return;
    }
    if (typeof r === "object" && r !== null && typeof r.then === "function") {
      this.#settle(line, number, r, false);
      return;
    }
    if (!r) return;
    this.#push(this.#keptCounted ? "" : this.copyKept ? copied(line) : line, number);
  }
  /** The fused filter's call on `line` gave `result`: see `settled`. */
  #settle(line, number, result, failed) {
    this.#keep = void 0;
    this.#push(line, number);
    this.settled = {
      at: this.items.length - 1,
      result,
      failed
    };
  }
  #push(line, number) {
    if (this.#handsBytes) {
      const bytes = this.#illFormed && !line.isWellFormed() ? encodeLossless(line) : void 0;
      this.#room((bytes?.length ?? 3 * line.length) + NUMBER_BYTES + (this.#lead?.length ?? 0));
      if (this.#lead !== void 0) this.#putLead();
      if (this.#numbers) this.#putNumber(number);
      if (bytes !== void 0) {
        this.#out.set(bytes, this.#outUsed);
        this.#outUsed += bytes.length;
      } else {
        this.#outUsed += encoder.encodeInto(line, this.#out.subarray(this.#outUsed)).written;
      }
      this.#out[this.#outUsed++] = LF;
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
  #standIns(n, line) {
    if (n === 0) return;
    if (this.items.length === 0 && this.lines === void 0) {
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
  #ownItems() {
    if (this.#sharedItems) {
      this.items = this.items.slice();
      this.#sharedItems = false;
    }
    return this.items;
  }
  #pushItem(line, number) {
    if (this.#sharedItems) this.#ownItems();
    if (this.items.length === 0 && this.lines === void 0) {
      this.firstLine = number;
    } else if (this.lines === void 0) {
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
};
function copied(text) {
  return (" " + text).slice(1);
}

export {
  LineSplitter
};
