// Copyright 2026 the sluice authors. MIT license.
// Imported by the name a copy out of the repository uses (deno.json maps it
// to the local code here), so the import-prefix rules do not apply.
// deno-lint-ignore-file no-import-prefix no-unversioned-import
/**
 * Failed SSH logins per user, most first, from syslog (RFC 3164 or RFC
 * 5424, as /var/log/auth.log or journald's export write it): the lines of
 * `sshd` that say `Failed password for [invalid user] NAME`.
 *
 *   deno run -R examples/failed_logins.ts -n 10 /var/log/auth.log
 *
 * @module
 */
import {
  count,
  filter,
  groupBy,
  map,
  parse,
  pipeline,
  readLines,
  runScript,
  top,
  writeLines,
} from "jsr:@sluice/sluice";

const FAILED = /^Failed (?:password|publickey) for (?:invalid user )?(\S+) /;

Deno.exit(
  await runScript(
    {
      name: "failed_logins",
      usage: "[OPTION…] [FILE…]",
      description: "Failed SSH logins per user, from syslog.",
      examples: ["deno run -R examples/failed_logins.ts /var/log/auth.log"],
      options: {
        top: {
          type: "string",
          short: "n",
          description: "how many users (default 10)",
          valueName: "N",
        },
      },
    },
    async (ctx) => {
      const n = Number(ctx.values.top ?? "10");
      if (!Number.isSafeInteger(n) || n < 1) {
        ctx.usageError(`-n must be a positive integer, got ${ctx.values.top}`);
      }
      await pipeline(
        readLines(ctx.inputs),
        parse("syslog", { onError: "skip" }),
        filter((r) => r.app === "sshd"),
        map((r) => FAILED.exec(r.message)?.[1] ?? ""),
        filter((user) => user !== ""),
        groupBy((user) => user, { failures: count() }),
        top(n, { by: (g) => g.failures }),
        map((g) => `${String(g.failures).padStart(8)}  ${g.key}`),
        writeLines(ctx.output),
        ctx.pipelineOptions,
      );
    },
  ),
);
