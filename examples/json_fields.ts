// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Fields of JSON lines, nested ones by path (`req.ip`, `items[0].id`), as
 * tab-separated columns. Integers beyond 2^53 come out exact; a line that is
 * not a JSON object stops the run with its line number.
 *
 *   deno run -R examples/json_fields.ts -k ts,req.ip,items[0].id app.jsonl
 *
 * @module
 */
import {
  field,
  map,
  parse,
  pipeline,
  readLines,
  runScript,
  writeLines,
} from "jsr:@sluice/sluice";

/** A field as text: strings as they are, the rest as JSON, bigints exact. */
function text(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(
    value,
    (_, v) => typeof v === "bigint" ? `${v}` : v,
  );
}

Deno.exit(
  await runScript(
    {
      name: "json_fields",
      usage: "-k PATH[,PATH…] [OPTION…] [FILE…]",
      description: "Fields of JSON lines as tab-separated columns.",
      examples: [
        "deno run -R examples/json_fields.ts -k ts,req.ip app.jsonl",
      ],
      options: {
        keys: {
          type: "string",
          short: "k",
          description: "the fields' paths, comma-separated",
          valueName: "PATHS",
        },
      },
    },
    async (ctx) => {
      const keys = ctx.values.keys;
      if (typeof keys !== "string" || keys === "") {
        ctx.usageError("-k is required: the paths of the fields");
      }
      const getters = String(keys).split(",").map((path) => {
        try {
          return field(path);
        } catch (error) {
          return ctx.usageError((error as Error).message);
        }
      });
      await pipeline(
        readLines(ctx.inputs),
        parse("json"),
        map((r) => getters.map((get) => text(get(r))).join("\t")),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  ),
);
