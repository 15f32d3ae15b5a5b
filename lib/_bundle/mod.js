// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../mod.ts"
import {
  partName,
  writeSplit
} from "./chunk-X5W36UVA.js";
import {
  mergeSample,
  sample,
  samplePartial
} from "./chunk-OAL4EEJT.js";
import {
  parallelGroupBy
} from "./chunk-DFUAQLRK.js";
import {
  distinctPartial,
  mergeDistinct
} from "./chunk-WR7CDSP4.js";
import {
  listInputs
} from "./chunk-EFLJ7DJH.js";
import {
  parallel
} from "./chunk-VNGPJYIJ.js";
import {
  bucket
} from "./chunk-4ONHFX2W.js";
import {
  countItems
} from "./chunk-NH4IZYKJ.js";
import {
  deadLetter
} from "./chunk-G2M2G3YN.js";
import "./chunk-BHVBMKKE.js";
import {
  mergeSorted,
  sortPartial
} from "./chunk-LDJ4EGE5.js";
import {
  readPartials,
  writePartial
} from "./chunk-OSF6AJ4T.js";
import {
  groupByPartial,
  mergeGroups
} from "./chunk-OE4T4327.js";
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
} from "./chunk-ZGEBILF4.js";
import {
  sort
} from "./chunk-ZWHRAJDH.js";
import "./chunk-PCXRQEVB.js";
import {
  groupBy
} from "./chunk-M3KXK6WR.js";
import "./chunk-DIWDEBFX.js";
import {
  distinct
} from "./chunk-OFNJ3ZGQ.js";
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
} from "./chunk-C5WS56CT.js";
import {
  batch
} from "./chunk-IV4WWRBN.js";
import {
  flatMap
} from "./chunk-6UCV7T47.js";
import {
  tail
} from "./chunk-2YWYV5IZ.js";
import {
  top
} from "./chunk-ZQEHRCAC.js";
import {
  grep
} from "./chunk-F6OOGOMW.js";
import "./chunk-I5EFAMPC.js";
import "./chunk-7INCLF7L.js";
import "./chunk-57NEC6SS.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-YI5BI3QP.js";
import "./chunk-UFWFZGQU.js";
import {
  PARSE_FORMATS,
  parse
} from "./chunk-ER7PIOC5.js";
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
} from "./chunk-X2CPFFEF.js";
import {
  compose
} from "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import {
  readLines
} from "./chunk-HVBOXFPS.js";
import "./chunk-JEJGDMZV.js";
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
} from "./chunk-NSMWYBW2.js";
import "./chunk-YYIHPHCX.js";
import {
  filter
} from "./chunk-HKHHBTTA.js";
import {
  map
} from "./chunk-H4K2N2UV.js";
import {
  tap
} from "./chunk-AOFCDP5S.js";
import "./chunk-DBGDXXNI.js";
import "./chunk-UQVDOQX2.js";
import "./chunk-Y6AFSVNC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-W7PSUR2W.js";
import "./chunk-65U4WM43.js";
import "./chunk-XSSWW4V7.js";
import "./chunk-FFM2QZVY.js";
import "./chunk-LTYBISTW.js";
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
