// The command line's own argument reader, by example and against node:util's
// parseArgs on random argument lists where the two are meant to agree.

import assert from "node:assert/strict";
import { parseArgs } from "node:util";
import { parseArguments } from "../../lib/cli/_args.ts";
import { UsageError } from "../../mod.ts";
import type { ScriptOption } from "../../lib/cli/_spec.ts";

const OPTIONS: Record<string, ScriptOption> = {
  count: { type: "boolean", short: "c", description: "" },
  invert: { type: "boolean", short: "v", description: "" },
  regex: { type: "boolean", description: "" },
  output: { type: "string", short: "o", description: "" },
  budget: { type: "string", description: "" },
};

Deno.test("parseArguments() reads long, short and grouped options around operands", () => {
  const r = parseArguments(
    ["-cv", "ERROR", "--output=x.log", "a.log", "-ob.log", "--budget", "16MiB"],
    OPTIONS,
  );
  assert.deepEqual(r.values, {
    count: true,
    invert: true,
    output: "b.log",
    budget: "16MiB",
  });
  assert.deepEqual(r.positionals, ["ERROR", "a.log"]);
});

Deno.test("parseArguments() takes the next argument as a value even when it starts with a dash", () => {
  assert.deepEqual(parseArguments(["-o", "-", "x"], OPTIONS).values, {
    output: "-",
  });
  assert.deepEqual(parseArguments(["--budget", "-1"], OPTIONS).values, {
    budget: "-1",
  });
  assert.deepEqual(parseArguments(["-cofile"], OPTIONS).values, {
    count: true,
    output: "file",
  });
});

Deno.test("parseArguments() takes a one-letter option's name as its short one, as node:util's parseArgs does", () => {
  const options: Record<string, ScriptOption> = {
    n: { type: "string", description: "" },
    q: { type: "boolean", description: "" },
  };
  assert.deepEqual(parseArguments(["-n", "5", "-q"], options).values, {
    n: "5",
    q: true,
  });
  assert.deepEqual(parseArguments(["--n=5"], options).values, { n: "5" });
});

Deno.test("parseArguments() ends the options at -- and keeps - as an operand", () => {
  const r = parseArguments(["-c", "--", "-v", "--regex"], OPTIONS);
  assert.deepEqual(r.values, { count: true });
  assert.deepEqual(r.positionals, ["-v", "--regex"]);
  assert.deepEqual(parseArguments(["-", "-c"], OPTIONS).positionals, ["-"]);
});

Deno.test("parseArguments() says what is wrong with an argument", () => {
  const cases: [string[], RegExp][] = [
    [["--cuont"], /^unknown option --cuont$/],
    [["-cx"], /^unknown option -x$/],
    [["--output"], /^option '--output' requires an argument$/],
    [["-co"], /^option requires an argument -- 'o'$/],
    [["--count=yes"], /^option '--count' doesn't allow an argument$/],
    [["--constructor"], /^unknown option --constructor$/],
  ];
  for (const [args, message] of cases) {
    assert.throws(
      () => parseArguments(args, OPTIONS),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      args.join(" "),
    );
  }
});

Deno.test("parseArguments() agrees with node:util's parseArgs on random well-formed argument lists", () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const words = ["a.log", "ERROR", "-", "x y", "16MiB", "é"];
  for (let round = 0; round < 2000; round++) {
    const args: string[] = [];
    const n = random(7);
    for (let k = 0; k < n; k++) {
      const word = words[random(words.length)]!;
      switch (random(8)) {
        case 0:
          args.push(word);
          break;
        case 1:
          args.push(["-c", "-v", "--count", "--regex", "-cv"][random(5)]!);
          break;
        case 2:
          args.push("-o", word === "-" ? "out" : word);
          break;
        case 3:
          args.push(`--output=${word}`);
          break;
        case 4:
          args.push("--budget", word === "-" ? "1" : word);
          break;
        case 5:
          args.push(`-o${word}`);
          break;
        case 6:
          args.push(`-vo${word}`);
          break;
        default:
          if (random(4) === 0) args.push("--", word, "-c");
          else args.push(word);
      }
    }
    const reference = parseArgs({
      args,
      options: {
        count: { type: "boolean", short: "c" },
        invert: { type: "boolean", short: "v" },
        regex: { type: "boolean" },
        output: { type: "string", short: "o" },
        budget: { type: "string" },
      },
      allowPositionals: true,
      strict: true,
    });
    const ours = parseArguments(args, OPTIONS);
    assert.deepEqual(ours.values, { ...reference.values }, args.join(" "));
    assert.deepEqual(ours.positionals, reference.positionals, args.join(" "));
  }
});

Deno.test("parseArguments() keeps every value of a multiple option, in order, in every spelling", () => {
  const options: Record<string, ScriptOption> = {
    regexp: { type: "string", short: "e", multiple: true, description: "" },
    count: { type: "boolean", short: "c", description: "" },
    output: { type: "string", description: "" },
  };
  const r = parseArguments(
    ["-e", "a", "-ce-b", "--regexp", "c", "--regexp=", "x.log", "-e-"],
    options,
  );
  assert.deepEqual(r.values, {
    regexp: ["a", "-b", "c", "", "-"],
    count: true,
  });
  assert.deepEqual(r.positionals, ["x.log"]);
  assert.deepEqual(r.order, [
    "regexp",
    "count",
    "regexp",
    "regexp",
    "regexp",
    "regexp",
  ]);
  // Another string option still keeps the last.
  assert.deepEqual(
    parseArguments(["--output", "a", "--output", "b"], options).values,
    { output: "b" },
  );
});

Deno.test("parseArguments() reads a run of digits among short options as the value of the option that takes them (-NUM)", () => {
  const options: Record<string, ScriptOption> = {
    number: { type: "boolean", short: "n", description: "" },
    context: { type: "string", short: "C", description: "", digits: true },
    regexp: { type: "string", short: "e", description: "", multiple: true },
  };
  const read = (args: string[]) => parseArguments(args, options);
  assert.deepEqual(read(["-5", "x"]).values, { context: "5" });
  assert.deepEqual(read(["-12n", "x"]).values, { context: "12", number: true });
  assert.deepEqual(read(["-n3", "x"]).values, { number: true, context: "3" });
  // A value of its own is not an option, and the last given wins.
  assert.deepEqual(read(["-e", "-5", "-C", "1", "-2"]).values, {
    regexp: ["-5"],
    context: "2",
  });
  assert.deepEqual(read(["-5", "x"]).order, ["context"]);
  // Without such an option, a digit is an unknown option.
  assert.throws(
    () => parseArguments(["-5"], OPTIONS),
    (e) => e instanceof UsageError && e.message === "unknown option -5",
  );
});
