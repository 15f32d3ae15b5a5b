// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  orderFree,
  readsNumber
} from "./chunk-NAUBBTV2.js";
import {
  estimateBytes
} from "./chunk-SEXDPIXC.js";

// lib/spill/reducers.ts
function valueOf(field, item) {
  const v = field(item);
  return typeof v === "number" && Number.isFinite(v) ? v === 0 ? 0 : v : void 0;
}
function requireField(name, field) {
  if (typeof field !== "function") {
    throw new TypeError(`Cannot create ${name} reducer: field must be a function, got ${typeof field}`);
  }
}
function count() {
  return readsNumber(orderFree({
    init: () => 0,
    add: (n) => n + 1,
    merge: (a, b) => a + b,
    result: (n) => n
  }), void 0, () => count());
}
function addExact(partials, value) {
  let x = value;
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j];
    if (Math.abs(x) < Math.abs(y)) [x, y] = [
      y,
      x
    ];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  partials.push(x);
  return partials;
}
function exactTotal(partials) {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && (lo < 0 && partials[n - 1] < 0 || lo > 0 && partials[n - 1] > 0)) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
function sum(field) {
  requireField("sum", field);
  return readsNumber(orderFree({
    init: () => [],
    add(acc, item) {
      const v = valueOf(field, item);
      return v === void 0 ? acc : addExact(acc, v);
    },
    merge(a, b) {
      for (const v of b) addExact(a, v);
      return a;
    },
    result: exactTotal
  }), field, (f) => sum(f));
}
function mean(field) {
  requireField("mean", field);
  return readsNumber(orderFree({
    init: () => ({
      s: [],
      n: 0
    }),
    add(acc, item) {
      const v = valueOf(field, item);
      if (v !== void 0) {
        addExact(acc.s, v);
        acc.n++;
      }
      return acc;
    },
    merge(a, b) {
      for (const v of b.s) addExact(a.s, v);
      a.n += b.n;
      return a;
    },
    result: (acc) => acc.n === 0 ? null : exactTotal(acc.s) / acc.n
  }), field, (f) => mean(f));
}
function extreme(name, field, better) {
  requireField(name, field);
  return readsNumber(orderFree({
    init: () => null,
    add(acc, item) {
      const v = valueOf(field, item);
      return v !== void 0 && (acc === null || better(v, acc)) ? v : acc;
    },
    merge: (a, b) => a === null ? b : b === null || !better(b, a) ? a : b,
    result: (acc) => acc
  }), field, (f) => extreme(name, f, better));
}
function min(field) {
  return extreme("min", field, (a, b) => a < b);
}
function max(field) {
  return extreme("max", field, (a, b) => a > b);
}
function keptBytes(acc) {
  return acc === null ? 0 : 16 + estimateBytes([
    acc.v
  ]);
}
function first(pick = (item) => item) {
  requireField("first", pick);
  return {
    init: () => null,
    add: (acc, item) => acc ?? {
      v: pick(item)
    },
    merge: (a, b) => a ?? b,
    result: (acc) => acc === null ? null : acc.v,
    // The kept value counts against the budget: it may be a whole line.
    bytes: keptBytes
  };
}
function last(pick = (item) => item) {
  requireField("last", pick);
  return {
    init: () => null,
    add: (_acc, item) => ({
      v: pick(item)
    }),
    merge: (a, b) => b ?? a,
    result: (acc) => acc === null ? null : acc.v,
    // The kept value counts against the budget: it may be a whole line.
    bytes: keptBytes
  };
}
var ENTRY_BYTES = 48;
var PAIRS_UP_TO = 8;
var DENSE_AFTER = 32;
var DENSE_LIMIT = 1 << 16;
var NO_COUNTS = Object.freeze([]);
function countValue(acc, v, n) {
  if (typeof acc === "number") {
    return acc === v ? [
      v,
      1 + n
    ] : [
      acc,
      1,
      v,
      n
    ];
  }
  if (Array.isArray(acc)) {
    const pairs = acc;
    if (pairs.length === 0 && n === 1) return v;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === v) {
        pairs[i + 1] += n;
        return pairs;
      }
    }
    if (pairs.length < 2 * PAIRS_UP_TO) {
      const grown = new Array(pairs.length + 2);
      for (let i = 0; i < pairs.length; i++) grown[i] = pairs[i];
      grown[pairs.length] = v;
      grown[pairs.length + 1] = n;
      return grown;
    }
    const many = {
      d: void 0,
      m: /* @__PURE__ */ new Map()
    };
    for (let i = 0; i < pairs.length; i += 2) {
      countMany(many, pairs[i], pairs[i + 1]);
    }
    countMany(many, v, n);
    return many;
  }
  countMany(acc, v, n);
  return acc;
}
function countMany(acc, v, n) {
  const d = acc.d;
  if (d !== void 0 && v >= 0 && v < DENSE_LIMIT && Number.isInteger(v)) {
    if (v >= d.length) {
      const grown = new Float64Array(Math.min(DENSE_LIMIT, Math.max(d.length * 2, v + 1)));
      grown.set(d);
      acc.d = grown;
      grown[v] += n;
    } else {
      d[v] += n;
    }
    return;
  }
  acc.m.set(v, (acc.m.get(v) ?? 0) + n);
  if (d === void 0 && acc.m.size > DENSE_AFTER) {
    const moved = new Float64Array(64);
    acc.d = moved;
    for (const [x, c] of acc.m) {
      if (x >= 0 && x < DENSE_LIMIT && Number.isInteger(x)) {
        acc.m.delete(x);
        countMany(acc, x, c);
      }
    }
  }
}
function eachCount(acc, fn) {
  if (typeof acc === "number") {
    fn(acc, 1);
    return;
  }
  if (Array.isArray(acc)) {
    for (let i = 0; i < acc.length; i += 2) fn(acc[i], acc[i + 1]);
    return;
  }
  const many = acc;
  const d = many.d;
  if (d !== void 0) {
    for (let v = 0; v < d.length; v++) if (d[v] > 0) fn(v, d[v]);
  }
  for (const [v, n] of many.m) fn(v, n);
}
function percentile(p, field, options = {}) {
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`Cannot create percentile reducer: p must be from 0 to 100, got ${p}`);
  }
  requireField("percentile", field);
  const alpha = options.relativeError ?? 0;
  if (!(alpha >= 0 && alpha < 1)) {
    throw new RangeError(`Cannot create percentile reducer: relativeError must be at least 0 and below 1, got ${alpha}`);
  }
  const gamma = (1 + alpha) / (1 - alpha);
  const logGamma = Math.log(gamma);
  const logHalf = Math.log(2 / (gamma + 1));
  const bucket = alpha === 0 ? (v) => v : (v) => {
    if (v === 0) return 0;
    const a = Math.abs(v);
    const i = Math.ceil(Math.log(a) / logGamma);
    let m = Math.exp(i * logGamma + logHalf);
    if (!Number.isFinite(m)) m = Number.MAX_VALUE;
    if (m === 0) m = a;
    return Math.sign(v) * m;
  };
  const reducer = {
    init: () => NO_COUNTS,
    add(acc, item) {
      const v = valueOf(field, item);
      return v === void 0 ? acc : countValue(acc, bucket(v === 0 ? 0 : v), 1);
    },
    merge(a, b) {
      let out = a;
      eachCount(b, (v, n) => {
        out = countValue(out, v, n);
      });
      return out;
    },
    result(acc) {
      if (typeof acc === "number") return acc;
      const values = [];
      const counts = /* @__PURE__ */ new Map();
      let total = 0;
      eachCount(acc, (v, n) => {
        values.push(v);
        counts.set(v, n);
        total += n;
      });
      if (total === 0) return null;
      values.sort((x, y) => x - y);
      const rank = Math.max(1, Math.ceil(p * total / 100));
      let seen = 0;
      for (const v of values) {
        seen += counts.get(v);
        if (seen >= rank) return v;
      }
      return values[values.length - 1];
    },
    bytes(acc) {
      if (typeof acc === "number") return 0;
      if (Array.isArray(acc)) return acc.length === 0 ? 0 : 24 + acc.length * 8;
      const many = acc;
      return 64 + many.m.size * ENTRY_BYTES + (many.d === void 0 ? 0 : many.d.length * 8);
    },
    encode(acc) {
      if (typeof acc === "number" || Array.isArray(acc)) return acc;
      const flat = [];
      eachCount(acc, (v, n) => flat.push(v, n));
      return flat;
    },
    decode(data) {
      if (typeof data === "number") return data;
      const flat = data;
      let acc = NO_COUNTS;
      for (let i = 0; i < flat.length; i += 2) {
        acc = countValue(acc, flat[i], flat[i + 1]);
      }
      return acc;
    }
  };
  return readsNumber(orderFree(reducer), field, (f) => percentile(p, f, options));
}

export {
  count,
  sum,
  mean,
  min,
  max,
  first,
  last,
  percentile
};
