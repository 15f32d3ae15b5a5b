// Copyright 2026 the sluice authors. MIT license.
// Chunks across a worker boundary: strings go as one joined string and
// their lengths, one copy for the whole chunk instead of one per item.

/** A chunk's items as message fields. */
export function packItems(
  items: unknown[],
): { items: unknown[] } | { text: string; lengths: Uint32Array } {
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== "string") return { items };
  }
  const lengths = new Uint32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    lengths[i] = (items[i] as string).length;
  }
  return { text: (items as string[]).join(""), lengths };
}

/** The items of message fields made by packItems(). */
export function unpackItems(
  message: { items?: unknown[]; text?: string; lengths?: Uint32Array },
): unknown[] {
  if (message.items !== undefined) return message.items;
  const lengths = message.lengths!;
  const text = message.text!;
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
