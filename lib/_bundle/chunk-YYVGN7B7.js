// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  closeQuietly
} from "./chunk-E2F53XKZ.js";
import {
  fileRead
} from "./chunk-XSXS6JZV.js";
import {
  SIGNATURE_BYTES,
  formatByContent,
  isCompressedFileSync
} from "./chunk-YYIHPHCX.js";
import {
  isHttpUrl,
  isReadableStream,
  pathOf,
  statNamed,
  statNamedSync
} from "./chunk-65U4WM43.js";

// lib/fs/_file_range.ts
function isFileRange(input) {
  return typeof input === "object" && input !== null && typeof input.path === "string" && typeof input.start === "number" && typeof input.end === "number";
}
var LF = 10;
var SCAN_BYTES = 1 << 20;
async function countLines(file, from, to, buf) {
  await file.seek(from, Deno.SeekMode.Start);
  let n = 0;
  for (let at = from; at < to; ) {
    const got = await file.read(buf.subarray(0, Math.min(buf.length, to - at)));
    if (got === null) break;
    const view = buf.subarray(0, got);
    for (let i = view.indexOf(LF); i !== -1; i = view.indexOf(LF, i + 1)) n++;
    at += got;
  }
  return n;
}
async function openRange(range) {
  const { path, start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Cannot read "${path}" from byte ${start} to ${end}: a range needs 0 <= start <= end`);
  }
  const info = await statNamed(path);
  if (!info.isFile) {
    throw new TypeError(`Cannot read "${path}" in byte ranges: it is not a regular file`);
  }
  const file = await Deno.open(path, {
    read: true
  });
  let first = start;
  let line = 1;
  try {
    const buf = new Uint8Array(SCAN_BYTES);
    if (start > 0) {
      line += await countLines(file, 0, start - 1, buf);
      first = -1;
      for (let at = start - 1; first === -1; ) {
        const got = await file.read(buf.subarray(0, 64 * 1024));
        if (got === null) {
          first = at;
          break;
        }
        const i = buf.subarray(0, got).indexOf(LF);
        if (i !== -1) {
          first = at + i + 1;
          line++;
        }
        at += got;
      }
    }
    await file.seek(first, Deno.SeekMode.Start);
  } catch (error) {
    closeQuietly(file);
    throw error;
  }
  let pos = first;
  let done = first >= end;
  const inRange = (readFile) => async (p) => {
    if (done) return null;
    let n = await readFile(p);
    if (n === null) {
      done = true;
      if (pos < end) {
        throw new Deno.errors.UnexpectedEof(`"${path}" was truncated while it was read: it ended at byte ${pos}, before the end of its range at byte ${end}`);
      }
      return null;
    }
    if (pos + n >= end) {
      const from = Math.max(0, end - 1 - pos);
      const i = p.subarray(from, n).indexOf(LF);
      if (i !== -1) {
        n = from + i + 1;
        done = true;
      }
    }
    pos += n;
    opened.rawBytes += n;
    return n;
  };
  const opened = {
    rawBytes: 0,
    startsAt: {
      offset: first,
      line
    },
    readAhead: true,
    chunks: void 0,
    read: inRange((p) => file.read(p)),
    readNow: inRange(fileRead(file)),
    close() {
      closeQuietly(file);
      return Promise.resolve();
    }
  };
  return opened;
}

// lib/fs/_input.ts
function counted(read, count, atEnd) {
  const after = (n) => {
    if (n !== null) {
      count.rawBytes += n;
      return n;
    }
    atEnd?.();
    return null;
  };
  return (p) => read(p).then(after);
}
async function isRegularFile(handle) {
  try {
    return (await handle.stat()).isFile;
  } catch {
    return false;
  }
}
function inputPath(input) {
  if (typeof input === "string") return input;
  if (isFileRange(input)) return input.path;
  if (input instanceof URL) {
    return isHttpUrl(input) ? input.href : pathOf(input);
  }
  return void 0;
}
function streamInput(stream, onClose) {
  const opened = {
    rawBytes: 0
  };
  const reader = stream.getReader();
  let done = false;
  return Object.assign(opened, {
    read: void 0,
    readAhead: false,
    chunks: {
      async next() {
        const r = await reader.read();
        if (r.done) {
          done = true;
          return {
            done: true,
            value: void 0
          };
        }
        opened.rawBytes += r.value.length;
        return {
          done: false,
          value: r.value
        };
      }
    },
    async close() {
      try {
        if (!done) await reader.cancel().catch(() => {
        });
        reader.releaseLock();
      } finally {
        onClose?.();
      }
    }
  });
}
async function openPath(given, offset) {
  const path = pathOf(given);
  const info = statNamedSync(path);
  if (info.isDirectory) {
    throw new Deno.errors.IsADirectory(`Cannot read "${path}": it is a directory (to read the files in it, give recursive: true, or -r on the command line)`);
  }
  const file = info.isFile ? Deno.openSync(path, {
    read: true
  }) : await Deno.open(path, {
    read: true
  });
  if (offset > 0) {
    try {
      await file.seek(offset, Deno.SeekMode.Start);
    } catch (error) {
      closeQuietly(file);
      throw error;
    }
  }
  const opened = {
    rawBytes: offset
  };
  const atEnd = () => {
    if (!info.isFile || info.size === 0) return;
    const size = file.statSync().size;
    if (size < opened.rawBytes) {
      throw new Deno.errors.UnexpectedEof(`"${path}" was truncated while it was read: it has ${size} bytes now, after ${opened.rawBytes} were read`);
    }
  };
  return Object.assign(opened, {
    read: counted((p) => file.read(p), opened, atEnd),
    readNow: info.isFile ? counted(fileRead(file), opened, atEnd) : void 0,
    sizeBytes: info.isFile ? Math.max(0, info.size - offset) : void 0,
    // Only a regular file's reads always complete; a FIFO's may wait forever.
    readAhead: info.isFile,
    chunks: void 0,
    close() {
      closeQuietly(file);
      return Promise.resolve();
    }
  });
}
function readerInput(reader, regularFile = false) {
  const opened = {
    rawBytes: 0
  };
  return Object.assign(opened, {
    read: counted((p) => reader.read(p), opened),
    readNow: regularFile ? counted(fileRead(reader), opened) : void 0,
    readAhead: false,
    chunks: void 0,
    close: () => Promise.resolve()
  });
}
async function openInput(input, offset = 0, http = {
  retries: 3,
  retryDelayMs: 500,
  idleTimeoutMs: 3e4
}) {
  if (input === "-") return readerInput(Deno.stdin);
  if ((typeof input === "string" || input instanceof URL) && isHttpUrl(input)) {
    const { openUrl } = await import("./_http-4LLAUKD4.js");
    return await openUrl(input, http);
  }
  if (typeof input === "string" || input instanceof URL) {
    return await openPath(input, offset);
  }
  if (isFileRange(input)) {
    if (!isHttpUrl(input.path)) return await openRange(input);
    const { openUrlRange } = await import("./_http-4LLAUKD4.js");
    return await openUrlRange(input.path, input.start, input.end, input.seen, http);
  }
  if (isReadableStream(input)) return streamInput(input);
  if (typeof input.read === "function") {
    return readerInput(input, input instanceof Deno.FsFile && await isRegularFile(input));
  }
  const readable = input.readable;
  if (isReadableStream(readable)) return streamInput(readable);
  if (Symbol.asyncIterator in input) {
    const iterable = input;
    return streamInput(ReadableStream.from(iterable));
  }
  throw new TypeError(`Cannot read lines from ${Object.prototype.toString.call(input)}: expected a path, a file, a ReadableStream or an async iterable of bytes`);
}
async function peekHead(opened) {
  let head = new Uint8Array(0);
  let ended = false;
  const append = (bytes) => {
    const joined = new Uint8Array(head.length + bytes.length);
    joined.set(head);
    joined.set(bytes, head.length);
    head = joined;
  };
  if (opened.read !== void 0) {
    const buf = new Uint8Array(SIGNATURE_BYTES);
    const read = opened.readNow ?? opened.read;
    while (formatByContent(head) === void 0) {
      const n = await read(buf.subarray(0, SIGNATURE_BYTES - head.length));
      if (n === null) {
        ended = true;
        break;
      }
      append(buf.subarray(0, n));
    }
  } else {
    while (formatByContent(head) === void 0) {
      const r = await opened.chunks.next();
      if (r.done === true) {
        ended = true;
        break;
      }
      append(r.value);
    }
  }
  let rest = head.length > 0 ? head : void 0;
  const again = (read) => (p) => {
    if (rest === void 0) return ended ? Promise.resolve(null) : read(p);
    const n = Math.min(p.length, rest.length);
    p.set(rest.subarray(0, n));
    rest = n === rest.length ? void 0 : rest.subarray(n);
    return Promise.resolve(n);
  };
  const input = {
    get rawBytes() {
      return opened.rawBytes;
    },
    readAhead: opened.readAhead,
    sizeBytes: opened.sizeBytes,
    read: opened.read === void 0 ? void 0 : again(opened.read),
    readNow: opened.readNow === void 0 ? void 0 : again(opened.readNow),
    chunks: opened.chunks === void 0 ? void 0 : {
      next() {
        if (rest !== void 0) {
          const value = rest;
          rest = void 0;
          return Promise.resolve({
            done: false,
            value
          });
        }
        return ended ? Promise.resolve({
          done: true,
          value: void 0
        }) : opened.chunks.next();
      }
    },
    close: () => opened.close()
  };
  return {
    head: head.slice(0, SIGNATURE_BYTES),
    input
  };
}
function pause(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, {
      once: true
    });
  });
}
async function openFollowed(given, pollMs, stop) {
  const path = pathOf(given);
  const info = await statNamed(path);
  if (!info.isFile) {
    throw new TypeError(`Cannot follow "${path}": only a regular file can be followed`);
  }
  let file = await Deno.open(path, {
    read: true
  });
  try {
    const head = new Uint8Array(SIGNATURE_BYTES);
    const n = await file.read(head) ?? 0;
    await file.seek(0, Deno.SeekMode.Start);
    const format = formatByContent(head.subarray(0, n), true);
    if (format !== null) {
      throw new TypeError(`Cannot follow "${path}": it is ${format} data, and only a plain text file can be followed`);
    }
  } catch (error) {
    closeQuietly(file);
    throw error;
  }
  let offset = 0;
  let closed = false;
  const followed = {
    rawBytes: 0,
    restarted: false,
    readAhead: false,
    chunks: void 0,
    async read(p) {
      followed.restarted = false;
      while (true) {
        if (stop?.aborted) return null;
        const n = await file.read(p);
        if (n !== null && n > 0) {
          offset += n;
          followed.rawBytes += n;
          return n;
        }
        const open = await file.stat();
        if (open.size < offset) {
          await file.seek(0, Deno.SeekMode.Start);
          offset = 0;
          followed.restarted = true;
          return null;
        }
        let current;
        try {
          current = await Deno.stat(path);
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
        if (current !== void 0 && (current.ino !== open.ino || current.dev !== open.dev)) {
          const last = await file.read(p);
          if (last !== null && last > 0) {
            offset += last;
            followed.rawBytes += last;
            return last;
          }
          const next = await Deno.open(path, {
            read: true
          });
          file.close();
          file = next;
          offset = 0;
          followed.restarted = true;
          return null;
        }
        await pause(pollMs, stop);
      }
    },
    close() {
      if (!closed) {
        closed = true;
        closeQuietly(file);
      }
      return Promise.resolve();
    }
  };
  return followed;
}
function readableInRanges(path) {
  try {
    const info = Deno.statSync(path);
    return info.isFile && info.size > 0 && !isCompressedFileSync(path);
  } catch {
    return false;
  }
}

export {
  isFileRange,
  inputPath,
  openInput,
  peekHead,
  openFollowed,
  readableInRanges
};
