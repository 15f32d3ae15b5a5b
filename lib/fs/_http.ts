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
  let first: Response;
  let controller: AbortController;
  try {
    ({ response: first, controller } = await request(url, options, {}));
  } catch (error) {
    if (!(error instanceof Deno.errors.TimedOut)) throw error;
    throw new Deno.errors.TimedOut(`Cannot read "${name}": ${error.message}`, {
      cause: error,
    });
  }
  if (!first.ok || first.body === null) {
    await first.body?.cancel().catch(() => {});
    throw failed(name, first);
  }
  const validators = validatorsOf(first);
  // If-Range makes a changed resource come back whole (200), not spliced.
  const ifRange = validators.etag !== null && !validators.etag.startsWith("W/")
    ? validators.etag
    : validators.lastModified;
  let reader = first.body.getReader();
  let done = false;
  const opened: UrlInput & { rawBytes: number } = {
    rawBytes: 0,
    read: undefined,
    readAhead: false,
    chunks: {
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
              opened.rawBytes += r.value.length;
              return { done: false, value: r.value };
            }
            // A body shorter than its Content-Length is a drop too.
            if (
              validators.length === undefined ||
              opened.rawBytes >= validators.length
            ) {
              done = true;
              return { done: true, value: undefined };
            }
            dropped = new Deno.errors.UnexpectedEof(
              `the body ended after ${opened.rawBytes} of ${validators.length} bytes`,
            );
          } catch (error) {
            dropped = controller.signal.aborted
              ? controller.signal.reason
              : error;
          }
          const at = opened.rawBytes;
          const cannot = (why: string, cause: unknown) =>
            new Deno.errors.Http(
              `Cannot read "${name}": the connection dropped at byte offset ${at}, and ${why}`,
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
              range: `bytes=${at}-`,
              ...(ifRange === null ? {} : { "if-range": ifRange }),
            }));
          } catch (error) {
            dropped = error;
            continue; // counted as a try
          }
          const why = notTheRest(response, at, validators);
          if (why !== undefined || response.body === null) {
            await response.body?.cancel().catch(() => {});
            throw cannot(why ?? "the server sent no body", dropped);
          }
          reader = response.body.getReader();
        }
      },
    },
    async close() {
      if (!done) await reader.cancel().catch(() => {});
    },
  };
  return opened;
}
