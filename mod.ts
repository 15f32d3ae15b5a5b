// Copyright 2026 the sluice authors. MIT license.
/**
 * sluice: process files larger than memory, above all huge logs, through
 * composable async-generator stages with bounded buffers, and see after each
 * run where the memory went.
 *
 * ```ts
 * import { filter, map, pipeline } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const summary = await pipeline(
 *   ["1 ok", "2 ERROR disk", "3 ok"],
 *   filter((line) => line.includes("ERROR")),
 *   map((line) => line.toUpperCase()),
 *   async (lines) => {
 *     for await (const line of lines) assert.equal(line, "2 ERROR DISK");
 *   },
 * );
 * assert.equal(summary.stages.length, 4);
 * ```
 *
 * @module
 */

// The pipeline and the shapes that plug into it.
export { pipeline } from "./lib/core/pipeline.ts";
export { compose } from "./lib/core/compose.ts";
export { countItems } from "./lib/core/count_items.ts";
export type { Pipeline, PipelineOptions } from "./lib/core/pipeline.ts";
export type { Sink, Source, Stage, StageOptions } from "./lib/core/types.ts";
export type { CheckpointOptions } from "./lib/core/checkpoint.ts";
export type { LinePosition } from "./lib/core/position.ts";
export {
  CheckpointError,
  DecompressionError,
  InvalidUtf8Error,
  LineTooLongError,
  StageError,
  TooManyErrorsError,
  UsageError,
} from "./lib/core/errors.ts";

// Sources and sinks: lines in, lines out.
export { readLines } from "./lib/io/read_lines.ts";
export type {
  LineSource,
  MergeKey,
  ReadLinesOptions,
} from "./lib/io/read_lines.ts";
export type { CompressionChoice } from "./lib/fs/_compression.ts";
export { listInputs } from "./lib/io/list_inputs.ts";
export type { ListInputsOptions } from "./lib/io/list_inputs.ts";
export { shardInputs } from "./lib/io/shard_inputs.ts";
export type {
  FileRange,
  ShardInputsOptions,
  ShardPart,
  UrlValidators,
} from "./lib/io/shard_inputs.ts";
export type { LineInput } from "./lib/fs/_input.ts";
export type { LongLinePolicy } from "./lib/io/_line_splitter.ts";
export { writeLines } from "./lib/io/write_lines.ts";
export { partName, writeSplit } from "./lib/io/write_split.ts";
export type { WriteSplitOptions } from "./lib/io/write_split.ts";
export {
  decodeLossless,
  encodeLossless,
  UNTERMINATED,
} from "./lib/io/lossless.ts";
export type { LineItem, WriteLinesOptions } from "./lib/io/write_lines.ts";
export type { LineTarget } from "./lib/fs/_output.ts";

// Stages that hold one batch (or a fixed number of items).
export { batch } from "./lib/stages/batch.ts";
export type { BatchOptions } from "./lib/stages/batch.ts";
export { filter } from "./lib/stages/filter.ts";
export type { FilterOptions } from "./lib/stages/filter.ts";
export { flatMap } from "./lib/stages/flat_map.ts";
export type { FlatMapOptions } from "./lib/stages/flat_map.ts";
export { grep } from "./lib/stages/grep.ts";
export type { GrepOptions } from "./lib/stages/grep.ts";
export { matchGrowth, textMatcher } from "./lib/stages/text_matcher.ts";
export type {
  MatchGrowth,
  TextMatcherOptions,
} from "./lib/stages/text_matcher.ts";
export { map } from "./lib/stages/map.ts";
export type { MapOptions } from "./lib/stages/map.ts";
export { sample } from "./lib/stages/sample.ts";
export type { SampleOptions } from "./lib/stages/sample.ts";
export { tail } from "./lib/stages/tail.ts";
export type { TailOptions } from "./lib/stages/tail.ts";
export { take } from "./lib/stages/take.ts";
export type { TakeOptions } from "./lib/stages/take.ts";
export { tap } from "./lib/stages/tap.ts";
export type { TapOptions } from "./lib/stages/tap.ts";
export { top } from "./lib/stages/top.ts";
export type { TopOptions } from "./lib/stages/top.ts";

// Parsing: lines to records, times and time buckets.
export { parse, PARSE_FORMATS } from "./lib/parse/parse.ts";
export type {
  CombinedLogRecord,
  CommonLogRecord,
  ParsedRecords,
  ParseFormat,
  ParseOptions,
  SyslogRecord,
} from "./lib/parse/parse.ts";
export { field } from "./lib/parse/field.ts";
export { logfmtGetter, parseLogfmt } from "./lib/parse/logfmt.ts";
export { lineField, lineWord } from "./lib/parse/line_field.ts";
export type { LineFieldOptions } from "./lib/parse/line_field.ts";
export { pickFields } from "./lib/parse/pick_fields.ts";
export type { PickFieldsOptions } from "./lib/parse/pick_fields.ts";
export { parseTime } from "./lib/parse/time.ts";
export type { ParseTimeOptions, TimeFormat } from "./lib/parse/time.ts";
export { bucket } from "./lib/parse/bucket.ts";
export type { BucketOptions } from "./lib/parse/bucket.ts";

// Error policies.
export { deadLetter } from "./lib/policy/dead_letter.ts";
export type {
  DeadLetter,
  DeadLetterTarget,
  ErrorPolicy,
  ErrorPolicyOptions,
  FailedItem,
} from "./lib/policy/error_policy.ts";

// Beyond memory: stages within a budget that spill to disk.
export { sort } from "./lib/spill/sort.ts";
export type {
  NumericKey,
  SortOptions,
  SpillOptions,
} from "./lib/spill/sort.ts";
export { groupBy } from "./lib/spill/group_by.ts";
export type {
  Group,
  GroupByOptions,
  GroupKey,
  Reducers,
} from "./lib/spill/group_by.ts";
export { distinct } from "./lib/spill/distinct.ts";
export type { DistinctOptions } from "./lib/spill/distinct.ts";
export {
  count,
  first,
  last,
  max,
  mean,
  min,
  percentile,
  sum,
} from "./lib/spill/reducers.ts";
export type {
  NumberField,
  PercentileOptions,
  Reducer,
} from "./lib/spill/reducers.ts";

// Several cores.
export { parallel } from "./lib/parallel/parallel.ts";
export type { ParallelOptions } from "./lib/parallel/parallel.ts";
export { parallelGroupBy } from "./lib/parallel/parallel_group_by.ts";
export type {
  GroupSpec,
  ParallelGroupByOptions,
} from "./lib/parallel/parallel_group_by.ts";

// Beyond one machine: shards' partial results, saved and merged exactly.
export { readPartials, writePartial } from "./lib/shard/partial_file.ts";
export type { PartialHeader, Partials } from "./lib/shard/partial_file.ts";
export { mergeSorted, sortPartial } from "./lib/shard/sort_partial.ts";
export type {
  MergeSortedOptions,
  SortedRecord,
} from "./lib/shard/sort_partial.ts";
export { groupByPartial, mergeGroups } from "./lib/shard/group_partial.ts";
export type { GroupRecord } from "./lib/shard/group_partial.ts";
export {
  distinctPartial,
  mergeDistinct,
} from "./lib/shard/distinct_partial.ts";
export type { DistinctRecord } from "./lib/shard/distinct_partial.ts";
export { mergeTop, topPartial } from "./lib/shard/top_partial.ts";
export type { TopRecord } from "./lib/shard/top_partial.ts";
export { mergeSample, samplePartial } from "./lib/shard/sample_partial.ts";
export type { SampleRecord } from "./lib/shard/sample_partial.ts";

// Where the memory went.
export {
  formatBytes,
  formatCount,
  parseBytes,
  Summary,
} from "./lib/summary/summary.ts";
export type {
  FormatOptions,
  InputStats,
  MemoryBreakdown,
  MemoryPoint,
  RunStatus,
  StageReport,
  StageRow,
  SummaryJSON,
  SummaryOptions,
} from "./lib/summary/summary.ts";

// Scripts of your own with the command line's manners.
export { runScript } from "./lib/cli/script.ts";
export type {
  RunScriptOptions,
  ScriptContext,
  ScriptOption,
  ScriptSpec,
  ScriptValues,
} from "./lib/cli/script.ts";
