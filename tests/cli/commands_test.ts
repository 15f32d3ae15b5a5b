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
