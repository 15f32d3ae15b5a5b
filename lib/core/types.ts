// Copyright 2026 the sluice authors. MIT license.
/**
 * The shapes that plug into a {@linkcode pipeline}.
 *
 * @module
 */

/**
 * Where a pipeline's items come from: {@linkcode readLines}, any async
 * iterable (a `ReadableStream`, an async generator) or a sync iterable such as
 * an array. A plain string is refused: wrap a path in `readLines(path)`.
 */
export type Source<T> = AsyncIterable<T> | (Iterable<T> & object);

/**
 * A stage: a function from an async iterable to an async iterable. The
 * built-in stages ({@linkcode map}, {@linkcode filter}, {@linkcode batch}, ...)
 * are stages, and so is a user's own `async function*` that takes an
 * `AsyncIterable<I>`. Called on its own, a built-in stage works like any
 * async-generator function; over {@linkcode readLines}, or over other built-in
 * stages called on their own, it runs as the pipeline of them would.
 *
 * @typeParam I The items the stage takes.
 * @typeParam O The items the stage yields.
 */
export type Stage<I, O> = (source: AsyncIterable<I>) => AsyncIterable<O>;

/**
 * A sink: an async function that consumes the items, such as
 * {@linkcode writeLines}. A pipeline that ends in a sink resolves to its
 * {@linkcode Summary} once the sink's promise settles.
 *
 * @typeParam I The items the sink takes.
 */
export type Sink<I> = (source: AsyncIterable<I>) => Promise<unknown>;

/** Options every built-in stage takes. */
export interface StageOptions {
  /**
   * The stage's name in the summary and in errors.
   *
   * @default {"<factory>#<position>"} e.g. `"filter#2"`
   */
  name?: string;
}
