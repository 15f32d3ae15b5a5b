// Copyright 2026 the sluice authors. MIT license.
// parallel()'s types from the worker module's own: checked by deno check in
// tests/types_test.ts. Each @ts-expect-error line must be an error.

import { parallel, type Stage } from "../../mod.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_ok: T): void {}

const FN = new URL("../fixtures/parse_fn.ts", import.meta.url);
type Parse = typeof import("../fixtures/parse_fn.ts");

// The default export: (line: string) => string.
const byDefault = parallel<Parse>(FN);
expectType<Equal<typeof byDefault, Stage<string, string>>>(true);

// Another export: async, and dropping items (undefined is left out).
const slowly = parallel<Parse["slowly"]>(FN, { export: "slowly" });
expectType<Equal<typeof slowly, Stage<string, string>>>(true);
const evens = parallel<Parse["evens"]>(FN, { export: "evens" });
expectType<Equal<typeof evens, Stage<string, string>>>(true);

// Types given by hand still work, and so does no type at all.
const byHand = parallel<string, number>(FN);
expectType<Equal<typeof byHand, Stage<string, number>>>(true);
const untyped = parallel(FN);
expectType<Equal<typeof untyped, Stage<unknown, unknown>>>(true);

// @ts-expect-error: the module has no such export
parallel<Parse["nothing"]>(FN, { export: "nothing" });
