// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  syncHandle
} from "./chunk-NSQQW7QJ.js";
import {
  DECODABLE,
  DECOMPRESS_COMMAND
} from "./chunk-YYIHPHCX.js";
import {
  DecompressionError
} from "./chunk-LHRNZXWF.js";

// lib/io/_decompress.ts
var SLICE_BYTES = 64 * 1024;
var BROTLI_SLICE_BYTES = 4 * 1024;
var OUT_BYTES = 64 * 1024;
var zlib;
function loadZlib() {
  return zlib ??= import("node:zlib").then((m) => m.default ?? m);
}
var Slices = class {
  /** The compressed bytes handed out so far. */
  offset = 0;
  #raw;
  #size;
  #rest;
  #ended = false;
  /** The buffer read into each time, for a decoder done with each slice. */
  #buf;
  /**
   * @param reuse Whether each read may go into the buffer of the one before:
   * for a decoder that is done with a slice before it asks for the next.
   */
  constructor(raw, size, reuse = false) {
    this.#raw = raw;
    this.#size = size;
    if (reuse) this.#buf = new Uint8Array(SLICE_BYTES);
  }
  /** From now on, each read into a new buffer: for a stream that may hold one. */
  fresh() {
    this.#buf = void 0;
  }
  /** The next slice, or `null` at the end of the input. */
  async next() {
    if (this.#rest === void 0 && !this.#ended) {
      const read = this.#raw.readNow ?? this.#raw.read;
      if (read !== void 0) {
        const buf = this.#buf ?? new Uint8Array(SLICE_BYTES);
        const n = await read(buf);
        if (n === null) this.#ended = true;
        else this.#rest = buf.subarray(0, n);
      } else {
        const r = await this.#raw.chunks.next();
        if (r.done === true) this.#ended = true;
        else this.#rest = r.value;
      }
    }
    const rest = this.#rest;
    if (rest === void 0) return null;
    const bytes = rest.subarray(0, this.#size);
    this.#rest = rest.length > this.#size ? rest.subarray(this.#size) : void 0;
    this.offset += bytes.length;
    return {
      bytes,
      end: this.offset
    };
  }
};
var FeedFailure = class {
  error;
  constructor(error) {
    this.error = error;
  }
};
function nodeDecoder(stream) {
  return {
    write: (bytes) => new Promise((resolve, reject) => {
      stream.write(bytes, (error) => error ? reject(error) : resolve());
    }),
    end: () => stream.end(),
    output: stream,
    destroy: (error) => stream.destroy(error instanceof Error ? error : void 0)
  };
}
function webDecoder(stream) {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  return {
    write: (bytes) => writer.write(bytes),
    end: () => void writer.close().catch(() => {
    }),
    output: {
      [Symbol.asyncIterator]: () => ({
        async next() {
          const r = await reader.read();
          return r.done ? {
            done: true,
            value: void 0
          } : {
            done: false,
            value: r.value
          };
        },
        async return() {
          await reader.cancel().catch(() => {
          });
          return {
            done: true,
            value: void 0
          };
        }
      })
    },
    destroy(error) {
      writer.abort(error).catch(() => {
      });
      reader.cancel(error).catch(() => {
      });
    }
  };
}
function decodeFailure(decoding, end, error, truncatedIn) {
  const detail = error instanceof Error ? error.message : String(error);
  return new DecompressionError(decoding.path, decoding.format, end, truncatedIn === void 0 ? `the data is corrupt before compressed byte offset ${end} (${detail})` : `the data ends at compressed byte offset ${end} in the middle of a ${truncatedIn}: it is truncated (${detail})`, error);
}
async function* through(decoder, feed, decoding, unit) {
  let given = 0;
  let ended = false;
  let failure;
  const next = () => {
    const p = feed().catch((error) => {
      throw new FeedFailure(error);
    });
    decoding.reading = p.catch(() => {
    });
    return p;
  };
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
    await coming.catch(() => {
    });
  })().catch((error) => {
    if (error instanceof FeedFailure) {
      failure = error;
      decoder.destroy(error.error);
    }
  });
  try {
    for await (const chunk of decoder.output) yield chunk;
  } catch (error) {
    if (failure !== void 0) throw failure.error;
    throw decodeFailure(decoding, given, error, ended ? unit : void 0);
  }
  if (failure !== void 0) throw failure.error;
}
var ZSTD_MAGIC = [
  40,
  181,
  47,
  253
];
var ZSTD_MAX_BLOCK = 128 * 1024;
var ZstdFrames = class {
  #slices;
  #path;
  #pieces = [];
  /** What is being read: its kind and how many bytes are still needed. */
  #state = "magic";
  #need = 4;
  /** The bytes of the small field being read (magic, sizes, headers). */
  #field = [];
  #checksum = false;
  #frames = 0;
  #ended = false;
  constructor(slices, path) {
    this.#slices = slices;
    this.#path = path;
  }
  #corrupt(offset, problem) {
    return new DecompressionError(this.#path, "zstd", offset, `the data is corrupt at compressed byte offset ${offset}: ${problem}`);
  }
  /** The next piece of a frame, or `null` after the last frame. */
  async next() {
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
    return this.#pieces.shift();
  }
  #finish() {
    const at = this.#slices.offset;
    if (this.#state === "magic" && this.#field.length === 0) {
      if (this.#frames > 0) return;
      throw new DecompressionError(this.#path, "zstd", 0, "the data is empty: no zstd frame");
    }
    throw new DecompressionError(this.#path, "zstd", at, `the data ends at compressed byte offset ${at} in the middle of a zstd frame: it is truncated`);
  }
  #cut(slice, base) {
    let from = this.#inFrame() ? 0 : void 0;
    let i = 0;
    while (i < slice.length) {
      const take = Math.min(this.#need, slice.length - i);
      if (this.#state !== "skip" && this.#state !== "block") {
        for (let k = 0; k < take; k++) this.#field.push(slice[i + k]);
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
              last: false
            });
            from = i;
            this.#state = "descriptor";
            this.#need = 1;
          } else if ((field[0] & 240) === 80 && field[1] === 42 && field[2] === 77 && field[3] === 24) {
            this.#state = "skipSize";
            this.#need = 4;
          } else {
            throw this.#corrupt(at, "no zstd frame starts here");
          }
          break;
        }
        case "skipSize": {
          const size = field[0] | field[1] << 8 | field[2] << 16 | field[3] << 24 >>> 0;
          this.#state = size > 0 ? "skip" : "magic";
          this.#need = size > 0 ? size >>> 0 : 4;
          break;
        }
        case "skip":
          this.#state = "magic";
          this.#need = 4;
          break;
        case "descriptor": {
          const d = field[0];
          if ((d & 8) !== 0) {
            throw this.#corrupt(at, "a frame header's reserved bit is set");
          }
          const single = (d & 32) !== 0;
          this.#checksum = (d & 4) !== 0;
          const fcs = [
            single ? 1 : 0,
            2,
            4,
            8
          ][d >> 6];
          const rest = (single ? 0 : 1) + [
            0,
            1,
            2,
            4
          ][d & 3] + fcs;
          this.#state = rest > 0 ? "header" : "blockHeader";
          this.#need = rest > 0 ? rest : 3;
          break;
        }
        case "header":
          this.#state = "blockHeader";
          this.#need = 3;
          break;
        case "blockHeader": {
          const v = field[0] | field[1] << 8 | field[2] << 16;
          const last = (v & 1) === 1;
          const type = v >> 1 & 3;
          const size = v >> 3;
          if (type === 3) throw this.#corrupt(at, "a block of reserved type");
          if (size > ZSTD_MAX_BLOCK) {
            throw this.#corrupt(at, `a block of ${size} bytes, more than zstd allows`);
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
      if (this.#state === "magic" && from !== void 0) {
        this.#pieces.push({
          bytes: slice.subarray(from, i),
          end: base + i,
          last: true
        });
        from = void 0;
      }
    }
    if (from !== void 0 && from < slice.length) {
      this.#pieces.push({
        bytes: slice.subarray(from),
        end: base + slice.length,
        last: false
      });
    }
  }
  #lastBlock = false;
  #afterBlock(last) {
    if (!last) {
      this.#state = "blockHeader";
      this.#need = 3;
    } else if (this.#checksum) {
      this.#state = "checksum";
      this.#need = 4;
    } else this.#endFrame();
  }
  #endFrame() {
    this.#frames++;
    this.#state = "magic";
    this.#need = 4;
  }
  #inFrame() {
    return this.#state !== "magic" && this.#state !== "skipSize" && this.#state !== "skip";
  }
};
function syncZstd(z) {
  return syncHandle(z.createZstdDecompress(), OUT_BYTES);
}
function syncGunzip(z) {
  return syncHandle(z.createGunzip(), OUT_BYTES);
}
async function* gzipChunks(z, slices, decoding) {
  const decoder = syncGunzip(z);
  if (decoder === void 0) {
    slices.fresh();
    yield* through(nodeDecoder(z.createGunzip({
      chunkSize: OUT_BYTES
    })), () => slices.next(), decoding, "gzip member");
    return;
  }
  try {
    while (true) {
      const reading = slices.next();
      decoding.reading = reading.catch(() => {
      });
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
async function* zstdChunks(z, slices, decoding) {
  const continuing = z.constants.ZSTD_e_continue;
  const frames = new ZstdFrames(slices, decoding.path);
  let first = await frames.next();
  while (first !== null && !decoding.stopped) {
    let carry = first;
    let frameDone = false;
    const feed = async () => {
      if (frameDone) return null;
      const piece = carry ?? await frames.next();
      carry = null;
      if (piece === null) return null;
      if (piece.last) frameDone = true;
      return piece;
    };
    const decoder = syncZstd(z);
    if (decoder === void 0) {
      slices.fresh();
      yield* through(nodeDecoder(z.createZstdDecompress({
        chunkSize: OUT_BYTES
      })), feed, decoding, "zstd frame");
    } else {
      try {
        for (let piece = await feed(); piece !== null; piece = await feed()) {
          try {
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
async function decompressed(raw, format, path, head) {
  const refuse = (offset, problem) => {
    void raw.close().catch(() => {
    });
    return new DecompressionError(path, format, offset, problem);
  };
  if (!DECODABLE.has(format)) {
    const command = DECOMPRESS_COMMAND[format];
    const name = path === void 0 || path === "-" ? "FILE" : `"${path}"`;
    throw refuse(0, `sluice has no ${format} decoder; pipe it in decompressed instead: ${command} ${name} | sluice \u2026 -`);
  }
  if (format === "gzip" && !(head[0] === 31 && head[1] === 139)) {
    throw refuse(0, head.length === 0 ? "the data is empty, not gzip" : "the data does not start as gzip does (with the bytes 1f 8b)");
  }
  const decoding = {
    path,
    format,
    reading: void 0,
    stopped: false
  };
  let chunks;
  if (format === "brotli") {
    const slices = new Slices(raw, BROTLI_SLICE_BYTES);
    chunks = through(webDecoder(new DecompressionStream("brotli")), () => slices.next(), decoding, "brotli stream");
  } else {
    const z = await loadZlib();
    const slices = new Slices(raw, SLICE_BYTES, true);
    chunks = format === "zstd" ? zstdChunks(z, slices, decoding) : gzipChunks(z, slices, decoding);
  }
  return {
    get rawBytes() {
      return raw.rawBytes;
    },
    format,
    read: void 0,
    readAhead: false,
    chunks,
    async close() {
      decoding.stopped = true;
      const stopped = chunks.return(void 0).catch(() => {
      });
      if (raw.readAhead) {
        await stopped;
        await decoding.reading;
      }
      await raw.close();
    }
  };
}
export {
  decompressed
};
