// Copyright 2026 the sluice authors. MIT license.
// Reading a URL with fetch, streamed, and going on after a dropped
// connection with a Range request, when the server can say it is sending the
// same resource from the right byte.

/** An opened URL, as `_input.ts` reads its inputs (not imported: it imports this). */
interface UrlInput {
  readonly rawBytes: number;
  read: undefined;
  readAhead: false;
  chunks: AsyncIterator<Uint8Array>;
  close(): Promise<void>;
}

/** How a URL is read. */
export interface HttpOptions {
  /** Resumptions tried in a row, without a byte between them. */
  retries: number;
  /** The wait before the first resumption, doubled for each next one. */
  retryDelayMs: number;
  /**
   * The longest wait for a response's headers or for the next bytes of its
   * body: beyond it the connection counts as dropped (a peer gone without
   * closing it would otherwise leave the run waiting for ever).
   */
  idleTimeoutMs: number;
  /** Headers sent with every request (authorization, say). */
  headers?: HeadersInit | undefined;
}

/** What says a resumed response is the same resource as the first. */
interface Validators {
  etag: string | null;
  lastModified: string | null;
  length: number | undefined;
}

function validatorsOf(response: Response): Validators {
  const length = response.headers.get("content-length");
  return {
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
    length: length === null ? undefined : Number(length),
  };
}

function failed(url: string, response: Response): Error {
  const why = `the server answered ${response.status} ${response.statusText}`
    .trimEnd();
  return response.status === 404 || response.status === 410
    ? new Deno.errors.NotFound(`Cannot read "${url}": ${why}`)
    : new Deno.errors.Http(`Cannot read "${url}": ${why}`);
}

/** A response and what ends its connection. */
interface Opened {
  response: Response;
  controller: AbortController;
}

/** The error of a connection silent for `ms`. */
function silent(ms: number, what: string): Error {
  return new Deno.errors.TimedOut(
    `no ${what} came for ${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}`,
  );
}

async function request(
  url: URL,
  options: HttpOptions,
  headers: Record<string, string>,
): Promise<Opened> {
  const all = new Headers(options.headers);
  // Bytes as stored: a body the client decodes has no byte offsets to
  // resume from.
  all.set("accept-encoding", "identity");
  for (const [k, v] of Object.entries(headers)) all.set(k, v);
  const controller = new AbortController();
  const ms = options.idleTimeoutMs;
  const timer = setTimeout(
    () => controller.abort(silent(ms, "answer")),
    ms,
  );
  try {
    const response = await fetch(url, {
      headers: all,
      signal: controller.signal,
    });
    return { response, controller };
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why a response to `Range: bytes=offset-` is not the rest of the resource
 * first read, or `undefined` when it is: a 206 whose Content-Range starts at
 * `offset`, with the first response's ETag (or Last-Modified) and length.
 */
function notTheRest(
  response: Response,
  offset: number,
  first: Validators,
): string | undefined {
  if (response.status === 200) {
    return "the server ignored the Range request (it answered 200 with the whole resource)";
  }
  if (response.status !== 206) {
    return `the server answered the Range request with ${response.status} ${response.statusText}`
      .trimEnd();
  }
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(
    response.headers.get("content-range") ?? "",
  );
  if (range === null || Number(range[1]) !== offset) {
    return `the server sent another range (${
      response.headers.get("content-range") ?? "no Content-Range"
    })`;
  }
  const now = validatorsOf(response);
  const total = range[3] === "*" ? undefined : Number(range[3]);
  if (
    (first.etag !== null && now.etag !== first.etag) ||
    (first.etag === null && first.lastModified !== null &&
      now.lastModified !== first.lastModified) ||
    (first.length !== undefined && total !== undefined &&
      total !== first.length)
  ) {
    return "the resource changed since it was first read (its ETag, Last-Modified or length differ)";
  }
  return undefined;
}

/** A response's Content-Range: its first and last byte and the total. */
function contentRange(
  response: Response,
): { first: number; last: number; total: number | undefined } | undefined {
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(
    response.headers.get("content-range") ?? "",
  );
  if (range === null) return undefined;
  return {
    first: Number(range[1]),
    last: Number(range[2]),
    total: range[3] === "*" ? undefined : Number(range[3]),
  };
}

/** The bytes of one response, and of the responses that resume it. */
interface Transfer {
  /** The offset in the resource of the next byte. */
  at: number;
  next(): Promise<IteratorResult<Uint8Array>>;
  close(): Promise<void>;
}

/**
 * Reads the body of `opened` (which starts at byte `at` of the resource and
 * ends before `end`, `undefined` when unknown). A body that fails part way
 * is asked for again from the byte it stopped at (`Range: bytes=at-` or, for
 * a bounded span, `bytes=at-(end - 1)`), up to `retries` times in a row;
 * where that cannot be done the error names the URL and the byte offset.
 */
function transfer(
  url: URL,
  name: string,
  options: HttpOptions,
  opened: Opened,
  at: number,
  end: number | undefined,
  bounded: boolean,
  validators: Validators,
): Transfer {
  // If-Range makes a changed resource come back whole (200), not spliced.
  const ifRange = validators.etag !== null && !validators.etag.startsWith("W/")
    ? validators.etag
    : validators.lastModified;
  let { controller } = opened;
  let reader = opened.response.body!.getReader();
  let done = false;
  const state: Transfer = {
    at,
    async next(): Promise<IteratorResult<Uint8Array>> {
      let tries = 0;
      while (true) {
        let dropped: unknown;
        const ms = options.idleTimeoutMs;
        const timer = setTimeout(
          () => controller.abort(silent(ms, "byte")),
          ms,
        );
        try {
          const r = await reader.read().finally(() => clearTimeout(timer));
          if (!r.done) {
            state.at += r.value.length;
            return { done: false, value: r.value };
          }
          // A body shorter than its length is a drop too.
          if (end === undefined || state.at >= end) {
            done = true;
            return { done: true, value: undefined };
          }
          dropped = new Deno.errors.UnexpectedEof(
            `the body ended at byte ${state.at}, before byte ${end}`,
          );
        } catch (error) {
          dropped = controller.signal.aborted
            ? controller.signal.reason
            : error;
        }
        const from = state.at;
        const cannot = (why: string, cause: unknown) =>
          new Deno.errors.Http(
            `Cannot read "${name}": the connection dropped at byte offset ${from}, and ${why}`,
            { cause },
          );
        if (tries >= options.retries) {
          throw cannot(
            `${options.retries} ${
              options.retries === 1 ? "try" : "tries"
            } to go on from there failed`,
            dropped,
          );
        }
        tries++;
        await new Promise((ok) =>
          setTimeout(ok, options.retryDelayMs * 2 ** (tries - 1))
        );
        let response: Response;
        try {
          ({ response, controller } = await request(url, options, {
            range: `bytes=${from}-${
              bounded && end !== undefined ? end - 1 : ""
            }`,
            ...(ifRange === null ? {} : { "if-range": ifRange }),
          }));
        } catch (error) {
          dropped = error;
          continue; // counted as a try
        }
        const why = notTheRest(response, from, validators);
        if (why !== undefined || response.body === null) {
          await response.body?.cancel().catch(() => {});
          throw cannot(why ?? "the server sent no body", dropped);
        }
        reader = response.body.getReader();
      }
    },
    async close() {
      if (!done) await reader.cancel().catch(() => {});
    },
  };
  return state;
}

/** The first request for `url`, its time-out named with the URL. */
async function first(
  url: URL,
  name: string,
  options: HttpOptions,
  headers: Record<string, string>,
): Promise<Opened> {
  try {
    return await request(url, options, headers);
  } catch (error) {
    if (!(error instanceof Deno.errors.TimedOut)) throw error;
    throw new Deno.errors.TimedOut(`Cannot read "${name}": ${error.message}`, {
      cause: error,
    });
  }
}

/**
 * Opens `url` to read its body as stored. A body that fails part way (the
 * connection dropped) is asked for again from the byte it stopped at, up
 * to `retries` times in a row; where that cannot be done the error names
 * the URL and the byte offset.
 */
export async function openUrl(
  given: string | URL,
  options: HttpOptions,
): Promise<UrlInput> {
  const url = new URL(given);
  const name = typeof given === "string" ? given : given.href;
  const opened = await first(url, name, options, {});
  const { response } = opened;
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => {});
    throw failed(name, response);
  }
  const validators = validatorsOf(response);
  const body = transfer(
    url,
    name,
    options,
    opened,
    0,
    validators.length,
    false,
    validators,
  );
  return {
    get rawBytes() {
      return body.at;
    },
    read: undefined,
    readAhead: false,
    chunks: body,
    close: () => body.close(),
  };
}

/** What {@linkcode probeUrl} learns of a URL without reading its body. */
export interface UrlProbe {
  /** Its size as stored, `undefined` when the server does not say it. */
  size: number | undefined;
  /** Whether the server answered a Range request with the range (206). */
  ranges: boolean;
  /** Its ETag, if any. */
  etag: string | null;
  /** Its Last-Modified, if any. */
  lastModified: string | null;
  /** Its first bytes (up to `headBytes`), to tell compressed data. */
  head: Uint8Array;
  /** Its Content-Type and Content-Encoding, if any. */
  contentType: string | null;
  contentEncoding: string | null;
}

/**
 * Asks for the first `headBytes` bytes of `url` (`Range: bytes=0-...`): the
 * answer says, in one request, the size (Content-Range's total, or
 * Content-Length of a server that ignores Range), whether ranges can be
 * read (206), the validators and the first bytes. An empty resource
 * answers 416 with `bytes *\/0`.
 */
export async function probeUrl(
  given: string | URL,
  options: HttpOptions,
  headBytes: number,
): Promise<UrlProbe> {
  const url = new URL(given);
  const name = typeof given === "string" ? given : given.href;
  let opened: Opened;
  try {
    opened = await first(url, name, options, {
      range: `bytes=0-${headBytes - 1}`,
    });
  } catch (error) {
    // fetch's TypeError for a connection that failed is not a wrong input.
    if (
      error instanceof Deno.errors.TimedOut || !(error instanceof TypeError)
    ) {
      throw error;
    }
    throw new Deno.errors.Http(`Cannot read "${name}": ${error.message}`, {
      cause: error,
    });
  }
  const { response, controller } = opened;
  const headers = response.headers;
  const known = {
    etag: headers.get("etag"),
    lastModified: headers.get("last-modified"),
    contentType: headers.get("content-type"),
    contentEncoding: headers.get("content-encoding"),
  };
  if (response.status === 416) {
    await response.body?.cancel().catch(() => {});
    const total = /^bytes \*\/(\d+)$/.exec(headers.get("content-range") ?? "");
    if (total !== null && Number(total[1]) === 0) {
      return { size: 0, ranges: true, head: new Uint8Array(0), ...known };
    }
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel().catch(() => {});
    throw failed(name, response);
  }
  // The first bytes only: a server that ignores Range sends them all.
  const head = new Uint8Array(headBytes);
  let got = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    try {
      while (got < headBytes) {
        const ms = options.idleTimeoutMs;
        const timer = setTimeout(
          () => controller.abort(silent(ms, "byte")),
          ms,
        );
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read().finally(() => clearTimeout(timer));
        } catch (error) {
          const cause = controller.signal.aborted
            ? controller.signal.reason
            : error;
          throw new Deno.errors.Http(
            `Cannot read "${name}": its first bytes did not come (${
              (cause as Error).message
            })`,
            { cause },
          );
        }
        if (r.done) break;
        const n = Math.min(r.value.length, headBytes - got);
        head.set(r.value.subarray(0, n), got);
        got += n;
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
  }
  if (response.status === 206) {
    return {
      size: contentRange(response)?.total,
      ranges: true,
      head: head.subarray(0, got),
      ...known,
    };
  }
  const length = headers.get("content-length");
  return {
    size: length === null ? undefined : Number(length),
    ranges: false,
    head: head.subarray(0, got),
    ...known,
  };
}

/** What the division of a URL saw of it, checked when a range is read. */
export interface SeenResource {
  readonly size: number;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

/** A byte range of a URL, opened as `_file_range.ts` opens a file's. */
export interface OpenedUrlRange {
  read: undefined;
  chunks: AsyncIterator<Uint8Array>;
  readAhead: false;
  readonly rawBytes: number;
  close(): Promise<void>;
  /** Where its first line starts; line numbers count from 1 there. */
  readonly startsAt: { offset: number; line: number; linesFrom?: number };
}

const LF = 10;
/** Bytes asked for past a range's end, for its last line's rest. */
const TAIL_BYTES = 64 * 1024;

/**
 * Opens the lines of `url` that start in `[start, end)` (the rule of a
 * file's range): the bytes from `start - 1` to `end - 1` and a little more
 * are asked for with a Range request, and more, in doubling spans, only
 * while the last line runs on. Each response must be a 206 of the resource
 * `seen` saw (its ETag, Last-Modified and size), or the read fails naming
 * the URL. Line numbers count from the range's first line, which is 1: the
 * lines before it are not downloaded to count them.
 */
export async function openUrlRange(
  given: string,
  start: number,
  end: number,
  seen: SeenResource | undefined,
  options: HttpOptions,
): Promise<OpenedUrlRange> {
  if (
    !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 ||
    end < start
  ) {
    throw new RangeError(
      `Cannot read "${given}" from byte ${start} to ${end}: a range needs 0 <= start <= end`,
    );
  }
  const url = new URL(given);
  const name = given;
  let size = seen?.size;
  let validators: Validators | undefined = seen === undefined
    ? undefined
    : { etag: seen.etag, lastModified: seen.lastModified, length: seen.size };
  /** Opens bytes `[from, to)`, checked against what was seen. */
  const span = async (from: number, to: number): Promise<Transfer> => {
    const opened = await first(url, name, options, {
      range: `bytes=${from}-${to - 1}`,
    });
    const { response } = opened;
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => {});
      throw failed(name, response);
    }
    validators ??= { ...validatorsOf(response), length: undefined };
    const why = notTheRest(response, from, validators);
    if (why !== undefined || response.body === null) {
      await response.body?.cancel().catch(() => {});
      throw new Deno.errors.Http(
        `Cannot read "${name}" from byte offset ${from}: ${
          why ?? "the server sent no body"
        }`,
      );
    }
    const range = contentRange(response)!;
    validators.length ??= range.total;
    size ??= range.total;
    return transfer(
      url,
      name,
      options,
      opened,
      from,
      range.last + 1,
      true,
      validators,
    );
  };
  let at = start > 0 ? start - 1 : 0;
  let body: Transfer | undefined;
  let want = TAIL_BYTES;
  /** The next bytes from `at`, in spans; `undefined` at the resource's end. */
  const more = async (): Promise<Uint8Array | undefined> => {
    while (true) {
      if (body === undefined) {
        if (size !== undefined && at >= size) return undefined;
        // The first span reaches past the range's end: most last lines end
        // within it.
        const to = Math.max(at + want, end + TAIL_BYTES);
        want *= 2;
        body = await span(at, size === undefined ? to : Math.min(size, to));
      }
      const r = await body.next();
      if (!r.done) {
        at += r.value.length;
        return r.value;
      }
      body = undefined;
    }
  };
  // The first line starts after the first LF at or after start - 1.
  let first0 = start;
  let rest: Uint8Array | undefined;
  let done = start >= end;
  const rawBytes = { n: 0 };
  try {
    if (start > 0 && !done) {
      while (true) {
        const bytes = await more();
        if (bytes === undefined) {
          done = true; // the resource ends within the line before
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
  /** Whether `bytes` (ending at `at`) hold the range's last LF: its end. */
  const cut = (bytes: Uint8Array): Uint8Array => {
    if (at < end) return bytes;
    const base = at - bytes.length;
    const i = bytes.indexOf(LF, Math.max(0, end - 1 - base));
    if (i === -1) return bytes;
    done = true;
    return bytes.subarray(0, i + 1);
  };
  const chunks: AsyncIterator<Uint8Array> = {
    async next(): Promise<IteratorResult<Uint8Array>> {
      while (true) {
        let bytes: Uint8Array | undefined;
        if (rest !== undefined) {
          bytes = rest;
          rest = undefined;
        } else if (!done) {
          bytes = await more();
          if (bytes === undefined) {
            done = true;
            if (at < end) {
              throw new Deno.errors.UnexpectedEof(
                `"${name}" ended at byte ${at}, before the end of its range at byte ${end}`,
              );
            }
          }
        }
        if (bytes === undefined) {
          await body?.close();
          body = undefined;
          return { done: true, value: undefined };
        }
        const kept = cut(bytes);
        if (kept.length === 0) continue;
        rawBytes.n += kept.length;
        return { done: false, value: kept };
      }
    },
  };
  return {
    get rawBytes() {
      return rawBytes.n;
    },
    read: undefined,
    chunks,
    readAhead: false,
    // Lines from the resource's start are numbered truly.
    startsAt: first0 > 0
      ? { offset: first0, line: 1, linesFrom: first0 }
      : { offset: 0, line: 1 },
    async close() {
      await body?.close();
    },
  };
}
