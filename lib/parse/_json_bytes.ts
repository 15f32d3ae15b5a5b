// Copyright 2026 the sluice authors. MIT license.
// A top-level member of a JSON line found on the line's UTF-8, for the
// readers of a key on a line's bytes that sort() takes lines by (see
// LineKeyReader in core/_registry.ts). Only flat objects are read so: a line
// with a nested value, an escaped key, or anything this reading does not
// take for JSON is left to the line's text, which lineField reads (see
// _json_field.ts).

import type { LineKeyReader } from "../core/_registry.ts";
import { isDigit } from "./_json.ts";
import { isHex } from "./_json_field.ts";

/** A value that is not one this reading gives: the text must tell. */
const TEXT = -2;

/**
 * Reads member `name` of a JSON line that starts with `{`, on its bytes, as
 * lineField reads it in the text: the last member so named, where the
 * object is flat (no value an object or an array). Where the member's value
 * is a string without an escape, {@linkcode JsonMemberReader.find} gives
 * where its characters start, and `end` where they end; where it is an
 * integer, its digits: with `text` (see lineField's `text`) as its JSON
 * text (but `-0`, which is `0`), else noted as a number (`number`). -1 where
 * the object has no such member; -2 (the text tells) for any other value,
 * and for any line this reading does not take for a flat JSON object, valid
 * or not.
 */
export class JsonMemberReader implements LineKeyReader {
  end = 0;
  number = false;
  #name: Uint8Array;
  #text: boolean;
  /** Whether the string read last held an escape. */
  #escaped = false;
  /** Whether the number read last had neither a fraction nor an exponent. */
  #integer = false;

  constructor(name: Uint8Array, text: boolean) {
    this.#name = name;
    this.#text = text;
  }

  find(b: Uint8Array, start: number, end: number): number {
    let found = -1;
    let foundEnd = 0;
    let number = false;
    let p = this.#blanks(b, start + 1, end);
    if (p < end && b[p] === 125) { // }
      p++;
    } else {
      while (true) {
        if (p >= end || b[p] !== 34) return TEXT;
        const keyAt = p + 1;
        const keyEnd = this.#string(b, p, end);
        if (keyEnd === -1 || this.#escaped) return TEXT;
        p = this.#blanks(b, keyEnd + 1, end);
        if (p >= end || b[p] !== 58) return TEXT; // :
        p = this.#blanks(b, p + 1, end);
        if (p >= end) return TEXT;
        const named = this.#named(b, keyAt, keyEnd);
        const c = b[p]!;
        if (c === 34) { // "
          const q = this.#string(b, p, end);
          if (q === -1) return TEXT;
          if (named) {
            if (this.#escaped) return TEXT;
            found = p + 1;
            foundEnd = q;
            number = false;
          }
          p = q + 1;
        } else if (c === 45 || isDigit(c)) { // - or a digit
          const q = this.#number(b, p, end);
          if (q === -1) return TEXT;
          if (named) {
            // An integer's digits are its JSON text, but -0's.
            const minusZero = q === p + 2 && c === 45 && b[p + 1] === 48;
            if (!this.#integer || (this.#text && minusZero)) return TEXT;
            found = p;
            foundEnd = q;
            number = !this.#text;
          }
          p = q;
        } else {
          const q = this.#word(b, p, end);
          if (q === -1 || named) return TEXT;
          p = q;
        }
        p = this.#blanks(b, p, end);
        if (p >= end) return TEXT;
        const next = b[p++];
        if (next === 125) break; // }
        if (next !== 44) return TEXT; // ,
        p = this.#blanks(b, p, end);
      }
    }
    if (this.#blanks(b, p, end) !== end) return TEXT;
    this.end = foundEnd;
    this.number = number;
    return found;
  }

  /** Whether the key at `b[from, to)` is the name. */
  #named(b: Uint8Array, from: number, to: number): boolean {
    const name = this.#name;
    if (to - from !== name.length) return false;
    for (let i = 0; i < name.length; i++) {
      if (b[from + i] !== name[i]) return false;
    }
    return true;
  }

  /** Past JSON's whitespace from `p`. */
  #blanks(b: Uint8Array, p: number, end: number): number {
    while (p < end) {
      const c = b[p]!;
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
      p++;
    }
    return p;
  }

  /**
   * The closing quote of the string whose opening quote is at `p`, or -1
   * when it is not one; notes in #escaped whether it holds an escape.
   */
  #string(b: Uint8Array, p: number, end: number): number {
    this.#escaped = false;
    for (let i = p + 1; i < end; i++) {
      const c = b[i]!;
      if (c === 34) return i;
      if (c < 32) return -1;
      if (c !== 92) continue;
      this.#escaped = true;
      const e = b[++i];
      if (e === 117) { // \uXXXX
        if (i + 4 >= end) return -1;
        for (let k = 1; k <= 4; k++) if (!isHex(b[i + k]!)) return -1;
        i += 4;
      } else if (
        e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 &&
        e !== 110 && e !== 114 && e !== 116
      ) return -1;
    }
    return -1;
  }

  /**
   * Past the number at `p`, -1 when it is not one; notes in #integer whether
   * it has neither a fraction nor an exponent.
   */
  #number(b: Uint8Array, p: number, end: number): number {
    let q = p;
    if (b[q] === 45) q++;
    if (q >= end) return -1;
    if (b[q] === 48) {
      q++;
    } else if (isDigit(b[q]!)) {
      while (q < end && isDigit(b[q]!)) q++;
    } else {
      return -1;
    }
    this.#integer = true;
    if (q < end && b[q] === 46) { // .
      this.#integer = false;
      q++;
      if (q >= end || !isDigit(b[q]!)) return -1;
      while (q < end && isDigit(b[q]!)) q++;
    }
    if (q < end && (b[q] === 101 || b[q] === 69)) { // e E
      this.#integer = false;
      q++;
      if (q < end && (b[q] === 43 || b[q] === 45)) q++;
      if (q >= end || !isDigit(b[q]!)) return -1;
      while (q < end && isDigit(b[q]!)) q++;
    }
    return q;
  }

  /** Past `true`, `false` or `null` at `p`; -1 when none is there. */
  #word(b: Uint8Array, p: number, end: number): number {
    const c = b[p];
    const word = c === 116 ? TRUE : c === 102 ? FALSE : c === 110 ? NULL : null;
    if (word === null || p + word.length > end) return -1;
    for (let i = 0; i < word.length; i++) {
      if (b[p + i] !== word[i]) return -1;
    }
    return p + word.length;
  }
}

const TRUE = new TextEncoder().encode("true");
const FALSE = new TextEncoder().encode("false");
const NULL = new TextEncoder().encode("null");
