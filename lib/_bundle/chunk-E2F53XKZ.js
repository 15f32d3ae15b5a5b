// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/fs/_close.ts
function closeQuietly(file) {
  try {
    file.close();
  } catch {
  }
}

export {
  closeQuietly
};
