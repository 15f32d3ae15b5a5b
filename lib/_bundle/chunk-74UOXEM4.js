// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  grantAdvice,
  toStderr
} from "./chunk-AJRTXXC2.js";

// lib/cli/commands/_unreadable.ts
function unreadable(input) {
  if (input === "-" || /^https?:\/\//i.test(input)) return void 0;
  try {
    const info = Deno.statSync(input);
    return info.isDirectory ? "Is a directory" : void 0;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      return "No such file or directory";
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      return "Permission denied";
    }
    return grantAdvice(error.message);
  }
}
async function readableOrSaid(command, input, silent = false) {
  const problem = unreadable(input);
  if (problem === void 0) return true;
  if (!silent) await toStderr(`${command}: ${input}: ${problem}
`);
  return false;
}

export {
  unreadable,
  readableOrSaid
};
