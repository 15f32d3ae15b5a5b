// Copyright 2026 the sluice authors. MIT license.

/** Options for {@linkcode listInputs}. */
export interface ListInputsOptions {
  /**
   * Replace a directory with the files under it, as `readLines` does with
   * `recursive: true`.
   *
   * @default {false}
   */
  recursive?: boolean;
}

/**
 * The files {@linkcode readLines} reads for these inputs, in the order it
 * reads them: each glob (`*`, `?`, `[...]`, and `**` for any number of
 * directories) replaced by the files it matches and, with `recursive`, each
 * directory by the files under it. A rotated set comes oldest first, the
 * live file last: `app.log.10.gz`, ..., `app.log.2.gz`, `app.log.1`,
 * `app.log` (and `app.log-20260101.gz` before `app.log-20260102.gz`);
 * other names in name order. Standard input (`"-"`), URLs and paths that
 * are neither stay as they are. A name with a glob character in it is
 * written with that character in brackets (`[*]`).
 *
 * @param inputs One input or several.
 * @param options Whether to read directories.
 * @returns The inputs, expanded.
 * @throws {Deno.errors.NotFound} For a glob that matches no file (the
 * message names the pattern).
 *
 * @example Listing a rotated set, oldest first
 * ```ts
 * import { listInputs } from "@sluice/sluice";
 * import assert from "node:assert/strict";
 *
 * const dir = await Deno.makeTempDir();
 * for (const name of ["app.log", "app.log.1", "app.log.2.gz", "app.log.10.gz"]) {
 *   await Deno.writeTextFile(`${dir}/${name}`, "");
 * }
 * assert.deepEqual(await listInputs(`${dir}/app.log*`), [
 *   `${dir}/app.log.10.gz`,
 *   `${dir}/app.log.2.gz`,
 *   `${dir}/app.log.1`,
 *   `${dir}/app.log`,
 * ]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function listInputs(
  inputs: string | readonly string[],
  options: ListInputsOptions = {},
): Promise<string[]> {
  // The globbing is loaded on first use, not with the library (README,
  // "Layout").
  const { expandInputs } = await import("../fs/_glob.ts");
  return await expandInputs(
    typeof inputs === "string" ? [inputs] : inputs,
    options.recursive ?? false,
  );
}
