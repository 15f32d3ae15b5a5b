// Copyright 2026 the sluice authors. MIT license.
// Which compression an input is in: by its first bytes where the format has
// a signature, by its name where it has none (brotli). The one place that
// decides, for opening, resuming, following and reading in ranges alike.

/** A compression format sluice recognises. */
export type Format = "gzip" | "zstd" | "brotli" | "bzip2" | "xz" | "lz4";

/** What a reader is asked to do about compression. */
export type CompressionChoice = "auto" | "none" | "gzip" | "zstd" | "brotli";

/** The formats the platform can decode; the others are refused. */
export const DECODABLE: ReadonlySet<Format> = new Set([
  "gzip",
  "zstd",
  "brotli",
]);

/** The command that decompresses each format to standard output. */
export const DECOMPRESS_COMMAND: Readonly<Record<Format, string>> = {
  gzip: "gzip -dc",
  zstd: "zstd -dc",
  brotli: "brotli -dc",
  bzip2: "bzip2 -dc",
  xz: "xz -dc",
  lz4: "lz4 -dc",
};

/** Name endings, any case, and the format each names. */
const ENDINGS: readonly (readonly [string, Format])[] = [
  [".gz", "gzip"],
  [".tgz", "gzip"],
  [".zst", "zstd"],
  [".br", "brotli"],
  [".bz2", "bzip2"],
  [".xz", "xz"],
  [".lz4", "lz4"],
];

/** The formats an output can be compressed in. */
export type OutputFormat = "gzip" | "zstd";

/**
 * The compression a target's name asks for, any case. Here, not with the
 * compressors (io/_compress.ts), so that a writer can tell whether it
 * compresses without loading them.
 */
export function outputFormatByName(path: string): OutputFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".gz")) return "gzip";
  if (lower.endsWith(".zst")) return "zstd";
  return undefined;
}

/** The format a file's name says it is in, whatever the case. */
export function formatByName(path: string): Format | undefined {
  const lower = path.toLowerCase();
  for (const [ending, format] of ENDINGS) {
    if (lower.endsWith(ending)) return format;
  }
  return undefined;
}

/** The name without a compression ending: `app.log.2.gz` is `app.log.2`. */
export function withoutCompressionEnding(name: string): string {
  const lower = name.toLowerCase();
  for (const [ending] of ENDINGS) {
    if (lower.endsWith(ending) && lower.length > ending.length) {
      return name.slice(0, -ending.length);
    }
  }
  return name;
}

/**
 * Signatures, byte by byte (`-1` is any byte): enough of each that a text
 * file does not start with it by chance. bzip2's is "BZh", a block size
 * digit and the magic of its first block (or of its end, when empty).
 */
const SIGNATURES: readonly (readonly [Format, readonly number[]])[] = [
  ["gzip", [0x1f, 0x8b]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["lz4", [0x04, 0x22, 0x4d, 0x18]],
  ["bzip2", [0x42, 0x5a, 0x68, -1, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59]],
  ["bzip2", [0x42, 0x5a, 0x68, -1, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90]],
];

/** A zstd skippable frame starts with 0x184D2A5? (little-endian). */
function skippableAt(head: Uint8Array): boolean | undefined {
  const want = [-1, 0x2a, 0x4d, 0x18];
  for (let i = 0; i < want.length; i++) {
    if (i >= head.length) return undefined;
    const b = head[i]!;
    if (i === 0 ? (b & 0xf0) !== 0x50 : b !== want[i]) return false;
  }
  return true;
}

/** The most bytes {@linkcode formatByContent} needs to decide. */
export const SIGNATURE_BYTES = 10;

/**
 * The format `head` (the first bytes of an input) shows, `null` for none,
 * or `undefined` when more bytes are needed to tell (only while `head` is
 * a prefix of some signature, so that a line typed on a terminal is not
 * held back waiting for more).
 */
export function formatByContent(
  head: Uint8Array,
  ended = false,
): Format | null | undefined {
  let open = false;
  for (const [format, signature] of SIGNATURES) {
    let i = 0;
    while (
      i < signature.length && i < head.length &&
      (signature[i] === -1 || signature[i] === head[i])
    ) i++;
    if (i === signature.length) {
      if (format !== "bzip2" || (head[3]! >= 0x31 && head[3]! <= 0x39)) {
        return format;
      }
    } else if (i === head.length) open = true;
  }
  const skippable = skippableAt(head);
  if (skippable === true) return "zstd";
  if (skippable === undefined) open = true;
  return open && !ended ? undefined : null;
}

/**
 * What to do with an input: the format to decode, or `undefined` to read it
 * as it is. `name` is the input's path (for the name rules) and `head` its
 * first bytes (see {@linkcode formatByContent}); a name that says
 * compressed wins over content that shows no signature, so that a damaged
 * or empty `.gz` is an error rather than binary text.
 */
export function chooseFormat(
  choice: CompressionChoice,
  name: string | undefined,
  head: Uint8Array,
): Format | undefined {
  if (choice === "none") return undefined;
  if (choice !== "auto") return choice;
  const named = name === undefined ? undefined : formatByName(name);
  // Brotli has no signature: its name is all there is to go by.
  if (named === "brotli") return "brotli";
  return formatByContent(head, true) ?? named;
}

/**
 * Whether the file at `path` is compressed, by name or by its first bytes.
 * For deciding, before a run, whether workers may read it in byte ranges.
 */
export function isCompressedFileSync(path: string): boolean {
  if (formatByName(path) !== undefined) return true;
  try {
    using file = Deno.openSync(path, { read: true });
    const head = new Uint8Array(SIGNATURE_BYTES);
    let n = 0;
    while (n < head.length) {
      const got = file.readSync(head.subarray(n));
      if (got === null) break;
      n += got;
    }
    return formatByContent(head.subarray(0, n), true) !== null;
  } catch {
    return false; // the reader will report it
  }
}
