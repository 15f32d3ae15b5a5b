// Copyright 2026 the sluice authors. MIT license.
// Memory over a run in bounded space: at most `capacity` points. When full,
// neighbours merge in pairs (the highest of each figure, so no peak is lost)
// and each point stands for twice as many samples from then on: a week-long
// run costs the same as a minute.

import type { MemoryPoint } from "./report.ts";

/** How many points a series keeps at most, unless told otherwise. */
export const SERIES_POINTS = 512;

/** The higher of two figures that a sample may lack; the one there, if one is. */
function higher(
  a: number | undefined,
  b: number | undefined,
): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function merge(a: MemoryPoint, b: MemoryPoint): MemoryPoint {
  const youngBytes = higher(a.youngBytes, b.youngBytes);
  return {
    atMs: Math.max(a.atMs, b.atMs),
    rssBytes: Math.max(a.rssBytes, b.rssBytes),
    heapUsedBytes: Math.max(a.heapUsedBytes, b.heapUsedBytes),
    // Samples taken without the heap split by space lack it.
    ...(youngBytes === undefined ? {} : { youngBytes }),
    heldBytes: Math.max(a.heldBytes, b.heldBytes),
  };
}

/** A series of memory samples of bounded size. */
export class MemorySeries {
  readonly capacity: number;
  #points: MemoryPoint[] = [];
  /** The samples of the point being filled, merged so far. */
  #open: MemoryPoint | undefined;
  #inOpen = 0;
  /** How many samples a point stands for. */
  #stride = 1;

  /**
   * @param capacity The most points kept: an even number of at least 2.
   */
  constructor(capacity: number = SERIES_POINTS) {
    if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0) {
      throw new RangeError(
        `Cannot create memory series: capacity must be an even integer of at least 2, got ${capacity}`,
      );
    }
    this.capacity = capacity;
  }

  /** How many samples each point stands for now. */
  get stride(): number {
    return this.#stride;
  }

  /**
   * Adds a sample. A sample no later than the one before it joins that one's
   * point, so that times always increase.
   */
  add(sample: MemoryPoint): void {
    const last = this.#open ?? this.#points.at(-1);
    if (last !== undefined && sample.atMs <= last.atMs) {
      const merged = merge(last, { ...sample, atMs: last.atMs });
      if (this.#open !== undefined) this.#open = merged;
      else this.#points[this.#points.length - 1] = merged;
      return;
    }
    this.#open = this.#open === undefined ? { ...sample } : merge(
      this.#open,
      sample,
    );
    this.#inOpen++;
    if (this.#inOpen < this.#stride) return;
    this.#points.push(this.#open);
    this.#open = undefined;
    this.#inOpen = 0;
    if (this.#points.length === this.capacity) {
      const halved: MemoryPoint[] = [];
      for (let i = 0; i < this.#points.length; i += 2) {
        halved.push(merge(this.#points[i]!, this.#points[i + 1]!));
      }
      this.#points = halved;
      this.#stride *= 2;
    }
  }

  /** The points, oldest first: at most `capacity`. */
  points(): MemoryPoint[] {
    const out = this.#points.map((p) => ({ ...p }));
    if (this.#open !== undefined) out.push({ ...this.#open });
    return out;
  }
}
