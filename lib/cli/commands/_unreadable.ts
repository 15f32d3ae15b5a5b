// Copyright 2026 the sluice authors. MIT license.
// Why an input cannot be read, in GNU's words: grep, head and tail report
// such an input and go on with the others, as GNU's do.

import { grantAdvice, toStderr } from "../_util.ts";

/**
 * Why `input` cannot be read, in GNU's words, or undefined when it can. A
 * stat in this thread, as the input's own (see openPath): with many inputs,
 * one handed to Deno's I/O threads and back for each added up.
 */
export function unreadable(input: string): string | undefined {
  // Standard input and URLs are found out by reading them.
  if (input === "-" || /^https?:\/\//i.test(input)) return undefined;
  try {
    const info = Deno.statSync(input);
    return info.isDirectory ? "Is a directory" : undefined;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return "No such file or directory";
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      return "Permission denied";
    }
    return grantAdvice((error as Error).message);
  }
}

/**
 * Whether `input` can be read; when it cannot, says why on standard error as
 * `COMMAND: INPUT: why` (GNU's form), unless `silent` (grep -s), for the
 * caller to go on with the others.
 */
export async function readableOrSaid(
  command: string,
  input: string,
  silent = false,
): Promise<boolean> {
  const problem = unreadable(input);
  if (problem === undefined) return true;
  if (!silent) await toStderr(`${command}: ${input}: ${problem}\n`);
  return false;
}
