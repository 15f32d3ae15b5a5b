// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * `deno task demo`: makes a deterministic sample log (about 200 MB by
 * default, kept in a cache directory for the next run), runs the error report
 * from examples/error_report.ts over it, prints the summary, and writes it
 * as an HTML page next to the output.
 *
 * Flags: `--size 1GB` for another size, `--dir DIR` for the cache directory
 * (default: `$TMPDIR/sluice-demo` or `/tmp/sluice-demo`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Summary } from "jsr:@sluice/sluice";
import { errorReport } from "./error_report.ts";
import { parseSize, SAMPLE_VERSION } from "./sample_log.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    size: { type: "string", default: "200MB" },
    dir: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});
if (values.help) {
  console.log("usage: deno task demo [--size 200MB] [--dir CACHE_DIR]");
  Deno.exit(0);
}
const bytes = parseSize(values.size);
const dir = values.dir ?? `${Deno.env.get("TMPDIR") ?? "/tmp"}/sluice-demo`;
await Deno.mkdir(dir, { recursive: true });
const log = `${dir}/sample-v${SAMPLE_VERSION}-${bytes}.log`;
const marker = `${log}.done`;
try {
  await Deno.stat(marker);
  console.error(`Using the sample log ${log}`);
} catch {
  console.error(`Writing a ${values.size} sample log to ${log} …`);
  // In a process of its own, so that the generator's garbage does not show
  // in this run's peak RSS.
  const made = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-W",
      new URL("./sample_log.ts", import.meta.url).pathname,
      log,
      String(bytes),
    ],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!made.success) throw new Error(`Cannot write the sample log ${log}`);
  await Deno.writeTextFile(marker, "");
}
const output = `${dir}/errors.jsonl`;
// It prints the summary: worth splitting V8's heap by space.
const summary = await errorReport(
  log,
  output,
  new Summary({ heapSpaces: true }),
);
console.log(summary.format());
const page = `${dir}/summary.html`;
await Deno.writeTextFile(page, summary.toHTML());
console.log(`\nERROR lines as JSON: ${output}`);
console.log(
  `The summary as a page (memory over time, the peak's parts): ${page}`,
);
