// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../mod.ts"
import {
  partName,
  writeSplit
} from "./chunk-RAFMPA7V.js";
import {
  mergeSample,
  sample,
  samplePartial
} from "./chunk-3BXVIMMC.js";
import {
  parallelGroupBy
} from "./chunk-ODJJ4S7F.js";
import {
  distinctPartial,
  mergeDistinct
} from "./chunk-WS5KY3FL.js";
import {
  listInputs
} from "./chunk-EFLJ7DJH.js";
import {
  parallel
} from "./chunk-UNG3Q3HZ.js";
import {
  bucket
} from "./chunk-4ONHFX2W.js";
import {
  countItems
} from "./chunk-NH4IZYKJ.js";
import {
  deadLetter
} from "./chunk-Q2TFNZ3L.js";
import "./chunk-BHVBMKKE.js";
import {
  mergeSorted,
  sortPartial
} from "./chunk-33XD6CZQ.js";
import {
  readPartials,
  writePartial
} from "./chunk-M4AZLVSY.js";
import {
  groupByPartial,
  mergeGroups
} from "./chunk-OY6T36GP.js";
import {
  shardInputs
} from "./chunk-XRERUL6N.js";
import {
  runScript
} from "./chunk-ZDD752KH.js";
import {
  matchGrowth,
  textMatcher
} from "./chunk-3ZLT75EY.js";
import {
  lineField,
  lineWord
} from "./chunk-EKLR5R5G.js";
import {
  pickFields
} from "./chunk-CXIVUEJM.js";
import {
  sort
} from "./chunk-KRQWPOVM.js";
import "./chunk-VQJSPRQ7.js";
import {
  groupBy
} from "./chunk-P2VZIJE4.js";
import "./chunk-DIWDEBFX.js";
import {
  distinct
} from "./chunk-OJQDST42.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import {
  count,
  first,
  last,
  max,
  mean,
  min,
  percentile,
  sum
} from "./chunk-AWZEESY4.js";
import "./chunk-NAUBBTV2.js";
import {
  take
} from "./chunk-Y6A4EXAE.js";
import {
  batch
} from "./chunk-AIDDIEYR.js";
import {
  flatMap
} from "./chunk-7PF4JAXD.js";
import {
  tail
} from "./chunk-BIJZNVDY.js";
import {
  top
} from "./chunk-RZU3TFX7.js";
import {
  grep
} from "./chunk-EH7UIYIW.js";
import "./chunk-I5EFAMPC.js";
import "./chunk-7INCLF7L.js";
import "./chunk-57NEC6SS.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-YI5BI3QP.js";
import "./chunk-UFWFZGQU.js";
import {
  PARSE_FORMATS,
  parse
} from "./chunk-H7LOV3J6.js";
import {
  parseTime
} from "./chunk-2DP43KBK.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import {
  logfmtGetter,
  parseLogfmt
} from "./chunk-HME7MDZD.js";
import {
  field
} from "./chunk-2BHMVLWQ.js";
import {
  pipeline
} from "./chunk-ZCQFLGF3.js";
import {
  compose
} from "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import {
  readLines
} from "./chunk-52DZ6Q6M.js";
import "./chunk-IW54JPXQ.js";
import {
  UNTERMINATED,
  decodeLossless,
  encodeLossless
} from "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-YYVGN7B7.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import {
  writeLines
} from "./chunk-MMDC6ZXI.js";
import "./chunk-YYIHPHCX.js";
import {
  filter
} from "./chunk-6IEFELW6.js";
import {
  map
} from "./chunk-DBTKIVMY.js";
import {
  tap
} from "./chunk-M3R4S6R7.js";
import "./chunk-QROKJSPG.js";
import "./chunk-HYA27X5B.js";
import "./chunk-U5YFRUDC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-H5Q6F4F2.js";
import "./chunk-65U4WM43.js";
import "./chunk-FRZ7IFBD.js";
import "./chunk-P6LWD64K.js";
import "./chunk-7BMFKKHF.js";
import "./chunk-RJWQ7O3S.js";
import {
  Summary
} from "./chunk-NNJCSJBK.js";
import {
  formatBytes,
  formatCount,
  parseBytes
} from "./chunk-4W7FL7Y6.js";
import {
  CheckpointError,
  DecompressionError,
  InvalidUtf8Error,
  LineTooLongError,
  StageError,
  TooManyErrorsError,
  UsageError
} from "./chunk-LHRNZXWF.js";

// lib/shard/top_partial.ts
function topPartial(count2, options = {}) {
  const by = options.by ?? ((item) => item);
  return compose(top(count2, options), map((item) => [
    by(item),
    item
  ]));
}
function mergeTop(count2, options = {}) {
  return compose(top(count2, {
    ...options,
    by: (r) => r[0]
  }), map((r) => r[1]));
}
export {
  CheckpointError,
  DecompressionError,
  InvalidUtf8Error,
  LineTooLongError,
  PARSE_FORMATS,
  StageError,
  Summary,
  TooManyErrorsError,
  UNTERMINATED,
  UsageError,
  batch,
  bucket,
  compose,
  count,
  countItems,
  deadLetter,
  decodeLossless,
  distinct,
  distinctPartial,
  encodeLossless,
  field,
  filter,
  first,
  flatMap,
  formatBytes,
  formatCount,
  grep,
  groupBy,
  groupByPartial,
  last,
  lineField,
  lineWord,
  listInputs,
  logfmtGetter,
  map,
  matchGrowth,
  max,
  mean,
  mergeDistinct,
  mergeGroups,
  mergeSample,
  mergeSorted,
  mergeTop,
  min,
  parallel,
  parallelGroupBy,
  parse,
  parseBytes,
  parseLogfmt,
  parseTime,
  partName,
  percentile,
  pickFields,
  pipeline,
  readLines,
  readPartials,
  runScript,
  sample,
  samplePartial,
  shardInputs,
  sort,
  sortPartial,
  sum,
  tail,
  take,
  tap,
  textMatcher,
  top,
  topPartial,
  writeLines,
  writePartial,
  writeSplit
};

// The modules the workers run and load, named for `deno install` and
// `deno cache` (a Worker's URL is not an import): never called.
const _startedModules = () => [
  import("./lib/stages/_grep_worker.js"),
  import("./lib/parallel/_parallel_worker.js"),
  import("./lib/parallel/_group_by_worker.js"),
];
