// Copyright 2026 the sluice authors. MIT license.
// Decompressing an opened input, in bounded memory.
//
// Gzip and zstd go through node:zlib, not DecompressionStream: the
// platform's gzip stream fails at the end of a first member (concatenated
// files are common), where node:zlib's reads every member, and node:zlib's
// streams hand on 64 KiB at a time and wait to be read. Zstd is cut into
// frames here: node:zlib's decoder stops after the first frame and says
// nothing when a frame is cut short. Brotli goes through the platform's
// DecompressionStream: node:zlib's brotli decoder ends a truncated stream
// without a word. That stream hands on all that one input chunk expands to
// at once (316 bytes of brotli became one 200 MB chunk), so it is given
// 4 KiB at a time: a few hundred KiB out for text, more only for data made
// to expand without limit.

import type { OpenedInput } from "../fs/_input.ts";
import {
  DECODABLE,
  DECOMPRESS_COMMAND,
  type Format,
} from "../fs/_compression.ts";
import { DecompressionError } from "../core/errors.ts";
import { type SyncHandle, syncHandle } from "./_zlib_handle.ts";

/** How many compressed bytes the decompressor is given at a time. */
const SLICE_BYTES = 64 * 1024;
/** The same for brotli, whose decoder hands on all a write expands to. */
const BROTLI_SLICE_BYTES = 4 * 1024;
/** How many decompressed bytes it hands on at a time. */
const OUT_BYTES = 64 * 1024;

type Zlib = typeof import("node:zlib");
/** A node:zlib transform, as far as it is used here. */
interface NodeTransform extends AsyncIterable<Uint8Array> {
  write(chunk: Uint8Array, done: (error?: Error | null) => void): boolean;
  end(): void;
  destroy(error?: Error): void;
}

// Loaded on first use: importing a Node built-in starts Deno's Node layer,
// several MiB of RSS, which a run without compressed input does not pay.
let zlib: Promise<Zlib> | undefined;
function loadZlib(): Promise<Zlib> {
  return zlib ??= import("node:zlib").then((m) =>
    (m as { default?: Zlib }).default ?? m
  );
}

/** A piece of compressed input and where it ends in the input. */
interface Piece {
  bytes: Uint8Array;
  end: number;
}

/** The compressed bytes of an input, a slice at a time, with their offset. */
class Slices {
  /** The compressed bytes handed out so far. */
  offset = 0;
  #raw: OpenedInput;
  #size: number;
  #rest: Uint8Array | undefined;
  #ended = false;
  /** The buffer read into each time, for a decoder done with each slice. */
  #buf: Uint8Array | undefined;

  /**
   * @param reuse Whether each read may go into the buffer of the one before:
   * for a decoder that is done with a slice before it asks for the next.
   */
  constructor(raw: OpenedInput, size: number, reuse = false) {
    this.#raw = raw;
    this.#size = size;
    if (reuse) this.#buf = new Uint8Array(SLICE_BYTES);
  }

  /** From now on, each read into a new buffer: for a stream that may hold one. */
  fresh(): void {
    this.#buf = undefined;
  }

  /** The next slice, or `null` at the end of the input. */
  async next(): Promise<Piece | null> {
    if (this.#rest === undefined && !this.#ended) {
      const read = this.#raw.readNow ?? this.#raw.read;
      if (read !== undefined) {
        // Else a new buffer each time: a stream may hold the last one.
        const buf = this.#buf ?? new Uint8Array(SLICE_BYTES);
        const n = await read(buf);
        if (n === null) this.#ended = true;
        else this.#rest = buf.subarray(0, n);
      } else {
        const r = await this.#raw.chunks!.next();
        if (r.done === true) this.#ended = true;
        else this.#rest = r.value;
      }
    }
    const rest = this.#rest;
    if (rest === undefined) return null;
    const bytes = rest.subarray(0, this.#size);
    this.#rest = rest.length > this.#size
      ? rest.subarray(this.#size)
      : undefined;
    this.offset += bytes.length;
    return { bytes, end: this.offset };
  }
}

/** What the decoding of one input shares. */
interface Decoding {
  path: string | undefined;
  format: Format;
  /** The raw read in flight, to be let finish before the file is closed. */
  reading: Promise<unknown> | undefined;
  /** Set when the consumer has stopped. */
  stopped: boolean;
}

/** A failure of the input itself (not of the data): passed on as it is. */
class FeedFailure {
  constructor(readonly error: unknown) {}
}

/** A decoder, node:zlib's or the platform's, seen the same way. */
interface Decoder {
  /** Resolves once the decoder has taken `bytes` in. */
  write(bytes: Uint8Array): Promise<void>;
  end(): void;
  output: AsyncIterable<Uint8Array>;
  destroy(error: unknown): void;
}

function nodeDecoder(stream: NodeTransform): Decoder {
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        stream.write(bytes, (error) => error ? reject(error) : resolve());
      }),
    end: () => stream.end(),
    output: stream,
    destroy: (error) =>
      stream.destroy(error instanceof Error ? error : undefined),
  };
}

function webDecoder(
  stream: TransformStream<Uint8Array, Uint8Array>,
): Decoder {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  return {
    write: (bytes) => writer.write(bytes),
    end: () => void writer.close().catch(() => {}),
    output: {
      [Symbol.asyncIterator]: () => ({
        async next(): Promise<IteratorResult<Uint8Array>> {
          const r = await reader.read();
          return r.done
            ? { done: true, value: undefined }
            : { done: false, value: r.value };
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          await reader.cancel().catch(() => {});
          return { done: true, value: undefined };
        },
      }),
    },
    destroy(error) {
      writer.abort(error).catch(() => {});
      reader.cancel(error).catch(() => {});
    },
  };
}

/**
 * The error of a decoder that failed on the bytes given it up to compressed
 * byte offset `end`: truncated data, when it ended inside `unit` (a gzip
 * member, a zstd frame) and wanted more, else corrupt data.
 */
function decodeFailure(
  decoding: Decoding,
  end: number,
  error: unknown,
  truncatedIn?: string,
): DecompressionError {
  const detail = error instanceof Error ? error.message : String(error);
  return new DecompressionError(
    decoding.path,
    decoding.format,
    end,
    truncatedIn === undefined
      ? `the data is corrupt before compressed byte offset ${end} (${detail})`
      : `the data ends at compressed byte offset ${end} in the middle of a ${truncatedIn}: it is truncated (${detail})`,
    error,
  );
}

/**
 * Runs `decoder` over the pieces `feed` gives (`null` ends them) and yields
 * what it hands on. One piece is written at a time and the next is read
 * while it is decompressed.
 */
async function* through(
  decoder: Decoder,
  feed: () => Promise<Piece | null>,
  decoding: Decoding,
  unit: string,
): AsyncGenerator<Uint8Array> {
  // Where the bytes given to the decoder end: where a failure was found.
  let given = 0;
  let ended = false;
  let failure: FeedFailure | undefined;
  const next = () => {
    const p = feed().catch((error) => {
      throw new FeedFailure(error);
    });
    decoding.reading = p.catch(() => {});
    return p;
  };
  // Not awaited: after the decoder fails, a write may never complete.
  void (async () => {
    let coming = next();
    while (!decoding.stopped) {
      const piece = await coming;
      if (piece === null) {
        ended = true;
        decoder.end();
        return;
      }
      coming = next();
      given = piece.end;
      await decoder.write(piece.bytes);
    }
    await coming.catch(() => {});
  })().catch((error) => {
    if (error instanceof FeedFailure) {
      failure = error;
      decoder.destroy(error.error);
    }
    // Otherwise the decoder failed: its output sees that error.
  });
  try {
    for await (const chunk of decoder.output) yield chunk;
  } catch (error) {
    if (failure !== undefined) throw failure.error;
    // Ended: the decoder took every byte and wanted more.
    throw decodeFailure(decoding, given, error, ended ? unit : undefined);
  }
  if (failure !== undefined) throw failure.error;
}

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
/** Zstd's largest block, in bytes. */
const ZSTD_MAX_BLOCK = 128 * 1024;

/** A piece of one zstd frame; `last` marks the frame's end. */
interface FramePiece extends Piece {
  last: boolean;
}

/**
 * Cuts zstd data into frames by their headers and block sizes, without
 * decoding them: skippable frames are left out, and data that ends inside
 * a frame, or a header that cannot be, is an error at its exact offset.
 */
class ZstdFrames {
  #slices: Slices;
  #path: string | undefined;
  #pieces: FramePiece[] = [];
  /** What is being read: its kind and how many bytes are still needed. */
  #state:
    | "magic"
    | "skipSize"
    | "skip"
    | "descriptor"
    | "header"
    | "blockHeader"
    | "block"
    | "checksum" = "magic";
  #need = 4;
  /** The bytes of the small field being read (magic, sizes, headers). */
  #field: number[] = [];
  #checksum = false;
  #frames = 0;
  #ended = false;

  constructor(slices: Slices, path: string | undefined) {
    this.#slices = slices;
    this.#path = path;
  }

  #corrupt(offset: number, problem: string): DecompressionError {
    return new DecompressionError(
      this.#path,
      "zstd",
      offset,
      `the data is corrupt at compressed byte offset ${offset}: ${problem}`,
    );
  }

  /** The next piece of a frame, or `null` after the last frame. */
  async next(): Promise<FramePiece | null> {
    while (this.#pieces.length === 0) {
      if (this.#ended) return null;
      const slice = await this.#slices.next();
      if (slice === null) {
        this.#ended = true;
        this.#finish();
        return null;
      }
      this.#cut(slice.bytes, slice.end - slice.bytes.length);
    }
    return this.#pieces.shift()!;
  }

  #finish(): void {
    const at = this.#slices.offset;
    if (this.#state === "magic" && this.#field.length === 0) {
      if (this.#frames > 0) return;
      throw new DecompressionError(
        this.#path,
        "zstd",
        0,
        "the data is empty: no zstd frame",
      );
    }
    throw new DecompressionError(
      this.#path,
      "zstd",
      at,
      `the data ends at compressed byte offset ${at} in the middle of a zstd frame: it is truncated`,
    );
  }

  #cut(slice: Uint8Array, base: number): void {
    // Where the current frame's bytes in this slice begin (undefined while
    // outside a frame or in a skippable one).
    let from: number | undefined = this.#inFrame() ? 0 : undefined;
    let i = 0;
    while (i < slice.length) {
      const take = Math.min(this.#need, slice.length - i);
      if (this.#state !== "skip" && this.#state !== "block") {
        for (let k = 0; k < take; k++) this.#field.push(slice[i + k]!);
      }
      i += take;
      this.#need -= take;
      if (this.#need > 0) break;
      const field = this.#field;
      this.#field = [];
      const at = base + i - field.length;
      switch (this.#state) {
        case "magic": {
          if (field.every((b, k) => b === ZSTD_MAGIC[k])) {
            this.#pieces.push({
              bytes: new Uint8Array(field),
              end: base + i,
              last: false,
            });
            from = i;
            this.#state = "descriptor";
            this.#need = 1;
          } else if (
            (field[0]! & 0xf0) === 0x50 && field[1] === 0x2a &&
            field[2] === 0x4d && field[3] === 0x18
          ) {
            this.#state = "skipSize";
            this.#need = 4;
          } else {
            throw this.#corrupt(at, "no zstd frame starts here");
          }
          break;
        }
        case "skipSize": {
          const size = field[0]! | field[1]! << 8 | field[2]! << 16 |
            (field[3]! << 24 >>> 0);
          this.#state = size > 0 ? "skip" : "magic";
          this.#need = size > 0 ? size >>> 0 : 4;
          break;
        }
        case "skip":
          this.#state = "magic";
          this.#need = 4;
          break;
        case "descriptor": {
          const d = field[0]!;
          if ((d & 0x08) !== 0) {
            throw this.#corrupt(at, "a frame header's reserved bit is set");
          }
          const single = (d & 0x20) !== 0;
          this.#checksum = (d & 0x04) !== 0;
          const fcs = [single ? 1 : 0, 2, 4, 8][d >> 6]!;
          const rest = (single ? 0 : 1) + [0, 1, 2, 4][d & 3]! + fcs;
          this.#state = rest > 0 ? "header" : "blockHeader";
          this.#need = rest > 0 ? rest : 3;
          break;
        }
        case "header":
          this.#state = "blockHeader";
          this.#need = 3;
          break;
        case "blockHeader": {
          const v = field[0]! | field[1]! << 8 | field[2]! << 16;
          const last = (v & 1) === 1;
          const type = (v >> 1) & 3;
          const size = v >> 3;
          if (type === 3) throw this.#corrupt(at, "a block of reserved type");
          if (size > ZSTD_MAX_BLOCK) {
            throw this.#corrupt(
              at,
              `a block of ${size} bytes, more than zstd allows`,
            );
          }
          const body = type === 1 ? 1 : size;
          if (body > 0) {
            this.#state = "block";
            this.#need = body;
            this.#lastBlock = last;
          } else this.#afterBlock(last);
          break;
        }
        case "block":
          this.#afterBlock(this.#lastBlock);
          break;
        case "checksum":
          this.#endFrame();
          break;
      }
      if (this.#state === "magic" && from !== undefined) {
        // The frame ended in this slice.
        this.#pieces.push({
          bytes: slice.subarray(from, i),
          end: base + i,
          last: true,
        });
        from = undefined;
      }
    }
    if (from !== undefined && from < slice.length) {
      this.#pieces.push({
        bytes: slice.subarray(from),
        end: base + slice.length,
        last: false,
      });
    }
  }

  #lastBlock = false;

  #afterBlock(last: boolean): void {
    if (!last) {
      this.#state = "blockHeader";
      this.#need = 3;
    } else if (this.#checksum) {
      this.#state = "checksum";
      this.#need = 4;
    } else this.#endFrame();
  }

  #endFrame(): void {
    this.#frames++;
    this.#state = "magic";
    this.#need = 4;
  }

  #inFrame(): boolean {
    return this.#state !== "magic" && this.#state !== "skipSize" &&
      this.#state !== "skip";
  }
}

/** Zstd: each frame through a decoder of its own. */
/**
 * Node:zlib's zstd decoder driven a call at a time through its handle (see
 * _zlib_handle.ts), where a corrupt frame throws where it can be caught.
 * Its stream, in this Deno (2.9), throws a corrupt frame's error from a
 * callback of its own: uncaught, it ends the process, and the stream never
 * ends. Each call is given at most one piece (64 KiB) and 64 KiB of room;
 * what it hands out is used up before the next pull (see
 * OpenedInput.chunks).
 */
function syncZstd(z: Zlib): SyncHandle | undefined {
  return syncHandle(z.createZstdDecompress(), OUT_BYTES);
}

/**
 * Node:zlib's gunzip driven the same way: it reads every member of a
 * concatenated file, as its stream did, and says what is wrong through its
 * `onerror`. The stream handed on each 64 KiB in a new buffer: `sluice grep
 * -c ERROR` over the 256 MiB corpus compressed peaked at 83.1 MiB, over 1
 * GiB at 112.3 (63.6 and 66.0 with one buffer out and one in; medians of 3
 * in turns).
 */
function syncGunzip(z: Zlib): SyncHandle | undefined {
  return syncHandle(z.createGunzip(), OUT_BYTES);
}

/** Gzip: every member, through the handle, else through the stream. */
async function* gzipChunks(
  z: Zlib,
  slices: Slices,
  decoding: Decoding,
): AsyncGenerator<Uint8Array> {
  const decoder = syncGunzip(z);
  if (decoder === undefined) {
    // Without the handle (another Deno): the stream.
    slices.fresh();
    yield* through(
      nodeDecoder(
        z.createGunzip({ chunkSize: OUT_BYTES }) as unknown as NodeTransform,
      ),
      () => slices.next(),
      decoding,
      "gzip member",
    );
    return;
  }
  try {
    while (true) {
      const reading = slices.next();
      decoding.reading = reading.catch(() => {});
      const piece = await reading;
      if (piece === null) break;
      try {
        const pieces = decoder.run(piece.bytes, z.constants.Z_NO_FLUSH);
        for (const out of pieces) yield out;
      } catch (error) {
        throw decodeFailure(decoding, piece.end, error);
      }
      if (decoding.stopped) return;
    }
    try {
      const last = decoder.run(new Uint8Array(0), z.constants.Z_FINISH);
      for (const out of last) yield out;
    } catch (error) {
      throw decodeFailure(decoding, slices.offset, error, "gzip member");
    }
  } finally {
    decoder.close();
  }
}

/** Zstd: each frame through a decoder of its own. */
async function* zstdChunks(
  z: Zlib,
  slices: Slices,
  decoding: Decoding,
): AsyncGenerator<Uint8Array> {
  const continuing = z.constants.ZSTD_e_continue;
  const frames = new ZstdFrames(slices, decoding.path);
  let first = await frames.next();
  while (first !== null && !decoding.stopped) {
    let carry: FramePiece | null = first;
    let frameDone = false;
    const feed = async (): Promise<FramePiece | null> => {
      if (frameDone) return null;
      const piece = carry ?? await frames.next();
      carry = null;
      // The frames end only between frames: a cut inside one throws.
      if (piece === null) return null;
      if (piece.last) frameDone = true;
      return piece;
    };
    const decoder = syncZstd(z);
    if (decoder === undefined) {
      slices.fresh();
      // Without the handle (another Deno): the stream, right for sound data.
      yield* through(
        nodeDecoder(
          z.createZstdDecompress({
            chunkSize: OUT_BYTES,
          }) as unknown as NodeTransform,
        ),
        feed,
        decoding,
        "zstd frame",
      );
    } else {
      try {
        for (let piece = await feed(); piece !== null; piece = await feed()) {
          try {
            // Decoded lazily: 64 KiB handed on before the next is made.
            const pieces = decoder.run(piece.bytes, continuing);
            for (const out of pieces) yield out;
          } catch (error) {
            if (error instanceof DecompressionError) throw error;
            throw decodeFailure(decoding, piece.end, error);
          }
          if (decoding.stopped) return;
        }
      } finally {
        decoder.close();
      }
    }
    first = await frames.next();
  }
}

/**
 * The decompressed bytes of `raw`, as an opened input of chunks that counts
 * `raw`'s bytes as stored. `head` is its first bytes (a signature, if the
 * format has one). A format that cannot be decoded here is refused with
 * the command that decodes it.
 *
 * Memory: a slice of 64 KiB of compressed bytes and the next one, the
 * decoder's window (32 KiB for gzip, up to 16 MiB for brotli, up to 128 MiB
 * for zstd as the writer chose, 8 MiB or less at zstd's usual levels) and
 * 64 KiB decompressed at a time.
 */
export async function decompressed(
  raw: OpenedInput,
  format: Format,
  path: string | undefined,
  head: Uint8Array,
): Promise<OpenedInput> {
  const refuse = (offset: number, problem: string) => {
    void raw.close().catch(() => {});
    return new DecompressionError(path, format, offset, problem);
  };
  if (!DECODABLE.has(format)) {
    const command = DECOMPRESS_COMMAND[format];
    const name = path === undefined || path === "-" ? "FILE" : `"${path}"`;
    throw refuse(
      0,
      `sluice has no ${format} decoder; pipe it in decompressed instead: ${command} ${name} | sluice \u2026 -`,
    );
  }
  if (format === "gzip" && !(head[0] === 0x1f && head[1] === 0x8b)) {
    throw refuse(
      0,
      head.length === 0
        ? "the data is empty, not gzip"
        : "the data does not start as gzip does (with the bytes 1f 8b)",
    );
  }
  const decoding: Decoding = {
    path,
    format,
    reading: undefined,
    stopped: false,
  };
  let chunks: AsyncGenerator<Uint8Array>;
  if (format === "brotli") {
    const slices = new Slices(raw, BROTLI_SLICE_BYTES);
    chunks = through(
      webDecoder(
        new DecompressionStream(
          "brotli" as CompressionFormat,
        ) as unknown as TransformStream<
          Uint8Array,
          Uint8Array
        >,
      ),
      () => slices.next(),
      decoding,
      "brotli stream",
    );
  } else {
    const z = await loadZlib();
    // Gzip and zstd are decoded here a slice at a time (see syncGunzip).
    const slices = new Slices(raw, SLICE_BYTES, true);
    chunks = format === "zstd"
      ? zstdChunks(z, slices, decoding)
      : gzipChunks(z, slices, decoding);
  }
  return {
    get rawBytes() {
      return raw.rawBytes;
    },
    format,
    read: undefined,
    readAhead: false,
    chunks,
    async close() {
      decoding.stopped = true;
      // Closing after the error that matters, if any: not one of its own.
      const stopped = chunks.return(undefined).catch(() => {});
      // A file's read still in flight finishes before the file is closed
      // (standard input's may never: it is not waited for).
      if (raw.readAhead) {
        await stopped;
        await decoding.reading;
      }
      await raw.close();
    },
  };
}
