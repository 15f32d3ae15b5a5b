// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/summary/_format.ts
function formatBytes(bytes) {
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  const units = [
    "B",
    "KiB",
    "MiB",
    "GiB",
    "TiB"
  ];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}
function formatCount(n) {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  let out = digits.slice(0, (digits.length - 1) % 3 + 1);
  for (let i = out.length; i < digits.length; i += 3) {
    out += `,${digits.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
}
function formatMs(ms) {
  return ms >= 1e3 ? `${(ms / 1e3).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}
var UNITS = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1e3,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1e12,
  tib: 1024 ** 4
};
function parseBytes(text) {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m === null ? void 0 : UNITS[m[2].toLowerCase()];
  return m === null || unit === void 0 ? NaN : Number(m[1]) * unit;
}

export {
  formatBytes,
  formatCount,
  formatMs,
  parseBytes
};
