// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  readableOrSaid
} from "./chunk-74UOXEM4.js";
import {
  pipeStages,
  reportBinary,
  runStages
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import "./chunk-G2M2G3YN.js";
import {
  grep
} from "./chunk-F6OOGOMW.js";
import "./chunk-I5EFAMPC.js";
import "./chunk-7INCLF7L.js";
import "./chunk-57NEC6SS.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-YI5BI3QP.js";
import "./chunk-UFWFZGQU.js";
import {
  pipeline
} from "./chunk-X2CPFFEF.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import {
  readLines
} from "./chunk-HVBOXFPS.js";
import "./chunk-JEJGDMZV.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-YYVGN7B7.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import {
  writeLines
} from "./chunk-NSMWYBW2.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-DBGDXXNI.js";
import "./chunk-UQVDOQX2.js";
import "./chunk-Y6AFSVNC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-W7PSUR2W.js";
import "./chunk-65U4WM43.js";
import "./chunk-XSSWW4V7.js";
import "./chunk-FFM2QZVY.js";
import "./chunk-LTYBISTW.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";

// lib/cli/_grep_context.ts
async function grepContext(ctx, settings) {
  const { before, after, withName, lineNumber, kept } = settings;
  const silent = ctx.values["no-messages"] === true;
  const inputs = [];
  let trouble = false;
  for (const input of ctx.inputs) {
    if (await readableOrSaid("sluice grep", input, silent)) inputs.push(input);
    else trouble = true;
  }
  if (inputs.length === 0) return 2;
  const stage = (maxCount) => grep(settings.pattern, {
    invert: settings.invert,
    ignoreCase: settings.ignoreCase,
    before,
    after,
    separator: settings.separator,
    fileName: withName,
    lineNumber,
    worker: settings.userRegex,
    ...maxCount === void 0 ? {} : {
      maxCount
    }
  });
  const nameOf = (input) => input === "-" ? "(standard input)" : input;
  if (settings.maxCount === void 0 || inputs.length === 1) {
    await runStages(readLines(inputs, kept.read), [
      stage(settings.maxCount)
    ], writeLines(ctx.output, kept.write), ctx.pipelineOptions);
    const selected = ctx.summary.stages.at(-1).itemsIn > 0;
    const matching = [];
    for (const path of new Set(kept.binary)) {
      if (selected && (inputs.length === 1 || path === "(standard input)" || await settings.anyMatch(path))) matching.push(path);
    }
    await reportBinary("sluice grep", matching, "binary file matches");
    return trouble ? 2 : selected ? 0 : 1;
  }
  let written = false;
  const matchedBinary = [];
  async function* results() {
    for (const input of inputs) {
      let binary = false;
      let first = true;
      const lines = readLines(input, {
        ...kept.read,
        onBinary: () => void (binary = true)
      });
      for await (const out of pipeStages(lines, [
        stage(settings.maxCount)
      ], ctx.pipelineOptions)) {
        if (first) {
          if (written && settings.separator !== false) {
            yield settings.separator;
          }
          first = false;
          written = true;
        }
        yield out;
      }
      if (binary && !first) matchedBinary.push(nameOf(input));
    }
  }
  await pipeline(results(), writeLines(ctx.output, kept.write), ctx.pipelineOptions);
  await reportBinary("sluice grep", matchedBinary, "binary file matches");
  return trouble ? 2 : written ? 0 : 1;
}
export {
  grepContext
};
