// Copyright 2026 the sluice authors. MIT license.
// The version `sluice --version` prints: the package's, as deno.json says
// (tests/cli/cli_test.ts checks that the two agree).

/** The version of the package. */
export const VERSION = "0.1.0";
