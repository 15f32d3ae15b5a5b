// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  MatchFailure
} from "./chunk-7INCLF7L.js";
import "./chunk-57NEC6SS.js";
import "./chunk-DCQUZAZK.js";
import "./chunk-UFWFZGQU.js";
import {
  failAt
} from "./chunk-XSSWW4V7.js";
import {
  ChunkBuilder,
  lineOf,
  namePrefix
} from "./chunk-LTYBISTW.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";

// lib/stages/_grep_context.ts
var UNSET = Symbol("unset");
async function* contextRun(input, stats, ctx, settings, selector) {
  if (settings.maxCount === 0) return;
  const step = contextStep(settings, ctx);
  if ("test" in selector) {
    const test = selector.test;
    for await (const chunk of input) {
      if (chunk.items.length === 0) continue;
      const items = chunk.items;
      let at = 0;
      let out;
      try {
        out = step(chunk, (i) => test(items[at = i]));
      } catch (error) {
        throw failAt(error, stats, ctx, chunk, at);
      }
      stats.hold(out.held, 0);
      if (out.chunk !== void 0) yield out.chunk;
      if (out.done) return;
    }
    return;
  }
  const { invert, inFlight, trial, share } = selector;
  let required = selector.required;
  let seen = 0;
  let holding = 0;
  const worker = selector.worker();
  const matched = async (chunk) => {
    const items = chunk.items;
    const hits = new Uint8Array(items.length);
    let sent = items;
    let from;
    if (required !== void 0) {
      sent = [];
      from = [];
      for (let i = 0; i < items.length; i++) {
        if (items[i].includes(required)) {
          sent.push(items[i]);
          from.push(i);
        }
      }
      seen += items.length;
      holding += sent.length;
      if (seen >= trial && holding * share > seen) required = void 0;
      if (sent.length === 0) return hits;
    }
    try {
      const kept = (await worker.match(sent, Infinity)).kept;
      for (let k = 0; k < kept.length; k++) {
        hits[from?.[kept[k]] ?? kept[k]] = 1;
      }
    } catch (error) {
      if (!(error instanceof MatchFailure)) throw error;
      const i = from?.[error.index] ?? error.index;
      throw failAt(error.error, stats, ctx, chunk, i);
    }
    return hits;
  };
  const waiting = [];
  const next = async () => {
    const { chunk, hits } = waiting.shift();
    const matches = await hits;
    return step(chunk, (i) => matches[i] === 1 !== invert);
  };
  for await (const chunk of input) {
    if (chunk.items.length === 0) continue;
    const hits = matched(chunk);
    hits.catch(() => {
    });
    waiting.push({
      chunk,
      hits
    });
    if (waiting.length < inFlight) continue;
    const out = await next();
    stats.hold(out.held, 0);
    if (out.chunk !== void 0) yield out.chunk;
    if (out.done) return;
  }
  while (waiting.length > 0) {
    const out = await next();
    stats.hold(out.held, 0);
    if (out.chunk !== void 0) yield out.chunk;
    if (out.done) return;
  }
}
function contextStep(settings, ctx) {
  const { before, after, separator, maxCount, fileName, lineNumber } = settings;
  const ringText = new Array(before).fill("");
  const ringLine = new Array(before).fill(0);
  let start = 0;
  let held = 0;
  let current = UNSET;
  let selectedName = "";
  let contextName = "";
  let last = -Infinity;
  let afterLeft = 0;
  let written = false;
  let count = 0;
  const lead = (n, selected) => (fileName ? selected ? selectedName : contextName : "") + (lineNumber ? n.toFixed(0) + (selected ? ":" : "-") : "");
  const plain = !fileName && !lineNumber;
  return (chunk, selected) => {
    const items = chunk.items;
    const which = chunk.input ?? chunk.path;
    if (which !== current) {
      current = which;
      held = 0;
      start = 0;
      ringText.fill("");
      last = -Infinity;
      afterLeft = 0;
      if (fileName) {
        selectedName = namePrefix(chunk.path ?? ctx.path);
        contextName = selectedName.slice(0, -1) + "-";
      }
    }
    const out = new ChunkBuilder();
    let done = false;
    for (let i = 0; i < items.length; i++) {
      const text = items[i];
      const n = lineOf(chunk, i);
      if (count < maxCount && selected(i)) {
        count++;
        const first = held > 0 ? ringLine[start] : n;
        if (written && first > last + 1 && separator !== void 0) {
          out.push(separator, first);
        }
        for (let k = 0; k < held; k++) {
          const at = (start + k) % before;
          const line = ringLine[at];
          out.push(plain ? ringText[at] : lead(line, false) + ringText[at], line);
          ringText[at] = "";
        }
        held = 0;
        start = 0;
        out.push(plain ? text : lead(n, true) + text, n);
        written = true;
        last = n;
        afterLeft = after;
        if (count >= maxCount && after === 0) {
          done = true;
          break;
        }
      } else if (afterLeft > 0) {
        out.push(plain ? text : lead(n, false) + text, n);
        last = n;
        afterLeft--;
        if (count >= maxCount && afterLeft === 0) {
          done = true;
          break;
        }
      } else if (before > 0) {
        if (held < before) {
          const at = (start + held++) % before;
          ringText[at] = text;
          ringLine[at] = n;
        } else {
          ringText[start] = text;
          ringLine[start] = n;
          start = (start + 1) % before;
        }
      }
    }
    return {
      chunk: out.build(chunk),
      done,
      held
    };
  };
}
export {
  contextRun
};
