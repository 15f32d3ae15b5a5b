// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  textMatcher
} from "../../chunk-3ZLT75EY.js";
import "../../chunk-YI5BI3QP.js";
import "../../chunk-UFWFZGQU.js";

// lib/cli/_regex_worker.ts
function regexRecords(source, flags) {
  const re = new RegExp(source, flags.replace(/[gy]/g, ""));
  return (line) => {
    const groups = re.exec(line)?.groups;
    if (groups === void 0) return line;
    const out = {};
    for (const name in groups) out[name] = groups[name] ?? null;
    return out;
  };
}
function fieldTest(source, flags, ignoreCase) {
  const test = textMatcher(new RegExp(source, flags), {
    ignoreCase
  });
  return (text) => text !== null && test(text);
}
export {
  fieldTest,
  regexRecords
};
