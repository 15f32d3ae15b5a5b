// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
// lib/core/_registry.ts
function fromTransform(impl) {
  return {
    ...impl,
    async *run(input, stats, ctx) {
      const transform = impl.transformer(stats, ctx);
      for await (const chunk of input) {
        let out = transform(chunk);
        if (out instanceof Promise) out = await out;
        if (out !== void 0 && out.items.length > 0) yield out;
      }
    }
  };
}
var registry = /* @__PURE__ */ new WeakMap();
function register(target, impl) {
  registry.set(target, impl);
  return target;
}
function stageImpl(value) {
  const impl = typeof value === "function" ? registry.get(value) : void 0;
  return impl !== void 0 && "run" in impl ? impl : void 0;
}
function sinkImpl(value) {
  const impl = typeof value === "function" ? registry.get(value) : void 0;
  return impl !== void 0 && "consume" in impl ? impl : void 0;
}
function sourceImpl(value) {
  const impl = value !== null && typeof value === "object" ? registry.get(value) : void 0;
  return impl !== void 0 && "chunks" in impl ? impl : void 0;
}
var keyReaders = /* @__PURE__ */ new WeakMap();
function readsOnBytes(getter, make) {
  keyReaders.set(getter, make);
  return getter;
}
function keyReaderOf(getter) {
  return typeof getter === "function" ? keyReaders.get(getter) : void 0;
}
var lineReadings = /* @__PURE__ */ new WeakMap();
function readsLine(getter, reading) {
  lineReadings.set(getter, reading);
  return getter;
}
function lineReadingOf(getter) {
  return typeof getter === "function" ? lineReadings.get(getter) : void 0;
}
function requireFunction(kind, name, fn) {
  if (typeof fn !== "function") {
    throw new TypeError(`Cannot create ${kind} stage: ${name} must be a function, got ${typeof fn}`);
  }
}

export {
  fromTransform,
  register,
  stageImpl,
  sinkImpl,
  sourceImpl,
  readsOnBytes,
  keyReaderOf,
  readsLine,
  lineReadingOf,
  requireFunction
};
