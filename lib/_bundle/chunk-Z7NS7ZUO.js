// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/fs/_turn.ts
var FORGET = /(?:)/;
function eventLoopTurn() {
  FORGET.test("");
  return new Promise((resolve) => setImmediate(resolve));
}
var TurnCounter = class {
  #every;
  #since = 0;
  /** @param every Items between two turns. */
  constructor(every) {
    this.#every = every;
  }
  /** After `n` more items: a turn when one is due (await it), else undefined. */
  after(n) {
    this.#since += n;
    if (this.#since < this.#every) return void 0;
    this.#since = 0;
    return eventLoopTurn();
  }
};
async function* withTurns(chunks, every) {
  const turns = new TurnCounter(every);
  for await (const chunk of chunks) {
    yield chunk;
    const turn = turns.after(chunk.items.length);
    if (turn !== void 0) await turn;
  }
}

export {
  eventLoopTurn,
  TurnCounter,
  withTurns
};
