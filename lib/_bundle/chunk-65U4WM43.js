// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/fs/_streams.ts
function isReadableStream(x) {
  return typeof x?.getReader === "function" && x instanceof ReadableStream;
}
function isWritableStream(x) {
  return typeof x?.getWriter === "function" && x instanceof WritableStream;
}

// lib/fs/_path.ts
function pathOf(target) {
  if (typeof target === "string") return target;
  return fileUrlPath(target, Deno.build.os === "windows");
}
function fileUrlPath(url, windows) {
  const refuse = (why, cause) => new TypeError(`Cannot use "${url.href}" as a file path: ${why}`, cause === void 0 ? void 0 : {
    cause
  });
  if (url.protocol !== "file:") {
    throw refuse("only a file: URL names a file");
  }
  const host = url.hostname === "localhost" ? "" : url.hostname;
  if (host !== "" && !windows) {
    throw refuse(`it names the host "${url.hostname}", not this machine`);
  }
  let path;
  try {
    path = decodeEscapes(url.pathname);
  } catch (error) {
    throw refuse("its percent escapes do not decode to UTF-8 text", error);
  }
  if (!windows) return path;
  if (host !== "") return `\\\\${host}${path.replaceAll("/", "\\")}`;
  const drive = /^\/[A-Za-z]:(\/|$)/.test(path) ? path.slice(1) : path;
  return drive.replaceAll("/", "\\");
}
function decodeEscapes(text) {
  if (!text.includes("%")) return text;
  const encoder = new TextEncoder();
  const bytes = [];
  for (let i = 0; i < text.length; ) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i));
      bytes.push(...encoder.encode(char));
      i += char.length;
    }
  }
  return new TextDecoder("utf-8", {
    fatal: true
  }).decode(new Uint8Array(bytes));
}
function normalPath(path) {
  const absolute = path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
  const out = [];
  for (const part of absolute.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return `/${out.join("/")}`;
}
function sameFile(a, b) {
  if (normalPath(a) === normalPath(b)) return true;
  try {
    const x = Deno.statSync(a);
    const y = Deno.statSync(b);
    return x.dev === y.dev && x.ino !== null && x.ino === y.ino;
  } catch {
    return false;
  }
}
async function statNamed(path) {
  try {
    return await Deno.stat(path);
  } catch (error) {
    throw named(path, error);
  }
}
function statNamedSync(path) {
  try {
    return Deno.statSync(path);
  } catch (error) {
    throw named(path, error);
  }
}
function named(path, error) {
  return error instanceof Deno.errors.NotFound ? new Deno.errors.NotFound(`Cannot read "${path}": no such file`, {
    cause: error
  }) : error;
}
function targetName(target) {
  if (target === "-") return "standard output";
  if (typeof target === "string" || target instanceof URL) {
    return `"${pathOf(target)}"`;
  }
  if (isWritableStream(target)) return "the stream";
  return "the file";
}
function isHttpUrl(text) {
  const href = typeof text === "string" ? text : text.href;
  return /^https?:\/\//i.test(href);
}
function isGlob(path) {
  return path !== "-" && !isHttpUrl(path) && /[*?[]/.test(path);
}

export {
  isReadableStream,
  isWritableStream,
  pathOf,
  sameFile,
  statNamed,
  statNamedSync,
  targetName,
  isHttpUrl,
  isGlob
};
