// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  asNumber,
  exactNumberOf,
  groupKey,
  numberOf
} from "./chunk-54EGYELG.js";
import {
  lineField,
  lineWord
} from "./chunk-EKLR5R5G.js";
import {
  count,
  mean,
  percentile,
  sum
} from "./chunk-AWZEESY4.js";

// lib/cli/_reducers.ts
function encodeExact(v) {
  return typeof v === "bigint" ? {
    big: v.toString()
  } : v;
}
function decodeExact(data) {
  return typeof data === "object" && data !== null ? BigInt(data.big) : data;
}
function valueOf(field, item) {
  const v = field(item);
  if (typeof v === "bigint") return v;
  return typeof v === "number" && Number.isFinite(v) ? v === 0 ? 0 : v : void 0;
}
function extreme(field, better) {
  return {
    init: () => null,
    add(acc, item) {
      const v = valueOf(field, item);
      return v !== void 0 && (acc === null || better(v, acc)) ? v : acc;
    },
    merge: (a, b) => a === null ? b : b === null || !better(b, a) ? a : b,
    result: (acc) => acc,
    encode: encodeExact,
    decode: decodeExact
  };
}
function exactMin(field) {
  return extreme(field, (a, b) => a < b);
}
function exactMax(field) {
  return extreme(field, (a, b) => a > b);
}
function exactSum(field) {
  const floats = sum((v) => v);
  const total = (acc) => acc.big + BigInt(acc.small);
  return {
    init: () => ({
      small: 0,
      big: 0n,
      floats: floats.init()
    }),
    add(acc, item) {
      const v = valueOf(field, item);
      if (v === void 0) return acc;
      if (typeof v === "bigint") acc.big += v;
      else if (!Number.isSafeInteger(v)) acc.floats = floats.add(acc.floats, v);
      else if (Number.isSafeInteger(acc.small + v)) acc.small += v;
      else {
        acc.big += BigInt(acc.small) + BigInt(v);
        acc.small = 0;
      }
      return acc;
    },
    merge(a, b) {
      a.big = total(a) + total(b);
      a.small = 0;
      a.floats = floats.merge(a.floats, b.floats);
      return a;
    },
    result(acc) {
      const ints = total(acc);
      const safe = ints >= BigInt(Number.MIN_SAFE_INTEGER) && ints <= BigInt(Number.MAX_SAFE_INTEGER);
      if (acc.floats.length === 0) return safe ? Number(ints) : ints;
      return floats.result(floats.add([
        ...acc.floats
      ], Number(ints)));
    },
    encode: (acc) => ({
      small: acc.small,
      big: acc.big.toString(),
      floats: acc.floats
    }),
    decode: (data) => {
      const d = data;
      return {
        small: d.small,
        big: BigInt(d.big),
        floats: d.floats
      };
    }
  };
}

// lib/cli/_group_spec.ts
function groupOf(params, read, key, readNumber = (name) => {
  const get = read(name);
  return (item) => numberOf(get(item));
}) {
  const reducers = {};
  const relativeError = params.approx ? 0.01 : 0;
  for (const [agg, field] of params.aggregates) {
    if (agg === "count") {
      reducers.count = count();
      continue;
    }
    const get = read(field);
    const value = readNumber(field);
    const exact = (item) => exactNumberOf(get(item));
    const name = `${agg}_${field}`;
    const reducer = agg === "sum" ? exactSum(exact) : agg === "mean" ? mean(value) : agg === "min" ? exactMin(exact) : agg === "max" ? exactMax(exact) : percentile(Number(agg.slice(1)), value, {
      relativeError
    });
    reducers[name] = reducer;
  }
  if (params.count && !("count" in reducers) || Object.keys(reducers).length === 0) {
    reducers.count = count();
  }
  return {
    key,
    reducers
  };
}
async function groupSpec(params) {
  let key;
  if (params.byTime !== void 0) {
    const name = params.timeField ?? "time";
    const { timeBucket } = await import("./_read_time-YFGNYI4J.js");
    key = timeBucket(params.byTime, name, lineField(name), params.time);
  } else {
    if (params.by !== void 0) {
      const get = lineField(params.by);
      key = (line) => groupKey(asNumber(get(line)));
    } else {
      key = lineWord(params.byWord ?? 1);
    }
  }
  return groupOf(params, lineField, key, (name) => lineField(name, {
    number: true
  }));
}

export {
  groupOf,
  groupSpec
};
