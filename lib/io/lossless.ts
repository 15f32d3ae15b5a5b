// Copyright 2026 the sluice authors. MIT license.
// Text that keeps its bytes: invalid UTF-8 as lone surrogates (Python's
// "surrogateescape"), and back. Plain TypeScript, no I/O.

import { firstInvalidUtf8 } from "./_utf8.ts";

/**
 * What ends the last line of an input that had no LF, read with
 * `readLines(..., { lossless: true, markUnterminated: true })`: the lone
 * surrogate U+DC0A, which no decoding produces. {@linkcode writeLines} with
 * `lossless: true` leaves out the LF after it when that line is the last
 * one written, and {@linkcode encodeLossless} writes no byte for it.
 *
 * @example Telling the last line that had no LF
 * ```ts
 * import { readLines, UNTERMINATED } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const bytes = new TextEncoder().encode("a\nb");
 * const lines: string[] = [];
 * const options = { lossless: true, markUnterminated: true };
 * for await (const l of readLines(ReadableStream.from([bytes]), options)) lines.push(l);
 * assert.deepEqual(lines, ["a", "b" + UNTERMINATED]);
 * ```
 */
export const UNTERMINATED = "\uDC0A";

const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Decodes UTF-8 without losing a byte: valid UTF-8 as `TextDecoder` does
 * (a BOM kept as U+FEFF), and each byte that is not part of a valid
 * character as a lone surrogate, byte `0x80 + k` as U+DC80 + k (as Python's
 * "surrogateescape"). Valid UTF-8 never decodes to a lone surrogate, so
 * {@linkcode encodeLossless} gives back the same bytes, whatever they are.
 *
 * Valid input is decoded in one call of the platform's decoder; only input
 * that holds invalid bytes is walked byte by byte.
 *
 * @param bytes The bytes.
 * @returns The text, with invalid bytes as U+DC80-U+DCFF.
 *
 * @example Invalid bytes round-trip
 * ```ts
 * import { decodeLossless, encodeLossless } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0d]); // "caf", a Latin-1 e acute, a CR
 * const text = decodeLossless(bytes);
 * assert.equal(text, "caf\uDCE9\r");
 * assert.deepEqual(encodeLossless(text), bytes);
 * ```
 */
export function decodeLossless(bytes: Uint8Array): string {
  try {
    return fatal.decode(bytes);
  } catch {
    return escapeDecode(bytes);
  }
}

/** Decodes `bytes`, which hold invalid UTF-8, a valid run at a time. */
function escapeDecode(bytes: Uint8Array): string {
  const parts: string[] = [];
  let from = 0;
  while (from < bytes.length) {
    const bad = firstInvalidUtf8(bytes, from, bytes.length);
    if (bad === -1) {
      parts.push(fatal.decode(bytes.subarray(from)));
      break;
    }
    if (bad > from) parts.push(fatal.decode(bytes.subarray(from, bad)));
    // One byte at a time: the bytes after a bad lead are continuation bytes
    // (or a new start), so each invalid byte becomes one surrogate.
    parts.push(String.fromCharCode(0xdc00 | bytes[bad]!));
    from = bad + 1;
  }
  return parts.join("");
}

/**
 * Encodes text as UTF-8, giving back the bytes that
 * {@linkcode decodeLossless} read: a lone surrogate U+DC80-U+DCFF becomes
 * the one byte it stands for, {@linkcode UNTERMINATED} no byte, and any
 * other lone surrogate U+FFFD (as `TextEncoder` writes it). Well-formed
 * text is encoded in one call of the platform's encoder.
 *
 * @param text The text.
 * @returns Its bytes.
 *
 * @example Writing back what was read
 * ```ts
 * import { decodeLossless, encodeLossless } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0xc3]);
 * assert.deepEqual(encodeLossless(decodeLossless(bytes)), bytes);
 * assert.deepEqual(encodeLossless("\u00e9"), new Uint8Array([0xc3, 0xa9]));
 * ```
 */
export function encodeLossless(text: string): Uint8Array {
  if (text.isWellFormed()) return encoder.encode(text);
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  let from = 0;
  const put = (end: number) => {
    if (end > from) {
      n += encoder.encodeInto(text.slice(from, end), out.subarray(n)).written;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a pair: a character beyond the BMP
        continue;
      }
    }
    put(i);
    if (c >= 0xdc80 && c <= 0xdcff) {
      out[n++] = c & 0xff;
    } else if (c !== 0xdc0a) {
      out[n++] = 0xef;
      out[n++] = 0xbf;
      out[n++] = 0xbd;
    }
    from = i + 1;
  }
  put(text.length);
  return out.slice(0, n);
}
