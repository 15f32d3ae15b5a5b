// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/cli/_format_options.ts
var FORMAT_OPTIONS = {
  format: {
    type: "string",
    description: "read each line (CSV: record) in format NAME: combined, common, syslog, json, logfmt, csv, tsv, words, auto or regex:PATTERN (named groups, as (?<ip>\\S+)); fields are then that format's, nested JSON paths too (req.ip, items[0].id), words by number (-k 3); a line not in the format is an error. Default: a line starting with { is JSON, others logfmt",
    valueName: "NAME"
  },
  columns: {
    type: "string",
    description: "with --format csv or tsv: the field names (the first line is then a record, not a header)",
    valueName: "A,B"
  }
};
var SKIP_OPTIONS = {
  "on-error": {
    type: "string",
    description: "with --format, what to do with a line not in the format: fail (default) or skip (counted; see --summary)",
    valueName: "fail|skip"
  },
  "max-errors": {
    type: "string",
    description: "with --on-error skip, stop after N such lines",
    valueName: "N"
  }
};
var TIME_FIELD_OPTION = {
  "time-field": {
    type: "string",
    description: "the time field of --by-time (default: the format's own, time_local of combined and common, timestamp of syslog)",
    valueName: "F"
  },
  zone: {
    type: "string",
    description: "the zone of times written without an offset: UTC (default), an offset such as +02:00, or a name such as Europe/Berlin",
    valueName: "ZONE"
  },
  year: {
    type: "string",
    description: "the year of syslog times, which have none (default: the newest input's modification time, rolled back across New Year)",
    valueName: "YYYY"
  }
};
function checkTimeOptions(ctx, byTime) {
  if (byTime) return;
  for (const name of [
    "time-field",
    "zone",
    "year"
  ]) {
    if (ctx.values[name] !== void 0) {
      ctx.usageError(`--${name} needs --by-time`);
    }
  }
}
var FIELD_GREP_OPTIONS = {
  ...FORMAT_OPTIONS,
  key: {
    type: "string",
    short: "k",
    description: "match PATTERN against this field of each record, not the line: of --format's records (a path such as req.ip or items[0].id; for words a number), else of JSON or logfmt lines; a record without it (or null there) never matches, so -v selects it",
    valueName: "FIELD"
  },
  ...SKIP_OPTIONS
};
function matchesFields(ctx) {
  return [
    "format",
    "key",
    "columns",
    "on-error",
    "max-errors"
  ].some((name) => ctx.values[name] !== void 0);
}

export {
  FORMAT_OPTIONS,
  SKIP_OPTIONS,
  TIME_FIELD_OPTION,
  checkTimeOptions,
  FIELD_GREP_OPTIONS,
  matchesFields
};
