// Copyright 2026 the sluice authors. MIT license.
// Text quoted for an error message. Its own module, so that the readers of
// JSON and logfmt fields, which quote what they cannot read, do not load the
// time parser (_time.ts and _zone.ts, 18 KB of source) for it.

/** `text` quoted for a message, cut when long. */
export function quote(text: string): string {
  return JSON.stringify(
    text.length > 120 ? `${text.slice(0, 119)}\u2026` : text,
  );
}
