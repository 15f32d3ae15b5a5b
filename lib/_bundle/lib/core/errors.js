// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// @ts-self-types="../../../core/errors.ts"
import {
  CheckpointError,
  DecompressionError,
  InvalidUtf8Error,
  LineTooLongError,
  StageError,
  TooManyErrorsError,
  UsageError
} from "../../chunk-LHRNZXWF.js";
export {
  CheckpointError,
  DecompressionError,
  InvalidUtf8Error,
  LineTooLongError,
  StageError,
  TooManyErrorsError,
  UsageError
};
