// Copyright 2026 the sluice authors. MIT license.
// Builds the WebAssembly modules of lib/ from their text: each `NAME.wat`
// becomes `NAME_wasm.ts` beside it, so that the published package carries
// the modules' bytes and needs no build step. `deno task wasm` runs it; a
// test of each module checks that the committed file is what it builds.

import wabtInit from "wabt";

/** A module's text, the file its bytes go to, and the constant named there. */
export interface WasmModule {
  wat: URL;
  out: URL;
  constant: string;
}

const lib = (path: string) => new URL(`../lib/${path}`, import.meta.url);

/** The literal search of lib/io/_literal_search.ts. */
export const LITERAL_WASM: WasmModule = {
  wat: lib("io/_literal.wat"),
  out: lib("io/_literal_wasm.ts"),
  constant: "LITERAL_WASM_BASE64",
};

/** The grouping read of lib/parallel/_group_scan.ts. */
export const GROUP_SCAN_WASM: WasmModule = {
  wat: lib("parallel/_group_scan.wat"),
  out: lib("parallel/_group_scan_wasm.ts"),
  constant: "GROUP_SCAN_WASM_BASE64",
};

/** The WebAssembly bytes of `module`'s text. */
export async function buildWasm(module: WasmModule): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(
    fileName(module.wat),
    await Deno.readTextFile(module.wat),
    { simd: true },
  );
  try {
    parsed.validate();
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The text of `module`'s TypeScript file for `bytes`. */
export function wasmSource(module: WasmModule, bytes: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  const lines = base64.match(/.{1,76}/g) ?? [];
  const wat = fileName(module.wat);
  return `// Copyright 2026 the sluice authors. MIT license.
// Generated from ${wat} by \`deno task wasm\`: do not edit.

/** The WebAssembly module of ${wat}, base64. */
export const ${module.constant} =
${lines.map((l) => `  "${l}"`).join(" +\n")};
`;
}

function fileName(url: URL): string {
  return url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
}

if (import.meta.main) {
  for (const module of [LITERAL_WASM, GROUP_SCAN_WASM]) {
    await Deno.writeTextFile(
      module.out,
      wasmSource(module, await buildWasm(module)),
    );
    console.log(`wrote ${module.out.pathname}`);
  }
}
