// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/stages/_case_fold.ts
function upperOf(ch) {
  const u = ch.toUpperCase();
  return u.length === ch.length || [
    ...u
  ].length === 1 ? u : ch;
}
function foldCase(text) {
  const u = text.toUpperCase();
  if (u.length === text.length) return u;
  let out = "";
  for (const ch of text) out += upperOf(ch);
  return out;
}
var OTHER_LOWER = String.fromCodePoint(181, 305, 383, 453, 456, 459, 498, 837, 962, 976, 977, 981, 982, 1008, 1009, 1013, 7296, 7297, 7298, 7299, 7300, 7301, 7302, 7303, 7304, 7835, 8126);
function caseVariants(ch) {
  const upper = upperOf(ch);
  const members = /* @__PURE__ */ new Set();
  for (const c of [
    ch,
    upper.toLowerCase(),
    ...OTHER_LOWER
  ]) {
    if (c !== upper && [
      ...c
    ].length === 1 && upperOf(c) === upper) {
      members.add(c);
    }
  }
  if (members.size === 0) return [
    ch
  ];
  return [
    upper,
    ...[
      ...members
    ].sort((a, b) => a.codePointAt(0) - b.codePointAt(0))
  ];
}
function classChar(ch) {
  return /[\\\]\[^\-]/.test(ch) ? `\\${ch}` : ch;
}
function foldPattern(source) {
  new RegExp(source, "u");
  const chars = [
    ...source
  ];
  let out = "";
  let i = 0;
  const escape = () => {
    const next = chars[i + 1] ?? "";
    let end = i + 2;
    if ((next === "p" || next === "P") && chars[end] === "{") {
      while (end < chars.length && chars[end - 1] !== "}") end++;
    } else if (next === "u" && chars[end] === "{") {
      while (end < chars.length && chars[end - 1] !== "}") end++;
    } else if (next === "u") {
      end += 4;
    } else if (next === "x") {
      end += 2;
    } else if (next === "c") {
      end += 1;
    } else if (next === "k" && chars[end] === "<") {
      while (end < chars.length && chars[end - 1] !== ">") end++;
    } else if (/[1-9]/.test(next)) {
      while (end < chars.length && /[0-9]/.test(chars[end])) end++;
    }
    const text = chars.slice(i, end).join("");
    i = end;
    return text;
  };
  while (i < chars.length) {
    const ch = chars[i];
    if (ch === "\\") {
      out += escape();
    } else if (ch === "[") {
      let body = "";
      let extra = "";
      i++;
      if (chars[i] === "^") {
        body += "^";
        i++;
      }
      while (i < chars.length && chars[i] !== "]") {
        if (chars[i] === "\\") {
          body += escape();
          continue;
        }
        const first = chars[i];
        if (first === "-") {
          body += body === "" || body === "^" || chars[i + 1] === "]" ? "\\-" : "-";
          i++;
          continue;
        }
        if (chars[i + 1] === "-" && chars[i + 2] === "\\") {
          body += `${classChar(first)}-`;
          i += 2;
          continue;
        }
        if (chars[i + 1] === "-" && chars[i + 2] !== void 0 && chars[i + 2] !== "]") {
          const last = chars[i + 2];
          body += `${classChar(first)}-${classChar(last)}`;
          const from = first.codePointAt(0);
          const to = last.codePointAt(0);
          if (to - from <= 12288) {
            for (let cp = from; cp <= to; cp++) {
              for (const v of caseVariants(String.fromCodePoint(cp))) {
                const c = v.codePointAt(0);
                if (c < from || c > to) extra += classChar(v);
              }
            }
          }
          i += 3;
        } else {
          body += classChar(first);
          for (const v of caseVariants(first)) {
            if (v !== first) extra += classChar(v);
          }
          i++;
        }
      }
      i++;
      out += body.startsWith("^") ? `[^${extra}${body.slice(1)}]` : `[${extra}${body}]`;
    } else if (ch === "(" && chars[i + 1] === "?") {
      let end = i + 2;
      if (chars[end] === "<" && chars[end + 1] !== "=" && chars[end + 1] !== "!") {
        while (end < chars.length && chars[end - 1] !== ">") end++;
      } else {
        end += chars[end] === "<" ? 2 : 1;
      }
      out += chars.slice(i, end).join("");
      i = end;
    } else if (ch === "{") {
      let end = i + 1;
      while (end < chars.length && chars[end - 1] !== "}") end++;
      out += chars.slice(i, end).join("");
      i = end;
    } else {
      const variants = /[.*+?^$|()]/.test(ch) ? [
        ch
      ] : caseVariants(ch);
      out += variants.length === 1 ? ch : `[${variants.map(classChar).join("")}]`;
      i++;
    }
  }
  return out;
}
function caseRegExp(pattern, ignoreCase) {
  return !ignoreCase || pattern.ignoreCase ? pattern : pattern.unicode ? new RegExp(foldPattern(pattern.source), pattern.flags) : new RegExp(pattern.source, pattern.flags + "i");
}

export {
  foldCase,
  OTHER_LOWER,
  foldPattern,
  caseRegExp
};
