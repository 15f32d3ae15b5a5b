// Copyright 2026 the sluice authors. MIT license.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { fileUrlPath, pathOf } from "../../lib/fs/_path.ts";
import { listDir, withTempDir } from "../_helpers.ts";

Deno.test("pathOf() gives a string back as it is, escapes included", () => {
  assert.equal(pathOf("logs/a%20b.log"), "logs/a%20b.log");
  assert.equal(pathOf(""), "");
});

Deno.test("pathOf() names the file Deno opens for the same URL", async () => {
  await withTempDir(async (dir) => {
    const base = pathToFileURL(`${dir}/`);
    // As written by hand: the URL parser escapes the space but keeps a `%`
    // that starts no escape, and decodes nothing.
    const spellings = [
      "a b%.log",
      "c%25d.log",
      "e%41.log",
      "f%zz.log",
      "g%.log",
      "h%4.log",
      "zählung ✓.log",
      "i%C3%A4.log",
      "j%2.log%20",
    ];
    for (const spelling of spellings) {
      const url = new URL(spelling, base);
      await Deno.writeTextFile(url, spelling);
      const path = pathOf(url);
      assert.ok(path.startsWith(`${dir}/`), path);
      assert.equal(await Deno.readTextFile(path), spelling, spelling);
    }
    const names = spellings.map((s) =>
      pathOf(new URL(s, base)).slice(dir.length + 1)
    );
    assert.deepEqual(await listDir(dir), [...names].sort());
  });
});

Deno.test("pathOf() undoes the escapes of any path made into a URL", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.string({ unit: "grapheme", minLength: 1 }).filter((s) =>
          !s.includes("/") && !s.includes("\0") && s !== "." && s !== ".."
        ),
        { minLength: 1, maxLength: 4 },
      ),
      (parts) => {
        const path = "/" + parts.join("/");
        assert.equal(pathOf(pathToFileURL(path)), path);
      },
    ),
  );
});

Deno.test("pathOf() refuses a URL that is not a file URL, naming it", () => {
  assert.throws(
    () => pathOf(new URL("https://example.com/app.log")),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot use "https://example.com/app.log" as a file path: only a file: URL names a file`,
  );
});

Deno.test("pathOf() refuses a file URL of another host, but takes localhost", () => {
  assert.throws(
    () => fileUrlPath(new URL("file://server/logs/app.log"), false),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot use "file://server/logs/app.log" as a file path: it names the host "server", not this machine`,
  );
  assert.equal(
    fileUrlPath(new URL("file://localhost/logs/a%20b.log"), false),
    "/logs/a b.log",
  );
});

Deno.test("pathOf() refuses escapes that are not UTF-8 text", () => {
  assert.throws(
    () => pathOf(new URL("file:///logs/%FF.log")),
    (e) =>
      e instanceof TypeError &&
      e.message.startsWith(
        `Cannot use "file:///logs/%FF.log" as a file path`,
      ) &&
      e.cause instanceof TypeError,
  );
});

Deno.test("pathOf() gives Windows paths of drive and host URLs on Windows", () => {
  assert.equal(
    fileUrlPath(new URL("file:///C:/logs/a%20b%25.log"), true),
    "C:\\logs\\a b%.log",
  );
  assert.equal(
    fileUrlPath(new URL("file://server/share/app.log"), true),
    "\\\\server\\share\\app.log",
  );
  assert.equal(fileUrlPath(new URL("file:///D:"), true), "D:");
});
