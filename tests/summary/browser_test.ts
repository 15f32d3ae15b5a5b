// Copyright 2026 the sluice authors. MIT license.
// summary.toHTML() in a real headless browser: the page of a real run
// renders (a screenshot of some substance) and its DOM has the chart's lines
// and every stage's bar. Skipped, with the reason printed, where no
// Chromium can be found or started.
import assert from "node:assert/strict";
import {
  filter,
  map,
  pipeline,
  readLines,
  Summary,
  writeLines,
} from "../../mod.ts";
import { withTempDir } from "../_helpers.ts";

const NAMES = ["chromium", "chromium-browser", "google-chrome"];

/** The first browser on PATH that starts, or why there is none. */
function findBrowser(): { path: string } | { why: string } {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter((d) => d !== "");
  for (const name of NAMES) {
    for (const dir of dirs) {
      const path = `${dir}/${name}`;
      try {
        if (!Deno.statSync(path).isFile) continue;
      } catch {
        continue;
      }
      try {
        const out = new Deno.Command(path, {
          args: ["--version"],
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
        }).outputSync();
        if (out.success) return { path };
        return { why: `${path} --version failed with status ${out.code}` };
      } catch (error) {
        return {
          why: `${path} cannot be started: ${(error as Error).message}`,
        };
      }
    }
  }
  return { why: `none of ${NAMES.join(", ")} is on PATH` };
}

const browser = findBrowser();
if ("why" in browser) {
  console.log(`The browser test is skipped: ${browser.why}`);
}

/** Runs the browser headless on `url` with `args`, in a fresh profile. */
async function headless(
  path: string,
  profile: string,
  args: string[],
  url: string,
): Promise<string> {
  const out = await new Deno.Command(path, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      ...args,
      url,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(90_000),
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, `the browser failed: ${stderr}`);
  return new TextDecoder().decode(out.stdout);
}

Deno.test({
  name:
    "the page of a real run renders in a headless browser, with the chart's lines and every stage's bar in its DOM",
  ignore: "why" in browser,
  fn: async () => {
    const path = (browser as { path: string }).path;
    await withTempDir(async (dir) => {
      const lines: string[] = [];
      for (let i = 0; i < 100_000; i++) {
        lines.push(
          `2026-11-01T10:00:00Z ${i % 50 === 0 ? "ERROR" : "INFO"} n=${i}`,
        );
      }
      await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
      const summary = await pipeline(
        readLines(`${dir}/in.log`),
        filter((l) => l.includes(" ERROR ")),
        map((l) => l.toUpperCase(), { name: "shout" }),
        writeLines(`${dir}/out.log`),
        // The young generation is drawn when the heap is split by space.
        { summary: new Summary({ heapSpaces: true }) },
      );
      const page = `${dir}/summary.html`;
      await Deno.writeTextFile(page, summary.toHTML());
      const url = new URL(`file://${page}`).href;

      const dom = await headless(
        path,
        `${dir}/profile-dom`,
        ["--dump-dom"],
        url,
      );
      for (const series of ["rss", "heap-used", "young", "held"]) {
        assert.match(
          dom,
          new RegExp(
            `<polyline class="series series-${series}" data-series="${series}" points="[\\d., ]+"`,
          ),
          series,
        );
      }
      const stages = summary.stages.map((s) => s.name);
      assert.deepEqual(stages, [
        "readLines#1",
        "filter#2",
        "shout",
        "writeLines#4",
      ]);
      for (const [i, name] of stages.entries()) {
        assert.match(
          dom,
          new RegExp(
            `<svg class="stage-bar[^"]*" data-stage="${name}" data-stage-index="${i}"`,
          ),
          name,
        );
      }
      assert.match(dom, /<tr data-part="unexplained">/);

      const png = `${dir}/page.png`;
      await headless(path, `${dir}/profile-shot`, [
        `--screenshot=${png}`,
        "--window-size=1200,1600",
      ], url);
      const bytes = await Deno.readFile(png);
      // A PNG of the window's size, and not a blank one: a page of that
      // size with only a heading and a line of text comes to about 15 KB.
      assert.deepEqual(
        [...bytes.subarray(0, 8)],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      );
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      assert.deepEqual([view.getUint32(16), view.getUint32(20)], [1200, 1600]);
      assert.ok(
        bytes.length > 30_000,
        `the screenshot is ${bytes.length} bytes`,
      );
    });
  },
});
