// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  DeadLetterWriter,
  registerDeadLetter
} from "./chunk-W7PSUR2W.js";

// lib/policy/dead_letter.ts
function deadLetter(target) {
  const writer = new DeadLetterWriter(target);
  return registerDeadLetter({
    target: writer.name
  }, writer);
}

export {
  deadLetter
};
