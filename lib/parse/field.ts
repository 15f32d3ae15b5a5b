// Copyright 2026 the sluice authors. MIT license.
/**
 * `field`, which reads a value at a path in a record. Exported by the
 * package's root and by its own subpath, `jsr:@sluice/sluice/field`: a script
 * that imports only the pieces it runs loads less code, and so holds less
 * memory (see the README's "Import only what you use").
 *
 * @module
 */

/** One step of a path: a property name, or an index into an array. */
type Step = string | number;

/** The steps of `path`, or a SyntaxError naming where it went wrong. */
function stepsOf(path: string): Step[] {
  const steps: Step[] = [];
  const n = path.length;
  const bad = (at: number, why: string) =>
    new SyntaxError(
      `Cannot read the field path ${JSON.stringify(path)}: ${why} at ${at}`,
    );
  let i = 0;
  if (n === 0) throw bad(0, "it is empty");
  while (i < n) {
    const c = path.charCodeAt(i);
    if (c === 91) { // [
      if (path.charCodeAt(i + 1) === 34) { // ["name"]
        let end = i + 2;
        while (end < n && path.charCodeAt(end) !== 34) {
          end += path.charCodeAt(end) === 92 ? 2 : 1;
        }
        if (path.charCodeAt(end + 1) !== 93) throw bad(i, 'no "] after ["');
        steps.push(JSON.parse(path.slice(i + 1, end + 1)) as string);
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
      if (c === 46) { // .
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

/**
 * Makes a getter of a field of a parsed record by its path: names joined by
 * dots and array indexes in brackets (`req.ip`, `items[0].id`), a name with
 * dots or brackets in it as `["a.b"]`. Only a record's own properties are
 * read (never `constructor` or another inherited name). When the path leads
 * nowhere and the record has a property named by the whole path (a logfmt
 * or CSV key with a dot, such as `http.status`), that property is the
 * field.
 *
 * The path is read once; the getter walks the record.
 *
 * @param path The path.
 * @returns A function from a record to the field's value, or `undefined`
 * when it has none.
 * @throws {SyntaxError} When the path cannot be read.
 *
 * @example Fields of nested JSON
 * ```ts
 * import { field } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const record = { req: { ip: "10.0.0.1" }, items: [{ id: 7 }], "http.status": 200 };
 * assert.equal(field("req.ip")(record), "10.0.0.1");
 * assert.equal(field("items[0].id")(record), 7);
 * assert.equal(field("items[1].id")(record), undefined);
 * assert.equal(field("http.status")(record), 200);
 * ```
 */
export function field(path: string): (record: unknown) => unknown {
  const steps = stepsOf(path);
  if (steps.length === 1) {
    const name = steps[0]!;
    return (record) =>
      typeof record === "object" && record !== null &&
        Object.hasOwn(record, name)
        ? (record as Record<string, unknown>)[name]
        : undefined;
  }
  return (record) => {
    let at: unknown = record;
    for (const step of steps) {
      if (typeof at !== "object" || at === null || !Object.hasOwn(at, step)) {
        at = undefined;
        break;
      }
      at = (at as Record<Step, unknown>)[step];
    }
    if (
      at === undefined && typeof record === "object" && record !== null &&
      Object.hasOwn(record, path)
    ) return (record as Record<string, unknown>)[path];
    return at;
  };
}
