// Copyright 2026 the sluice authors. MIT license.
// The table of commands: what `sluice --help` and each command's help are
// made from.
import assert from "node:assert/strict";
import { loadCommands } from "../../lib/cli/_commands.ts";

const COMMANDS = await loadCommands();

const CLI = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

Deno.test("every command in the table has a unique name that its help and synopsis use", () => {
  const names = COMMANDS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  for (const command of COMMANDS) {
    assert.equal(command.spec.name, `sluice ${command.name}`);
    assert.ok(
      command.synopsis === command.name ||
        command.synopsis.startsWith(`${command.name} `),
      command.synopsis,
    );
    assert.ok(command.summary.length > 0 && !command.summary.endsWith("."));
    assert.ok((command.spec.examples ?? []).length > 0, command.name);
  }
});

Deno.test("sluice --help lists the table's commands, in its order, in one aligned column", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, "--help"],
    stdout: "piped",
  }).output();
  assert.equal(out.code, 0);
  const text = new TextDecoder().decode(out.stdout);
  const listed = text.split("Commands:\n")[1]!.split("\n\n")[0]!.split("\n");
  assert.equal(listed.length, COMMANDS.length);
  const column = listed[0]!.indexOf(COMMANDS[0]!.summary);
  for (const [i, command] of COMMANDS.entries()) {
    assert.equal(
      listed[i],
      `  ${command.synopsis.padEnd(column - 2)}${command.summary}`,
    );
  }
});

Deno.test("every option that a command's --help lists is one its arguments take, by its long and its short name", async () => {
  for (const command of COMMANDS) {
    const help = async (...args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CLI, command.name, ...args, "--help"],
        stdout: "piped",
        stderr: "piped",
      }).output();
      return {
        code: out.code,
        stdout: new TextDecoder().decode(out.stdout),
        stderr: new TextDecoder().decode(out.stderr),
      };
    };
    const text = (await help()).stdout;
    const options = [
      ...text.split("Options:\n")[1]!.split("\n\n")[0]!.matchAll(
        /^ {2}(?:-(\w), )? *--([\w-]+)( [A-Z]+)? {2}/gm,
      ),
    ].map(([, short, long, value]) => ({ short, long, value }));
    assert.ok(options.length > 5, command.name);
    const longs = options.filter((o) => o.long !== "help").flatMap((o) =>
      o.value === undefined ? [`--${o.long}`] : [`--${o.long}`, "1"]
    );
    const shorts = options.filter((o) =>
      o.short !== undefined && o.short !== "h"
    )
      .flatMap((o) =>
        o.value === undefined ? [`-${o.short}`] : [`-${o.short}`, "1"]
      );
    for (const args of [longs, shorts]) {
      const r = await help(...args);
      assert.equal(r.code, 0, `${command.name} ${args.join(" ")}: ${r.stderr}`);
      assert.equal(r.stdout, text);
    }
  }
});
