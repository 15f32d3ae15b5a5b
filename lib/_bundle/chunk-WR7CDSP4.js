// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  distinct
} from "./chunk-OFNJ3ZGQ.js";
import {
  jsonOf
} from "./chunk-HIO6RDNE.js";
import {
  compose
} from "./chunk-GEHZM6I7.js";
import {
  map
} from "./chunk-H4K2N2UV.js";

// lib/shard/distinct_partial.ts
function distinctPartial(key, options = {}) {
  const keyOf = key ?? ((item) => typeof item === "string" || typeof item === "number" ? item : jsonOf(item));
  return compose(distinct(key, options), map((item) => [
    keyOf(item),
    item
  ]));
}
function mergeDistinct(options = {}) {
  return compose(distinct((r) => r[0], options), map((r) => r[1]));
}

export {
  distinctPartial,
  mergeDistinct
};
