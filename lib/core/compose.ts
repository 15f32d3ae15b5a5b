// Copyright 2026 the sluice authors. MIT license.

import type { Stage } from "./types.ts";

/** Where a composed stage keeps its parts, for pipeline() to take apart. */
const PARTS: unique symbol = Symbol("sluice.compose");

type Composed = Stage<unknown, unknown> & { [PARTS]?: unknown[] };

/**
 * The stages a pipeline argument stands for: the parts of a composed stage
 * (see {@linkcode compose}), or the argument itself.
 */
export function stagesOf(arg: unknown): unknown[] {
  return typeof arg === "function" && PARTS in arg
    ? (arg as Composed)[PARTS]!
    : [arg];
}

/**
 * Composes stages into one: the way to a pipeline longer than the ten stages
 * that {@linkcode pipeline}'s types take (`pipeline(source, compose(s1, ...,
 * s10), s11, ..., sink)`), or to name a reusable chain. Types flow through it
 * as through a pipeline. In a pipeline a composed stage is taken apart: each
 * of its stages has its own row in the summary, its own name and number, and
 * consecutive `map`, `filter`, `grep` and `tap` stages are still fused.
 * Called on its own, it chains its stages.
 *
 * @typeParam A The items going in, and so on down the chain.
 * @param s1 The first stage.
 * @returns The stages as one.
 * @throws {TypeError} When a part is not a function.
 *
 * @example Eleven stages: ten of them composed
 * ```ts
 * import { compose, map, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const inc = () => map((n: number) => n + 1);
 * const tenMore = compose(
 *   inc(), inc(), inc(), inc(), inc(), inc(), inc(), inc(), inc(), inc(),
 * );
 * const run = pipeline([0, 100], tenMore, map((n) => String(n)));
 * const out: string[] = [];
 * for await (const s of run) out.push(s);
 * assert.deepEqual(out, ["10", "110"]);
 * assert.equal(run.summary.stages.length, 12); // the source and 11 stages
 * assert.equal(run.summary.stages[11]!.name, "map#12");
 * ```
 */
/** {@linkcode compose} of 1 stage. */
export function compose<A, B>(
  s1: Stage<A, B>,
): Stage<A, B>;
/** {@linkcode compose} of 2 stages. */
export function compose<A, B, C>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
): Stage<A, C>;
/** {@linkcode compose} of 3 stages. */
export function compose<A, B, C, D>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
): Stage<A, D>;
/** {@linkcode compose} of 4 stages. */
export function compose<A, B, C, D, E>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
): Stage<A, E>;
/** {@linkcode compose} of 5 stages. */
export function compose<A, B, C, D, E, F>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
): Stage<A, F>;
/** {@linkcode compose} of 6 stages. */
export function compose<A, B, C, D, E, F, G>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
): Stage<A, G>;
/** {@linkcode compose} of 7 stages. */
export function compose<A, B, C, D, E, F, G, H>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
): Stage<A, H>;
/** {@linkcode compose} of 8 stages. */
export function compose<A, B, C, D, E, F, G, H, I>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
): Stage<A, I>;
/** {@linkcode compose} of 9 stages. */
export function compose<A, B, C, D, E, F, G, H, I, J>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
): Stage<A, J>;
/** {@linkcode compose} of 10 stages. */
export function compose<A, B, C, D, E, F, G, H, I, J, K>(
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  s7: Stage<G, H>,
  s8: Stage<H, I>,
  s9: Stage<I, J>,
  s10: Stage<J, K>,
): Stage<A, K>;
export function compose(...stages: unknown[]): Stage<unknown, unknown> {
  const parts = stages.flatMap(stagesOf);
  parts.forEach((part, i) => {
    if (typeof part !== "function") {
      throw new TypeError(
        `Cannot compose stages: stage ${i + 1} must be a function, got ${
          part === null ? "null" : typeof part
        }`,
      );
    }
  });
  const composed: Composed = (source) =>
    (parts as Stage<unknown, unknown>[]).reduce<AsyncIterable<unknown>>(
      (items, stage) => stage(items),
      source,
    );
  Object.defineProperty(composed, PARTS, { value: parts });
  return composed;
}
