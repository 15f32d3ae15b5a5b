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

export function referenceLines(
  bytes: Uint8Array,
  options: ReferenceOptions = {},
): ReferenceResult {
  const max = options.maxLineBytes ?? Infinity;
  const policy = options.onLongLine ?? "error";
  const decode = (b: Uint8Array) =>
    new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const lines: string[] = [];
  const numbers: number[] = [];
  let number = 0;
  while (start < bytes.length) {
    number++;
    let end = bytes.indexOf(10, start);
    const next = end === -1 ? bytes.length : end + 1;
    if (end === -1) end = bytes.length;
    else if (end > start && bytes[end - 1] === 13) end--;
    const line = bytes.subarray(start, end);
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
    start = next;
  }
  return { lines, numbers };
}
