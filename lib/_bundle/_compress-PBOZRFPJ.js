// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  syncHandle
} from "./chunk-NSQQW7QJ.js";
import {
  unlessAborted
} from "./chunk-XSSWW4V7.js";
import "./chunk-LTYBISTW.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";

// lib/io/_compress.ts
async function compressor(format) {
  if (format === "gzip") {
    const stream2 = new CompressionStream("gzip");
    const writer = stream2.writable.getWriter();
    return {
      write: (bytes) => writer.write(bytes),
      end: () => writer.close(),
      output: stream2.readable,
      destroy(reason) {
        writer.abort(reason).catch(() => {
        });
      }
    };
  }
  const z = await import("node:zlib");
  const stream = z.createZstdCompress({
    chunkSize: 64 * 1024
  });
  return {
    write: (bytes) => new Promise((resolve, reject) => {
      stream.write(bytes, (error) => error ? reject(error) : resolve());
    }),
    end: () => new Promise((resolve) => {
      stream.end(() => resolve());
    }),
    output: stream,
    destroy(reason) {
      stream.destroy(reason instanceof Error ? reason : void 0);
    }
  };
}
var OUT_BYTES = 64 * 1024;
async function syncCompressor(format) {
  const z = await import("node:zlib");
  const handle = syncHandle(format === "gzip" ? z.createGzip() : z.createZstdCompress(), OUT_BYTES);
  if (handle === void 0) return void 0;
  const [going, ending] = format === "gzip" ? [
    z.constants.Z_NO_FLUSH,
    z.constants.Z_FINISH
  ] : [
    z.constants.ZSTD_e_continue,
    z.constants.ZSTD_e_end
  ];
  const failing = function* (pieces) {
    try {
      yield* pieces;
    } catch (error) {
      throw new Error(`Cannot compress the output (${format}): ${error instanceof Error ? error.message : String(error)}`, {
        cause: error
      });
    }
  };
  return {
    write: (bytes) => failing(handle.run(bytes, going)),
    finish: () => failing(handle.run(new Uint8Array(0), ending)),
    close: () => handle.close()
  };
}
async function compressedOutput(out, format) {
  const sync = await syncCompressor(format);
  if (sync !== void 0) {
    let failed2;
    const pour = async (pieces) => {
      if (failed2 !== void 0) throw failed2.error;
      try {
        for (const piece of pieces) await out.write(piece);
      } catch (error) {
        failed2 = {
          error
        };
        throw error;
      }
    };
    let closed = false;
    const close = () => {
      if (!closed) sync.close();
      closed = true;
    };
    return {
      write: (bytes) => pour(sync.write(bytes)),
      async commit() {
        await pour(sync.finish());
        close();
        await out.commit();
      },
      async abort(reason) {
        close();
        await out.abort(reason);
      }
    };
  }
  const c = await compressor(format);
  let failed;
  const failure = new AbortController();
  const drained = (async () => {
    for await (const piece of c.output) await out.write(piece);
  })();
  drained.catch((error) => {
    failed ??= {
      error
    };
    c.destroy(error);
    failure.abort(error);
  });
  const reported = async (error) => {
    await drained.catch(() => {
    });
    throw failed !== void 0 ? failed.error : error;
  };
  return {
    async write(bytes) {
      if (failed !== void 0) throw failed.error;
      await unlessAborted(c.write(bytes.slice()), failure.signal).catch(reported);
    },
    async commit() {
      if (failed !== void 0) throw failed.error;
      await unlessAborted(c.end(), failure.signal).catch(reported);
      await drained;
      await out.commit();
    },
    async abort(reason) {
      c.destroy(reason);
      await drained.catch(() => {
      });
      await out.abort(reason);
    }
  };
}
export {
  compressedOutput
};
