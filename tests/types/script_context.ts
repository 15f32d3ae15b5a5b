// Copyright 2026 the sluice authors. MIT license.
// Types a script's author meets with runScript: checked by deno check in
// tests/types_test.ts. Each @ts-expect-error line must be an error.

import { runScript, type ScriptContext, type ScriptOption } from "../../mod.ts";

/** True when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_ok: T): void {}

const args = { args: ["--help"] };

// ctx.values is typed from the spec: string options are strings or
// undefined, flags booleans, an option with a default a string.
await runScript(
  {
    name: "t",
    usage: "",
    description: "",
    options: {
      dir: { type: "string", description: "" },
      top: { type: "string", description: "", default: "10" },
      all: { type: "boolean", short: "a", description: "" },
    },
  },
  async (ctx) => {
    expectType<Equal<typeof ctx.values.dir, string | undefined>>(true);
    expectType<Equal<typeof ctx.values.top, string>>(true);
    expectType<Equal<typeof ctx.values.all, boolean>>(true);
    // @ts-expect-error: no such option
    ctx.values.bogus;
    // @ts-expect-error: a flag is not a string
    const _flag: string = ctx.values.all;
    // @ts-expect-error: an option without a default may be missing
    const _dir: string = ctx.values.dir;
    await Promise.resolve();
  },
  args,
);

// usageError() narrows when the context's type is written out.
const options = {
  dir: { type: "string", description: "" },
} as const satisfies Record<string, ScriptOption>;
await runScript(
  { name: "t", usage: "", description: "", options },
  async (ctx: ScriptContext<typeof options>) => {
    const dir = ctx.values.dir;
    if (dir === undefined) ctx.usageError("--dir is required");
    const _known: string = dir;
    await Promise.resolve();
  },
  args,
);

// Without it, TypeScript cannot tell (it narrows only through names whose
// types are written out): the reason for the form above.
await runScript(
  { name: "t", usage: "", description: "", options },
  async (ctx) => {
    const dir = ctx.values.dir;
    if (dir === undefined) ctx.usageError("--dir is required");
    // @ts-expect-error: not narrowed
    const _known: string = dir;
    await Promise.resolve();
  },
  args,
);

// A script without options of its own has no typed values.
await runScript({ name: "t", usage: "", description: "" }, async (ctx) => {
  // @ts-expect-error: no such option
  ctx.values.dir;
  await Promise.resolve();
}, args);
