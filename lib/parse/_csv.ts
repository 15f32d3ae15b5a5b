// Copyright 2026 the sluice authors. MIT license.
// CSV (RFC 4180) and TSV records from lines: fields separated by a comma (or
// a tab), a field in double quotes may hold the separator, doubled quotes
// and line breaks, so that one record may span several lines. The reader
// takes one line at a time and keeps only the record it is in, within a
// bound of bytes.

/** Reads records from lines; one reader per run. */
export class CsvReader {
  /** The fields of the record being read, when it spans lines. */
  #fields: string[] = [];
  /** The quoted field being read, when it spans lines. */
  #field = "";
  #open = false;
  #bytes = 0;
  readonly #sep: string;
  readonly #maxBytes: number;

  /**
   * @param separator `","` or `"\t"`.
   * @param maxRecordBytes The most UTF-8 bytes of one record.
   */
  constructor(separator: string, maxRecordBytes: number) {
    this.#sep = separator;
    this.#maxBytes = maxRecordBytes;
  }

  /** Whether a record is open: a quoted field goes on on the next line. */
  get open(): boolean {
    return this.#open;
  }

  /** Forgets the open record (after it failed). */
  reset(): void {
    this.#fields = [];
    this.#field = "";
    this.#open = false;
    this.#bytes = 0;
  }

  /**
   * Takes the next line: the fields of the record it ends, or undefined
   * while a quoted field goes on to the next line. A blank line outside a
   * record is no record: undefined.
   *
   * @throws {SyntaxError} When a quoted field is followed by other text.
   * @throws {RangeError} When the record grows beyond the bound.
   */
  line(text: string): string[] | undefined {
    if (!this.#open) {
      if (text.length * 3 > this.#maxBytes) this.#check(utf8Length(text));
      // Most lines have no quote at all.
      if (text.indexOf('"') === -1) {
        return text === "" ? undefined : text.split(this.#sep);
      }
      const fields = this.#fieldsFrom(text, 0, []);
      if (this.#open) this.#bytes = utf8Length(text);
      return fields;
    }
    this.#check(this.#bytes + 1 + utf8Length(text));
    // Inside a quoted field: the line break is part of it.
    this.#field += "\n";
    const fields = this.#fields;
    this.#fields = [];
    this.#open = false;
    const i = this.#quoted(text, 0, fields);
    if (i < 0) return undefined;
    // At the line's end, or past the separator to the next field.
    return i === text.length ? fields : this.#fieldsFrom(text, i + 1, fields);
  }

  /** Takes `bytes` as the record's size, or throws when it is too many. */
  #check(bytes: number): void {
    this.#bytes = bytes;
    if (bytes <= this.#maxBytes) return;
    const open = this.#open;
    this.reset();
    throw new RangeError(
      `Record is longer than maxRecordBytes (${this.#maxBytes})${
        open ? ": is a quote left open?" : ""
      }`,
    );
  }

  /** The record's fields from `i`, where a field starts, to the line's end. */
  #fieldsFrom(
    text: string,
    from: number,
    fields: string[],
  ): string[] | undefined {
    const sep = this.#sep;
    const n = text.length;
    let i = from;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        this.#field = "";
        i = this.#quoted(text, i + 1, fields);
        if (i < 0) return undefined;
        if (i === n) return fields;
        i++; // past the separator
        if (i === n) {
          fields.push("");
          return fields;
        }
        continue;
      }
      // An unquoted field; a quote inside it is only a character.
      const end = text.indexOf(sep, i);
      if (end === -1) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, end));
      i = end + 1;
      if (i === n) {
        fields.push("");
        return fields;
      }
    }
  }

  /**
   * Reads a quoted field's text from `i` (past its opening quote, or at the
   * start of a line inside it) onto `#field`. Returns the index after its
   * closing quote (at a separator or the line's end), or -1 when the field
   * goes on to the next line (the record is then open).
   */
  #quoted(text: string, from: number, fields: string[]): number {
    let i = from;
    for (;;) {
      const q = text.indexOf('"', i);
      if (q === -1) {
        this.#field += text.slice(i);
        this.#fields = fields;
        this.#open = true;
        return -1;
      }
      this.#field += text.slice(i, q);
      if (text.charCodeAt(q + 1) === 34) {
        this.#field += '"';
        i = q + 2;
        continue;
      }
      const after = q + 1;
      if (after < text.length && text[after] !== this.#sep) {
        this.reset();
        throw new SyntaxError(
          `A quoted field is followed by ${
            JSON.stringify(text.slice(after, after + 20))
          } where a separator or the end of the line belongs`,
        );
      }
      fields.push(this.#field);
      this.#field = "";
      return after;
    }
  }
}

/** The UTF-8 length of `text`. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 + 2.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/** Names for the header's fields: duplicates get `_2`, `_3`, ... */
export function headerNames(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}
