// Copyright 2026 the sluice authors. MIT license.
// Which keys a logfmt pair can have: the readers of one key's value
// (logfmtGetter, and pickFields on a line's bytes) find none of the others,
// as parseLogfmt never makes them.

/**
 * Whether a pair can have `key` as its name: a name ends at the first space
 * or `=`, and is not empty (see parseLogfmt).
 */
export function isLogfmtKey(key: string): boolean {
  return key !== "" && !key.includes(" ") && !key.includes("=");
}
