// Copyright 2026 the sluice authors. MIT license.
// The command installed as the README installs it, from a URL as from JSR:
// `deno install` caches its modules, and once the server is gone the
// command still runs, workers included; and the README, the task and the
// examples pass the flag that reads only the modules of the command run.
import assert from "node:assert/strict";
import { runInstalled, serveFiles, withTempDir } from "../_helpers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const LAZY = "--unstable-lazy-dynamic-imports";
const decoder = new TextDecoder();

Deno.test("an installed sluice runs offline, workers included, with what deno install cached", async () => {
  await withTempDir(async (dir) => {
    // No content type: Deno takes a module's language from its name.
    const served = serveFiles(ROOT.replace(/\/$/, ""));
    const host = new URL(served.base).host;
    const env = {
      DENO_DIR: `${dir}/deno-dir`,
      NO_COLOR: "1",
      // The OpenTelemetry API the import map names: asked of the same
      // server, which has none, not of the npm registry (its import is
      // dynamic, and the command runs without it).
      NPM_CONFIG_REGISTRY: `${served.base}/no-npm/`,
    };
    try {
      const install = await new Deno.Command(Deno.execPath(), {
        args: [
          "install",
          "--global",
          "--root",
          `${dir}/root`,
          "--name",
          "sluice",
          "-R",
          "-W",
          LAZY,
          `--allow-import=${host}`,
          // The package's import map, as JSR applies it; the lock file of
          // the repository is left alone.
          "--config",
          `${ROOT}deno.json`,
          "--no-lock",
          // What the package's "./cli" names: the bundle.
          `${served.base}/lib/_bundle/lib/cli/main.js`,
        ],
        cwd: dir,
        env,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(install.code, 0, decoder.decode(install.stderr));
    } finally {
      await served.close();
    }
    const shim = await Deno.readTextFile(`${dir}/root/bin/sluice`);
    assert.ok(shim.includes(LAZY), shim);

    const lines = [];
    for (let i = 0; i < 300; i++) {
      const svc = ["api", "auth", "web"][i % 3];
      lines.push(`svc=${svc} n=${i} msg=${"a".repeat(i % 7)}b`);
    }
    await Deno.writeTextFile(`${dir}/in.log`, lines.join("\n") + "\n");
    const sluice = async (...args: string[]) => {
      const out = await runInstalled(
        `${dir}/root/bin/sluice`,
        [...args, `${dir}/in.log`],
        dir,
        env,
      );
      assert.equal(out.code, 0, `${args.join(" ")}: ${out.stderr}`);
      return out.stdout;
    };
    // parallelGroupBy's workers.
    assert.equal(
      await sluice("group", "--by", "svc", "--count", "--workers", "2"),
      '{"svc":"api","count":100}\n{"svc":"auth","count":100}\n' +
        '{"svc":"web","count":100}\n',
    );
    // An expression that could backtrack for long: matched in the grep
    // stage's worker, and for a field in parallel()'s, with its module.
    const slow = "(a|aa)+b$";
    const expected = String(
      lines.filter((l) => /(a|aa)+b$/.test(l)).length,
    ) + "\n";
    assert.equal(await sluice("grep", "-c", "-E", slow), expected);
    assert.equal(await sluice("grep", "-c", "-E", "-k", "msg", slow), expected);
  });
});

Deno.test("the README, the sluice task and the examples run the command line with lazy dynamic imports", async () => {
  const readme = await Deno.readTextFile(`${ROOT}README.md`);
  const installs = readme.split("\n").filter((l) =>
    l.startsWith("deno install ") && l.includes("jsr:@sluice/sluice/cli")
  );
  assert.ok(installs.length >= 3, "the README's install commands");
  for (const line of installs) assert.ok(line.includes(LAZY), line);
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  assert.ok(config.tasks.sluice.includes(LAZY), config.tasks.sluice);
  for (
    const example of [
      "examples/kubernetes/Containerfile",
      "examples/slurm/sluice_array.sh",
    ]
  ) {
    assert.ok(
      (await Deno.readTextFile(`${ROOT}${example}`)).includes(LAZY),
      example,
    );
  }
});
