// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/fs/_compression.ts
var DECODABLE = /* @__PURE__ */ new Set([
  "gzip",
  "zstd",
  "brotli"
]);
var DECOMPRESS_COMMAND = {
  gzip: "gzip -dc",
  zstd: "zstd -dc",
  brotli: "brotli -dc",
  bzip2: "bzip2 -dc",
  xz: "xz -dc",
  lz4: "lz4 -dc"
};
var ENDINGS = [
  [
    ".gz",
    "gzip"
  ],
  [
    ".tgz",
    "gzip"
  ],
  [
    ".zst",
    "zstd"
  ],
  [
    ".br",
    "brotli"
  ],
  [
    ".bz2",
    "bzip2"
  ],
  [
    ".xz",
    "xz"
  ],
  [
    ".lz4",
    "lz4"
  ]
];
function outputFormatByName(path) {
  const lower = path.toLowerCase();
  if (lower.endsWith(".gz")) return "gzip";
  if (lower.endsWith(".zst")) return "zstd";
  return void 0;
}
function formatByName(path) {
  const lower = path.toLowerCase();
  for (const [ending, format] of ENDINGS) {
    if (lower.endsWith(ending)) return format;
  }
  return void 0;
}
function withoutCompressionEnding(name) {
  const lower = name.toLowerCase();
  for (const [ending] of ENDINGS) {
    if (lower.endsWith(ending) && lower.length > ending.length) {
      return name.slice(0, -ending.length);
    }
  }
  return name;
}
var SIGNATURES = [
  [
    "gzip",
    [
      31,
      139
    ]
  ],
  [
    "zstd",
    [
      40,
      181,
      47,
      253
    ]
  ],
  [
    "xz",
    [
      253,
      55,
      122,
      88,
      90,
      0
    ]
  ],
  [
    "lz4",
    [
      4,
      34,
      77,
      24
    ]
  ],
  [
    "bzip2",
    [
      66,
      90,
      104,
      -1,
      49,
      65,
      89,
      38,
      83,
      89
    ]
  ],
  [
    "bzip2",
    [
      66,
      90,
      104,
      -1,
      23,
      114,
      69,
      56,
      80,
      144
    ]
  ]
];
function skippableAt(head) {
  const want = [
    -1,
    42,
    77,
    24
  ];
  for (let i = 0; i < want.length; i++) {
    if (i >= head.length) return void 0;
    const b = head[i];
    if (i === 0 ? (b & 240) !== 80 : b !== want[i]) return false;
  }
  return true;
}
var SIGNATURE_BYTES = 10;
function formatByContent(head, ended = false) {
  let open = false;
  for (const [format, signature] of SIGNATURES) {
    let i = 0;
    while (i < signature.length && i < head.length && (signature[i] === -1 || signature[i] === head[i])) i++;
    if (i === signature.length) {
      if (format !== "bzip2" || head[3] >= 49 && head[3] <= 57) {
        return format;
      }
    } else if (i === head.length) open = true;
  }
  const skippable = skippableAt(head);
  if (skippable === true) return "zstd";
  if (skippable === void 0) open = true;
  return open && !ended ? void 0 : null;
}
function chooseFormat(choice, name, head) {
  if (choice === "none") return void 0;
  if (choice !== "auto") return choice;
  const named = name === void 0 ? void 0 : formatByName(name);
  if (named === "brotli") return "brotli";
  return formatByContent(head, true) ?? named;
}
function isCompressedFileSync(path) {
  if (formatByName(path) !== void 0) return true;
  try {
    using file = Deno.openSync(path, {
      read: true
    });
    const head = new Uint8Array(SIGNATURE_BYTES);
    let n = 0;
    while (n < head.length) {
      const got = file.readSync(head.subarray(n));
      if (got === null) break;
      n += got;
    }
    return formatByContent(head.subarray(0, n), true) !== null;
  } catch {
    return false;
  }
}

export {
  DECODABLE,
  DECOMPRESS_COMMAND,
  outputFormatByName,
  formatByName,
  withoutCompressionEnding,
  SIGNATURE_BYTES,
  formatByContent,
  chooseFormat,
  isCompressedFileSync
};
