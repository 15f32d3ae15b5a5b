// Copyright 2026 the sluice authors. MIT license.
// A deliberately simple reference for the line rule: whole input in memory,
// split on LF bytes, one decode per line. Tests compare readLines against it.

export interface ReferenceOptions {
  maxLineBytes?: number;
  onLongLine?: "error" | "split" | "skip";
}

export type ReferenceResult =
  | { lines: string[]; numbers: number[] }
  | { error: { line: number; offset: number } };

/** Splits bytes into character units: well-formed UTF-8 sequences, or single bytes. */
function units(bytes: Uint8Array): number[] {
  const sizes: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let size = 1;
    for (const n of [2, 3, 4]) {
      if (i + n > bytes.length) break;
      const piece = bytes.subarray(i, i + n);
      try {
        const s = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
          .decode(piece);
        if ([...s].length === 1 && new TextEncoder().encode(s).length === n) {
          size = n;
          break;
        }
      } catch {
        // not a character of n bytes
      }
    }
    sizes.push(size);
    i += size;
  }
  return sizes;
}

/**
 * The lines of `bytes` by the plain rule, before any decoding: a BOM at the
 * start dropped, cut at LF, a CR before the LF dropped; with their numbers
 * and where each starts.
 */
function* rawLines(
  bytes: Uint8Array,
): Generator<{ number: number; start: number; line: Uint8Array }> {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  let number = 0;
  while (start < bytes.length) {
    number++;
    let end = bytes.indexOf(10, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    else if (end > start && bytes[end - 1] === 13) end--;
    yield { number, start, line: bytes.subarray(start, end) };
    start = next;
  }
}

export function referenceLines(
  bytes: Uint8Array,
  options: ReferenceOptions = {},
): ReferenceResult {
  const max = options.maxLineBytes ?? Infinity;
  const policy = options.onLongLine ?? "error";
  const decode = (b: Uint8Array) =>
    new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
  const lines: string[] = [];
  const numbers: number[] = [];
  for (const { number, start, line } of rawLines(bytes)) {
    if (line.length <= max) {
      lines.push(decode(line));
      numbers.push(number);
    } else if (policy === "error") {
      return { error: { line: number, offset: start } };
    } else if (policy === "split") {
      let piece = 0;
      let at = 0;
      for (const size of units(line)) {
        if (piece + size > max) {
          lines.push(decode(line.subarray(at, at + piece)));
          numbers.push(number);
          at += piece;
          piece = 0;
        }
        piece += size;
      }
      lines.push(decode(line.subarray(at, at + piece)));
      numbers.push(number);
    }
  }
  return { lines, numbers };
}

/** A line the reference found to be an error: too long, or not valid UTF-8. */
export interface ReferenceFailure {
  kind: "long" | "utf8";
  line: number;
  /** Where the line starts (long) or its first bad byte (utf8). */
  offset: number;
  /** The line's bytes, without its line ending. */
  bytes: Uint8Array;
}

/**
 * The line rule with `fatal: true`, `onLongLine: "error"` and a policy that
 * drops bad lines: the good lines, and the bad ones in order. The first bad
 * byte is the first byte that does not start a whole character.
 */
export function referenceBadLines(
  bytes: Uint8Array,
  maxLineBytes: number,
): { lines: string[]; numbers: number[]; failures: ReferenceFailure[] } {
  const lines: string[] = [];
  const numbers: number[] = [];
  const failures: ReferenceFailure[] = [];
  for (const { number, start, line } of rawLines(bytes)) {
    if (line.length > maxLineBytes) {
      failures.push({ kind: "long", line: number, offset: start, bytes: line });
    } else {
      let at = 0;
      let bad = -1;
      for (const size of units(line)) {
        if (size === 1 && line[at]! >= 0x80) {
          bad = at;
          break;
        }
        at += size;
      }
      if (bad === -1) {
        lines.push(new TextDecoder("utf-8", { ignoreBOM: true }).decode(line));
        numbers.push(number);
      } else {
        failures.push({
          kind: "utf8",
          line: number,
          offset: start + bad,
          bytes: line,
        });
      }
    }
  }
  return { lines, numbers, failures };
}
