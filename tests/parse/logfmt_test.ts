// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { parseLogfmt } from "../../mod.ts";

Deno.test("parseLogfmt() reads quoted values, escapes and bare keys", () => {
  assert.deepEqual(
    parseLogfmt(
      '2026-11-01T00:00:00Z INFO api req=7f status=200 msg="say \\"hi\\"" retry',
    ),
    { req: "7f", status: "200", msg: 'say "hi"' },
  );
  assert.deepEqual(parseLogfmt(""), {});
  assert.deepEqual(parseLogfmt("a= b=1"), { a: "", b: "1" });
});
