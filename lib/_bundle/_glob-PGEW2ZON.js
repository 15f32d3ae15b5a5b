// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  withoutCompressionEnding
} from "./chunk-YYIHPHCX.js";
import {
  isGlob,
  isHttpUrl,
  pathOf
} from "./chunk-65U4WM43.js";

// lib/fs/_glob.ts
function segmentRegExp(segment) {
  let out = segment.startsWith(".") ? "" : "(?!\\.)";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "[") {
      let j = i + 1;
      if (segment[j] === "!" || segment[j] === "^") j++;
      if (segment[j] === "]") j++;
      while (j < segment.length && segment[j] !== "]") j++;
      if (j >= segment.length) {
        out += "\\[";
        continue;
      }
      let set = segment.slice(i + 1, j);
      const negated = set.startsWith("!") || set.startsWith("^");
      if (negated) set = set.slice(1);
      set = set.replace(/[\\\]^]/g, (m) => `\\${m}`);
      out += `[${negated ? "^" : ""}${set}]`;
      i = j;
    } else out += c.replace(/[.+^${}()|\\\]]/g, (m) => `\\${m}`);
  }
  return new RegExp(`^${out}$`, "u");
}
function rotationKey(name) {
  const stem = withoutCompressionEnding(name);
  const numbered = /^(.+)\.([1-9]\d{0,5})$/.exec(stem);
  if (numbered !== null) {
    return {
      base: numbered[1],
      kind: 0,
      n: Number(numbered[2])
    };
  }
  const dated = /^(.+?)[-.](\d{8}(?:\d{2}){0,3})$/.exec(stem);
  if (dated !== null) return {
    base: dated[1],
    kind: 1,
    n: Number(dated[2])
  };
  return {
    base: stem,
    kind: 2,
    n: 0
  };
}
function compareRotation(a, b) {
  const ka = rotationKey(a);
  const kb = rotationKey(b);
  if (ka.base !== kb.base) return ka.base < kb.base ? -1 : 1;
  if (ka.kind !== kb.kind) return ka.kind - kb.kind;
  if (ka.n !== kb.n) return ka.kind === 0 ? kb.n - ka.n : ka.n - kb.n;
  return a < b ? -1 : a > b ? 1 : 0;
}
function join(dir, name) {
  if (dir === "") return name;
  return dir.endsWith("/") ? `${dir}${name}` : `${dir}/${name}`;
}
async function entries(dir) {
  const out = [];
  for await (const e of Deno.readDir(dir === "" ? "." : dir)) {
    let { isFile, isDirectory } = e;
    if (e.isSymlink) {
      try {
        const info = await Deno.stat(join(dir, e.name));
        isFile = info.isFile;
        isDirectory = info.isDirectory;
      } catch {
        continue;
      }
    }
    out.push({
      name: e.name,
      isFile,
      isDirectory,
      isSymlink: e.isSymlink
    });
  }
  return out.sort((x, y) => compareRotation(x.name, y.name));
}
async function filesUnder(dir) {
  const out = [];
  for (const e of await entries(dir)) {
    const path = join(dir, e.name);
    if (e.isFile) out.push(path);
    else if (e.isDirectory && !e.isSymlink) out.push(...await filesUnder(path));
  }
  return out;
}
async function dirsUnder(dir) {
  const out = [
    dir
  ];
  for (const e of await entries(dir)) {
    if (e.isDirectory && !e.isSymlink && !e.name.startsWith(".")) {
      out.push(...await dirsUnder(join(dir, e.name)));
    }
  }
  return out;
}
function unescape(segment) {
  return segment.replace(/\[([*?[])\]/g, "$1");
}
async function expandGlob(pattern, recursive = false) {
  const parts = pattern.split("/");
  let dirs = [
    pattern.startsWith("/") ? "/" : ""
  ];
  const found = [];
  for (let i = pattern.startsWith("/") ? 1 : 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    if (part === "" && !last) continue;
    const next = [];
    for (const dir of dirs) {
      if (part === "**") {
        const under = await dirsUnder(dir).catch(() => []);
        if (last) {
          for (const d of under) {
            for (const e of await entries(d)) {
              if (e.isFile && !e.name.startsWith(".")) {
                found.push(join(d, e.name));
              }
            }
          }
        } else next.push(...under);
        continue;
      }
      if (!isGlob(part)) {
        const path = join(dir, unescape(part));
        if (!last) {
          next.push(path);
          continue;
        }
        const info = await Deno.stat(path).catch(() => void 0);
        if (info?.isFile) found.push(path);
        else if (info?.isDirectory && recursive) {
          found.push(...await filesUnder(path));
        }
        continue;
      }
      const re = segmentRegExp(part);
      let list;
      try {
        list = await entries(dir);
      } catch {
        continue;
      }
      for (const e of list) {
        if (!re.test(e.name)) continue;
        const path = join(dir, e.name);
        if (!last) {
          if (e.isDirectory) next.push(path);
        } else if (e.isFile) found.push(path);
        else if (e.isDirectory && recursive) {
          found.push(...await filesUnder(path));
        }
      }
    }
    dirs = next;
  }
  return found;
}
async function expandInputs(inputs, recursive) {
  const out = [];
  for (const input of inputs) {
    if (typeof input === "string" && isGlob(input)) {
      const found = await expandGlob(input, recursive);
      if (found.length === 0) {
        throw new Deno.errors.NotFound(`No file matches "${input}"`);
      }
      out.push(...found);
      continue;
    }
    if (recursive && input !== "-" && (typeof input === "string" && !isHttpUrl(input) || input instanceof URL && input.protocol === "file:")) {
      const path = pathOf(input);
      const info = await Deno.stat(path).catch(() => void 0);
      if (info?.isDirectory) {
        out.push(...await filesUnder(path.replace(/\/+$/, "") || "/"));
        continue;
      }
    }
    out.push(input);
  }
  return out;
}
export {
  compareRotation,
  expandGlob,
  expandInputs,
  filesUnder,
  segmentRegExp
};
