// Copyright 2026 the sluice authors. MIT license.
// How a built-in stage is declared: its chunk-level implementation, and the
// function users call, which works in a pipeline and on its own.

import { recordOf } from "../summary/_record.ts";
import { chunksOf, ItemView } from "./_adapters.ts";
import { ownRun, RunContext } from "./_context.ts";
import { measured } from "./_meter.ts";
import {
  fromTransform,
  register,
  type StageImpl,
  type TransformImpl,
} from "./_registry.ts";
import { Summary } from "../summary/summary.ts";

/**
 * Makes the public function of a built-in stage: in a pipeline it runs on
 * chunks; called on its own it takes and yields single items.
 */
export function defineStage<I, O>(
  given: StageImpl<I, O> | TransformImpl<I, O>,
): (source: AsyncIterable<I>) => AsyncIterable<O> {
  const impl = "run" in given ? given : fromTransform(given);
  const standalone = (source: AsyncIterable<I>): AsyncIterable<O> => ({
    [Symbol.asyncIterator]() {
      const summary = new Summary();
      const stats = recordOf(summary).addStage(
        impl.name ?? impl.kind,
        impl.kind,
        impl.bound,
      );
      const ctx = new RunContext({ summary });
      return new ItemView(
        ownRun(measured(impl, chunksOf(source), stats, ctx), ctx),
      );
    },
  });
  return register(standalone, impl);
}
