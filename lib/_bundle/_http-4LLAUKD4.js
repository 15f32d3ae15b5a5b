// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/fs/_http.ts
function validatorsOf(response) {
  const length = response.headers.get("content-length");
  return {
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
    length: length === null ? void 0 : Number(length)
  };
}
function failed(url, response) {
  const why = `the server answered ${response.status} ${response.statusText}`.trimEnd();
  return response.status === 404 || response.status === 410 ? new Deno.errors.NotFound(`Cannot read "${url}": ${why}`) : new Deno.errors.Http(`Cannot read "${url}": ${why}`);
}
function silent(ms, what) {
  return new Deno.errors.TimedOut(`no ${what} came for ${ms >= 1e3 ? `${ms / 1e3} s` : `${ms} ms`}`);
}
async function request(url, options, headers) {
  const all = new Headers(options.headers);
  all.set("accept-encoding", "identity");
  for (const [k, v] of Object.entries(headers)) all.set(k, v);
  const controller = new AbortController();
  const ms = options.idleTimeoutMs;
  const timer = setTimeout(() => controller.abort(silent(ms, "answer")), ms);
  try {
    const response = await fetch(url, {
      headers: all,
      signal: controller.signal
    });
    return {
      response,
      controller
    };
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}
function notTheRest(response, offset, first2) {
  if (response.status === 200) {
    return "the server ignored the Range request (it answered 200 with the whole resource)";
  }
  if (response.status !== 206) {
    return `the server answered the Range request with ${response.status} ${response.statusText}`.trimEnd();
  }
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get("content-range") ?? "");
  if (range === null || Number(range[1]) !== offset) {
    return `the server sent another range (${response.headers.get("content-range") ?? "no Content-Range"})`;
  }
  const now = validatorsOf(response);
  const total = range[3] === "*" ? void 0 : Number(range[3]);
  if (first2.etag !== null && now.etag !== first2.etag || first2.etag === null && first2.lastModified !== null && now.lastModified !== first2.lastModified || first2.length !== void 0 && total !== void 0 && total !== first2.length) {
    return "the resource changed since it was first read (its ETag, Last-Modified or length differ)";
  }
  return void 0;
}
function contentRange(response) {
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get("content-range") ?? "");
  if (range === null) return void 0;
  return {
    first: Number(range[1]),
    last: Number(range[2]),
    total: range[3] === "*" ? void 0 : Number(range[3])
  };
}
function transfer(url, name, options, opened, at, end, bounded, validators) {
  const ifRange = validators.etag !== null && !validators.etag.startsWith("W/") ? validators.etag : validators.lastModified;
  let { controller } = opened;
  let reader = opened.response.body.getReader();
  let done = false;
  const state = {
    at,
    async next() {
      let tries = 0;
      while (true) {
        let dropped;
        const ms = options.idleTimeoutMs;
        const timer = setTimeout(() => controller.abort(silent(ms, "byte")), ms);
        try {
          const r = await reader.read().finally(() => clearTimeout(timer));
          if (!r.done) {
            state.at += r.value.length;
            return {
              done: false,
              value: r.value
            };
          }
          if (end === void 0 || state.at >= end) {
            done = true;
            return {
              done: true,
              value: void 0
            };
          }
          dropped = new Deno.errors.UnexpectedEof(`the body ended at byte ${state.at}, before byte ${end}`);
        } catch (error) {
          dropped = controller.signal.aborted ? controller.signal.reason : error;
        }
        const from = state.at;
        const cannot = (why2, cause) => new Deno.errors.Http(`Cannot read "${name}": the connection dropped at byte offset ${from}, and ${why2}`, {
          cause
        });
        if (tries >= options.retries) {
          throw cannot(`${options.retries} ${options.retries === 1 ? "try" : "tries"} to go on from there failed`, dropped);
        }
        tries++;
        await new Promise((ok) => setTimeout(ok, options.retryDelayMs * 2 ** (tries - 1)));
        let response;
        try {
          ({ response, controller } = await request(url, options, {
            range: `bytes=${from}-${bounded && end !== void 0 ? end - 1 : ""}`,
            ...ifRange === null ? {} : {
              "if-range": ifRange
            }
          }));
        } catch (error) {
          dropped = error;
          continue;
        }
        const why = notTheRest(response, from, validators);
        if (why !== void 0 || response.body === null) {
          await response.body?.cancel().catch(() => {
          });
          throw cannot(why ?? "the server sent no body", dropped);
        }
        reader = response.body.getReader();
      }
    },
    async close() {
      if (!done) await reader.cancel().catch(() => {
      });
    }
  };
  return state;
}
async function first(url, name, options, headers) {
  try {
    return await request(url, options, headers);
  } catch (error) {
    if (!(error instanceof Deno.errors.TimedOut)) throw error;
    throw new Deno.errors.TimedOut(`Cannot read "${name}": ${error.message}`, {
      cause: error
    });
  }
}
async function openUrl(given, options) {
  const url = new URL(given);
  const name = typeof given === "string" ? given : given.href;
  const opened = await first(url, name, options, {});
  const { response } = opened;
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => {
    });
    throw failed(name, response);
  }
  const validators = validatorsOf(response);
  const body = transfer(url, name, options, opened, 0, validators.length, false, validators);
  return {
    get rawBytes() {
      return body.at;
    },
    read: void 0,
    readAhead: false,
    chunks: body,
    close: () => body.close()
  };
}
async function probeUrl(given, options, headBytes) {
  const url = new URL(given);
  const name = typeof given === "string" ? given : given.href;
  let opened;
  try {
    opened = await first(url, name, options, {
      range: `bytes=0-${headBytes - 1}`
    });
  } catch (error) {
    if (error instanceof Deno.errors.TimedOut || !(error instanceof TypeError)) {
      throw error;
    }
    throw new Deno.errors.Http(`Cannot read "${name}": ${error.message}`, {
      cause: error
    });
  }
  const { response, controller } = opened;
  const headers = response.headers;
  const known = {
    etag: headers.get("etag"),
    lastModified: headers.get("last-modified"),
    contentType: headers.get("content-type"),
    contentEncoding: headers.get("content-encoding")
  };
  if (response.status === 416) {
    await response.body?.cancel().catch(() => {
    });
    const total = /^bytes \*\/(\d+)$/.exec(headers.get("content-range") ?? "");
    if (total !== null && Number(total[1]) === 0) {
      return {
        size: 0,
        ranges: true,
        head: new Uint8Array(0),
        ...known
      };
    }
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel().catch(() => {
    });
    throw failed(name, response);
  }
  const head = new Uint8Array(headBytes);
  let got = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    try {
      while (got < headBytes) {
        const ms = options.idleTimeoutMs;
        const timer = setTimeout(() => controller.abort(silent(ms, "byte")), ms);
        let r;
        try {
          r = await reader.read().finally(() => clearTimeout(timer));
        } catch (error) {
          const cause = controller.signal.aborted ? controller.signal.reason : error;
          throw new Deno.errors.Http(`Cannot read "${name}": its first bytes did not come (${cause.message})`, {
            cause
          });
        }
        if (r.done) break;
        const n = Math.min(r.value.length, headBytes - got);
        head.set(r.value.subarray(0, n), got);
        got += n;
      }
    } finally {
      await reader.cancel().catch(() => {
      });
    }
  }
  if (response.status === 206) {
    return {
      size: contentRange(response)?.total,
      ranges: true,
      head: head.subarray(0, got),
      ...known
    };
  }
  const length = headers.get("content-length");
  return {
    size: length === null ? void 0 : Number(length),
    ranges: false,
    head: head.subarray(0, got),
    ...known
  };
}
var LF = 10;
var TAIL_BYTES = 64 * 1024;
async function openUrlRange(given, start, end, seen, options) {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Cannot read "${given}" from byte ${start} to ${end}: a range needs 0 <= start <= end`);
  }
  const url = new URL(given);
  const name = given;
  let size = seen?.size;
  let validators = seen === void 0 ? void 0 : {
    etag: seen.etag,
    lastModified: seen.lastModified,
    length: seen.size
  };
  const span = async (from, to) => {
    const opened = await first(url, name, options, {
      range: `bytes=${from}-${to - 1}`
    });
    const { response } = opened;
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => {
      });
      throw failed(name, response);
    }
    validators ??= {
      ...validatorsOf(response),
      length: void 0
    };
    const why = notTheRest(response, from, validators);
    if (why !== void 0 || response.body === null) {
      await response.body?.cancel().catch(() => {
      });
      throw new Deno.errors.Http(`Cannot read "${name}" from byte offset ${from}: ${why ?? "the server sent no body"}`);
    }
    const range = contentRange(response);
    validators.length ??= range.total;
    size ??= range.total;
    return transfer(url, name, options, opened, from, range.last + 1, true, validators);
  };
  let at = start > 0 ? start - 1 : 0;
  let body;
  let want = TAIL_BYTES;
  const more = async () => {
    while (true) {
      if (body === void 0) {
        if (size !== void 0 && at >= size) return void 0;
        const to = Math.max(at + want, end + TAIL_BYTES);
        want *= 2;
        body = await span(at, size === void 0 ? to : Math.min(size, to));
      }
      const r = await body.next();
      if (!r.done) {
        at += r.value.length;
        return r.value;
      }
      body = void 0;
    }
  };
  let first0 = start;
  let rest;
  let done = start >= end;
  const rawBytes = {
    n: 0
  };
  try {
    if (start > 0 && !done) {
      while (true) {
        const bytes = await more();
        if (bytes === void 0) {
          done = true;
          break;
        }
        const base = at - bytes.length;
        const i = bytes.indexOf(LF);
        if (i === -1) {
          if (at >= end) {
            done = true;
            break;
          }
          continue;
        }
        first0 = base + i + 1;
        if (first0 >= end) done = true;
        else rest = bytes.subarray(i + 1);
        break;
      }
    }
  } catch (error) {
    await body?.close();
    throw error;
  }
  const cut = (bytes) => {
    if (at < end) return bytes;
    const base = at - bytes.length;
    const i = bytes.indexOf(LF, Math.max(0, end - 1 - base));
    if (i === -1) return bytes;
    done = true;
    return bytes.subarray(0, i + 1);
  };
  const chunks = {
    async next() {
      while (true) {
        let bytes;
        if (rest !== void 0) {
          bytes = rest;
          rest = void 0;
        } else if (!done) {
          bytes = await more();
          if (bytes === void 0) {
            done = true;
            if (at < end) {
              throw new Deno.errors.UnexpectedEof(`"${name}" ended at byte ${at}, before the end of its range at byte ${end}`);
            }
          }
        }
        if (bytes === void 0) {
          await body?.close();
          body = void 0;
          return {
            done: true,
            value: void 0
          };
        }
        const kept = cut(bytes);
        if (kept.length === 0) continue;
        rawBytes.n += kept.length;
        return {
          done: false,
          value: kept
        };
      }
    }
  };
  return {
    get rawBytes() {
      return rawBytes.n;
    },
    read: void 0,
    chunks,
    readAhead: false,
    // Lines from the resource's start are numbered truly.
    startsAt: first0 > 0 ? {
      offset: first0,
      line: 1,
      linesFrom: first0
    } : {
      offset: 0,
      line: 1
    },
    async close() {
      await body?.close();
    }
  };
}
export {
  openUrl,
  openUrlRange,
  probeUrl
};
