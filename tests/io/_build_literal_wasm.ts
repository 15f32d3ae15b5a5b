// Copyright 2026 the sluice authors. MIT license.
// Builds lib/io/_literal_wasm.ts from lib/io/_literal.wat, so that the
// published package carries the module's bytes and needs no build step.
// `deno task wasm` runs it; tests/io/literal_search_test.ts checks that the
// committed file is what it builds.

import wabtInit from "wabt";

const WAT = new URL("../../lib/io/_literal.wat", import.meta.url);
const OUT = new URL("../../lib/io/_literal_wasm.ts", import.meta.url);

/** The WebAssembly bytes of lib/io/_literal.wat. */
export async function buildLiteralWasm(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(
    "_literal.wat",
    await Deno.readTextFile(WAT),
    { simd: true },
  );
  try {
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** The text of lib/io/_literal_wasm.ts for `bytes`. */
export function literalWasmSource(bytes: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  const lines = base64.match(/.{1,76}/g) ?? [];
  return `// Copyright 2026 the sluice authors. MIT license.
// Generated from _literal.wat by \`deno task wasm\`: do not edit.

/** The WebAssembly module of _literal.wat, base64. */
export const LITERAL_WASM_BASE64 =
${lines.map((l) => `  "${l}"`).join(" +\n")};
`;
}

if (import.meta.main) {
  await Deno.writeTextFile(OUT, literalWasmSource(await buildLiteralWasm()));
  console.log(`wrote ${OUT.pathname}`);
}
