// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  SIGNATURE_BYTES,
  formatByContent,
  formatByName,
  isCompressedFileSync
} from "./chunk-YYIHPHCX.js";
import {
  isHttpUrl,
  pathOf
} from "./chunk-65U4WM43.js";

// lib/io/shard_inputs.ts
function checkShard(index, count) {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`Cannot shard inputs: the count of shards must be a positive integer, got ${count}`);
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`Cannot shard inputs: the shard must be an integer from 0 to ${count - 1}, got ${index}`);
  }
}
function compressedByHeaders(contentType, contentEncoding) {
  if (contentEncoding !== null && contentEncoding.trim() !== "" && contentEncoding.trim().toLowerCase() !== "identity") {
    return true;
  }
  return contentType !== null && /^application\/(?:x-)?(?:gzip|gzip-compressed|zstd|brotli|bzip2|xz|lz4)\b/i.test(contentType);
}
async function sizedUrl(url, choice, options) {
  const { probeUrl } = await import("./_http-4LLAUKD4.js");
  const probe = await probeUrl(url, {
    retries: 0,
    retryDelayMs: 0,
    idleTimeoutMs: options.http?.idleTimeoutMs ?? 3e4,
    headers: options.http?.headers
  }, SIGNATURE_BYTES);
  const pathname = new URL(url).pathname;
  const whole = choice === "auto" ? formatByName(pathname) !== void 0 || compressedByHeaders(probe.contentType, probe.contentEncoding) || formatByContent(probe.head, true) !== null : choice !== "none";
  if (probe.size === void 0 || !Number.isSafeInteger(probe.size)) {
    throw new TypeError(`Cannot shard "${url}": the server does not say its size (no Content-Range total or Content-Length), and shards are cut by size`);
  }
  if (!whole && !probe.ranges && probe.size > 0) {
    throw new TypeError(`Cannot shard "${url}": the server ignores Range requests (it answered 200 with the whole resource), so a shard cannot read only its byte range`);
  }
  return {
    name: url,
    size: probe.size,
    whole,
    seen: {
      size: probe.size,
      etag: probe.etag,
      lastModified: probe.lastModified
    }
  };
}
async function sizedInputs(inputs, options = {}) {
  const given = typeof inputs === "string" || inputs instanceof URL ? [
    inputs
  ] : inputs;
  const { expandInputs } = await import("./_glob-PGEW2ZON.js");
  const list = await expandInputs(given, options.recursive ?? false);
  const choice = options.compression ?? "auto";
  const out = [];
  for (const one of list) {
    if (one === "-") {
      throw new TypeError("Cannot shard standard input: only files can be divided among shards (give the files, or run one process)");
    }
    if (isHttpUrl(one)) {
      out.push(await sizedUrl(typeof one === "string" ? one : one.href, choice, options));
      continue;
    }
    if (typeof one !== "string" && !(one instanceof URL)) {
      throw new TypeError("Cannot shard a stream or handle: only files can be divided among shards");
    }
    const name = pathOf(one);
    let info;
    try {
      info = await Deno.stat(name);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new Deno.errors.NotFound(`Cannot read "${name}": no such file`, {
          cause: error
        });
      }
      throw error;
    }
    if (!info.isFile) {
      throw new TypeError(`Cannot shard "${name}": it is not a regular file (a directory needs recursive, -r on the command line; a pipe or device cannot be divided)`);
    }
    const whole = choice === "auto" ? isCompressedFileSync(name) : choice !== "none";
    out.push({
      name,
      size: info.size,
      whole
    });
  }
  return out;
}
function divideInputs(inputs, index, count) {
  checkShard(index, count);
  const total = inputs.reduce((n, i) => n + i.size, 0);
  const bound = (k) => Math.floor(k * total / count);
  const owner = (at2) => {
    let k = total === 0 ? 0 : Math.min(count - 1, Math.floor(at2 * count / total));
    while (k > 0 && at2 < bound(k)) k--;
    while (k < count - 1 && at2 >= bound(k + 1)) k++;
    return k;
  };
  const lo = bound(index);
  const hi = bound(index + 1);
  const parts = [];
  let at = 0;
  for (const input of inputs) {
    const from = at;
    at += input.size;
    if (input.whole || input.size === 0) {
      if (owner(from + input.size / 2) === index) parts.push(input.name);
      continue;
    }
    const start = Math.max(from, lo);
    const end = Math.min(at, hi);
    if (start < end) {
      parts.push({
        path: input.name,
        start: start - from,
        end: end - from,
        ...input.seen === void 0 ? {} : {
          seen: input.seen
        }
      });
    }
  }
  return parts;
}
async function shardInputs(inputs, index, count, options = {}) {
  checkShard(index, count);
  return divideInputs(await sizedInputs(inputs, options), index, count);
}

export {
  sizedInputs,
  divideInputs,
  shardInputs
};
