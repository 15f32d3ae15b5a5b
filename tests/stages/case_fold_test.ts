// Copyright 2026 the sluice authors. MIT license.
// grep's ignoreCase against GNU grep -i on the same lines: literal patterns
// (grep -F) and regular expressions in Unicode mode (grep -E), over random
// lines of the letters whose cases trip up simpler rules.
import assert from "node:assert/strict";
import { grep, pipeline } from "../../mod.ts";
import {
  caseVariants,
  foldCase,
  foldPattern,
  OTHER_LOWER,
} from "../../lib/stages/_case_fold.ts";

const LETTERS = [..."aAiIıİkKKsSſßẞσςΣµμΜǅǄǆxé😀 "];

function generator(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

async function gnuGrep(args: string[], lines: string[]): Promise<string[]> {
  const child = new Deno.Command("grep", {
    args,
    env: { LC_ALL: "C.UTF-8" },
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(lines.join("\n") + "\n"));
  await w.close();
  const out = new TextDecoder().decode((await child.output()).stdout);
  return out === "" ? [] : out.slice(0, -1).split("\n");
}

async function ours(pattern: string | RegExp, lines: string[]) {
  const out: string[] = [];
  for await (const l of pipeline(lines, grep(pattern, { ignoreCase: true }))) {
    out.push(l);
  }
  return out;
}

Deno.test("grep ignoreCase matches what GNU grep -i matches, literal and regular expression", async () => {
  const random = generator(11);
  const lines = Array.from(
    { length: 400 },
    () =>
      Array.from(
        { length: 1 + random(6) },
        () => LETTERS[random(LETTERS.length)],
      )
        .join(""),
  );
  const patterns = new Set<string>();
  for (const ch of LETTERS) if (ch !== " ") patterns.add(ch);
  while (patterns.size < 80) {
    patterns.add(
      Array.from({ length: 2 }, () => LETTERS[random(LETTERS.length - 1)])
        .join(""),
    );
  }
  for (const p of patterns) {
    const expected = await gnuGrep(["-i", "-F", "--", p], lines);
    assert.deepEqual(await ours(p, lines), expected, `literal ${p}`);
  }
  for (
    const p of [
      "^i",
      "k$",
      "[a-c]s",
      "[^i]k",
      "(σ|k)+",
      "ı{2}",
      "x.s",
      "[ſ]",
      "[ß]",
      ...[...patterns].slice(0, 20),
    ]
  ) {
    const expected = await gnuGrep(["-i", "-E", "--", p], lines);
    assert.deepEqual(
      await ours(new RegExp(p, "u"), lines),
      expected,
      `regex ${p}`,
    );
  }
});

Deno.test("foldCase keeps a character that toUpperCase would expand, and foldPattern keeps escapes and group syntax", () => {
  assert.equal(foldCase("straße ı İ"), "STRAßE I İ");
  assert.equal(foldPattern("\\d+\\p{Lu}"), "\\d+\\p{Lu}");
  assert.equal(foldPattern("(?<n>a)\\k<n>"), "(?<n>[Aa])\\k<n>");
  assert.equal(foldPattern("(?:a)(?=b)(?<!c)"), "(?:[Aa])(?=[Bb])(?<![Cc])");
  assert.equal(foldPattern("[-a]"), "[A\\-a]");
  assert.equal(foldPattern("[^a-b]"), "[^ABa-b]");
  assert.throws(() => foldPattern("("), SyntaxError);
});

Deno.test("caseVariants() gives every code point the class a table of all of them gives, and OTHER_LOWER is the runtime's list", () => {
  const upperOf = (ch: string) => {
    const u = ch.toUpperCase();
    return u.length === ch.length || [...u].length === 1 ? u : ch;
  };
  // The reference: every character whose upper case differs from itself,
  // by that upper case.
  const classes = new Map<string, string[]>();
  const others: string[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const u = upperOf(c);
    if (u === c) continue;
    let members = classes.get(u);
    if (members === undefined) classes.set(u, members = [u]);
    members.push(c);
    if (c !== u.toLowerCase()) others.push(c);
  }
  assert.deepEqual([...OTHER_LOWER], others);
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    assert.deepEqual(caseVariants(c), classes.get(upperOf(c)) ?? [c], c);
  }
});
