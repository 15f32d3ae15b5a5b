// Copyright 2026 the sluice authors. MIT license.
// Types through a pipeline and compose(): checked by deno check in
// tests/types_test.ts. Each @ts-expect-error line must be an error.

import { batch, compose, filter, map, pipeline } from "../../mod.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_ok: T): void {}

const inc = () => map((n: number) => n + 1);

// Types flow through a composed stage as through a pipeline.
const tenMore = compose(
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  batch(2),
);
const run = pipeline([1, 2, 3], tenMore, map((b) => b.length));
for await (const n of run) expectType<Equal<typeof n, number>>(true);

// Eleven stages and more: with compose().
pipeline(
  [0],
  compose(inc(), inc()),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
);

// @ts-expect-error: a stage of strings after one of numbers
compose(inc(), filter((s: string) => s !== ""));

// @ts-expect-error: pipeline()'s types take ten stages; compose() the rest
pipeline(
  [0],
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
  inc(),
);
