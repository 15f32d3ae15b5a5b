// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  lineCountCommand
} from "./chunk-WCALGCXE.js";
import "./chunk-74UOXEM4.js";
import "./chunk-ZRHYO3PC.js";
import {
  integer
} from "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import "./chunk-G2M2G3YN.js";
import {
  tail
} from "./chunk-2YWYV5IZ.js";
import "./chunk-X2CPFFEF.js";
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
import "./chunk-NSMWYBW2.js";
import "./chunk-YYIHPHCX.js";
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

// lib/cli/commands/tail.ts
var BACK_BYTES = 64 * 1024;
async function startOfLast(path, n) {
  if (path === "-" || /\.gz$/i.test(path)) return void 0;
  let info;
  try {
    info = await Deno.stat(path);
  } catch {
    return void 0;
  }
  if (!info.isFile || info.size === 0) return void 0;
  const file = await Deno.open(path, {
    read: true
  });
  try {
    const magic = new Uint8Array(2);
    if (await file.read(magic) === 2 && magic[0] === 31 && magic[1] === 139) {
      return void 0;
    }
    if (n === 0) return info.size;
    const block = new Uint8Array(BACK_BYTES);
    let end = info.size;
    let seen = 0;
    let skipLast = true;
    while (end > 0) {
      const start = Math.max(0, end - BACK_BYTES);
      const want = end - start;
      await file.seek(start, Deno.SeekMode.Start);
      let got = 0;
      while (got < want) {
        const r = await file.read(block.subarray(got, want));
        if (r === null) return void 0;
        got += r;
      }
      for (let i = want - 1; i >= 0; i--) {
        if (block[i] !== 10) continue;
        if (skipLast && start + i === info.size - 1) continue;
        if (++seen === n) return start + i + 1;
      }
      skipLast = false;
      end = start;
    }
    return 0;
  } finally {
    file.close();
  }
}
var perFile = lineCountCommand({
  name: "tail",
  synopsis: "tail -n N",
  summary: "the last N lines (keeps only N)"
}, "Print the last N lines of each file, keeping only N lines in memory. A regular file is read from its end, as GNU tail does; with -n 0 nothing is read, as in GNU tail.", [
  "sluice tail -n 100 app.log",
  "sluice tail -n 1 *.log"
], async (ctx, input, n, read) => {
  const start = ctx.shard === void 0 ? await startOfLast(input, n) : void 0;
  if (start === void 0) {
    return {
      source: readLines(input, read),
      stage: tail(n)
    };
  }
  const file = await Deno.open(input, {
    read: true
  });
  try {
    await file.seek(start, Deno.SeekMode.Start);
  } catch (error) {
    file.close();
    throw error;
  }
  return {
    source: readLines(file, read),
    close: () => file.close()
  };
});
var tail2 = {
  ...perFile,
  async run(ctx) {
    ctx.values.lines ??= "10";
    if (integer(ctx, "lines") === 0) return;
    return await perFile.run(ctx);
  }
};
export {
  tail2 as tail
};
