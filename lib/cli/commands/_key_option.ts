// Copyright 2026 the sluice authors. MIT license.
// `--key FIELD` and `--word N` of sort and distinct: apart from _options.ts,
// so that the commands without them do not load the field readers (and with
// them lib/parse/'s time module).

import { lineField, lineWord } from "../../parse/line_field.ts";
import type { ScriptContext } from "../script.ts";
import { integer } from "./_options.ts";

/**
 * The key of --key FIELD or --word N (undefined: the whole line); with
 * `text`, a field's value as text (see lineField's `text`).
 */
export function keyGetter(
  ctx: ScriptContext,
  keyName = "key",
  text = false,
): ((line: string) => unknown) | undefined {
  const byName = ctx.values[keyName];
  if (byName !== undefined && ctx.values.word !== undefined) {
    ctx.usageError(`give --${keyName} or --word, not both`);
  }
  if (typeof byName === "string") {
    if (byName === "") ctx.usageError(`--${keyName} names no field`);
    return lineField(byName, { text });
  }
  if (ctx.values.word !== undefined) {
    return lineWord(integer(ctx, "word", 1));
  }
  return undefined;
}
