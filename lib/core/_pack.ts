// Copyright 2026 the sluice authors. MIT license.
// Chunks across a worker boundary: strings go as one joined string and
// their lengths, one copy for the whole chunk instead of one per item; from
// a worker, as that string's UTF-8 bytes, transferred.

/** A chunk's items as message fields, made by packItems(). */
export interface PackedItems {
  /** The items themselves, when some are not strings. */
  items?: unknown[];
  /** The strings joined. */
  text?: string;
  /** The strings joined, as UTF-8 (see packItems). */
  bytes?: Uint8Array;
  /** Each string's length in UTF-16 code units. */
  lengths?: Uint32Array;
}

const encoder = new TextEncoder();
// A U+FEFF that starts the text is the first string's, not a byte order mark.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * A chunk's items as message fields. With `asBytes`, strings go as the
 * UTF-8 bytes of their joined text (unless that holds a lone surrogate,
 * which UTF-8 cannot carry), to be transferred (see transferOf): a
 * receiving thread that keeps them a while, until the answers before them
 * have come, then holds bytes outside V8's heap, not a string that survives
 * its scavenges. parallel() T1 with 2 workers over 4 GiB of the bench
 * corpus, at V8's defaults: the main thread's young generation grew to
 * 54.5 MiB with the results sent as strings, stayed at 8 MiB so; peak RSS
 * 200.3 -> 175.0 MiB, the same time (5 runs in turns, medians).
 */
export function packItems(items: unknown[], asBytes = false): PackedItems {
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== "string") return { items };
  }
  const lengths = new Uint32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    lengths[i] = (items[i] as string).length;
  }
  const text = (items as string[]).join("");
  if (asBytes && text.isWellFormed()) {
    return { bytes: encoder.encode(text), lengths };
  }
  return { text, lengths };
}

/** What to transfer with a message that holds `packed`. */
export function transferOf(packed: PackedItems): ArrayBuffer[] {
  return packed.bytes === undefined ? [] : [packed.bytes.buffer as ArrayBuffer];
}

/** The items of message fields made by packItems(). */
export function unpackItems(message: PackedItems): unknown[] {
  if (message.items !== undefined) return message.items;
  const lengths = message.lengths!;
  const text = message.bytes !== undefined
    ? decoder.decode(message.bytes)
    : message.text!;
  const out = new Array(lengths.length);
  let at = 0;
  for (let i = 0; i < out.length; i++) {
    const length = lengths[i]!;
    if (length === 0) {
      out[i] = "";
      continue;
    }
    out[i] = text.slice(at, at + length);
    at += length;
  }
  return out;
}
