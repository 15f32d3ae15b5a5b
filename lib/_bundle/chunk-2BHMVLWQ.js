// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/parse/field.ts
function stepsOf(path) {
  const steps = [];
  const n = path.length;
  const bad = (at, why) => new SyntaxError(`Cannot read the field path ${JSON.stringify(path)}: ${why} at ${at}`);
  let i = 0;
  if (n === 0) throw bad(0, "it is empty");
  while (i < n) {
    const c = path.charCodeAt(i);
    if (c === 91) {
      if (path.charCodeAt(i + 1) === 34) {
        let end = i + 2;
        while (end < n && path.charCodeAt(end) !== 34) {
          end += path.charCodeAt(end) === 92 ? 2 : 1;
        }
        if (path.charCodeAt(end + 1) !== 93) throw bad(i, 'no "] after ["');
        steps.push(JSON.parse(path.slice(i + 1, end + 1)));
        i = end + 2;
      } else {
        const end = path.indexOf("]", i);
        const index = path.slice(i + 1, end);
        if (end < 0 || !/^\d+$/.test(index)) {
          throw bad(i, 'an index must be [digits] or ["name"]');
        }
        steps.push(Number(index));
        i = end + 1;
      }
    } else {
      if (c === 46) {
        if (i === 0 || i + 1 === n) throw bad(i, "a name is missing");
        i++;
        if (path.charCodeAt(i) === 91) continue;
      }
      let end = i;
      while (end < n) {
        const d = path.charCodeAt(end);
        if (d === 46 || d === 91) break;
        end++;
      }
      if (end === i) throw bad(i, "a name is missing");
      steps.push(path.slice(i, end));
      i = end;
    }
  }
  return steps;
}
function field(path) {
  const steps = stepsOf(path);
  if (steps.length === 1) {
    const name = steps[0];
    return (record) => typeof record === "object" && record !== null && Object.hasOwn(record, name) ? record[name] : void 0;
  }
  return (record) => {
    let at = record;
    for (const step of steps) {
      if (typeof at !== "object" || at === null || !Object.hasOwn(at, step)) {
        at = void 0;
        break;
      }
      at = at[step];
    }
    if (at === void 0 && typeof record === "object" && record !== null && Object.hasOwn(record, path)) return record[path];
    return at;
  };
}

export {
  field
};
