// Copyright 2026 the sluice authors. MIT license.
// examples/kubernetes/Containerfile, without the container: its COPY lines
// and its `deno install` run in a temp dir, and the command they install
// works from elsewhere, its modules all cached.
import assert from "node:assert/strict";
import { runInstalled, withTempDir } from "./_helpers.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CONTAINERFILE = `${ROOT}examples/kubernetes/Containerfile`;
const decoder = new TextDecoder();

interface Instruction {
  name: string;
  args: string;
}

/** The Containerfile's instructions, continuation lines joined. */
function instructions(text: string): Instruction[] {
  const joined = text.split("\n").filter((l) => !/^\s*#/.test(l)).join("\n")
    .replace(/\\\n/g, " ");
  return joined.split("\n").map((l) => l.trim()).filter((l) => l !== "").map(
    (l) => {
      const [name, ...rest] = l.split(/\s+/);
      return { name: name!, args: rest.join(" ") };
    },
  );
}

async function copyTree(from: string, to: string): Promise<void> {
  const info = await Deno.stat(from);
  if (info.isFile) {
    await Deno.copyFile(from, to);
    return;
  }
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    await copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

Deno.test("the Kubernetes example's image installs a sluice command that runs from anywhere", async () => {
  const steps = instructions(await Deno.readTextFile(CONTAINERFILE));
  // The image's Deno is the one CI tests with.
  const ci = await Deno.readTextFile(`${ROOT}.ci/run`);
  const version = ci.match(/deno@(\d+\.\d+\.\d+)/)?.[1];
  assert.equal(steps[0]?.name, "FROM");
  assert.equal(steps[0]?.args, `docker.io/denoland/deno:${version}`);

  await withTempDir(async (dir) => {
    const app = `${dir}/app`;
    const env = {
      DENO_DIR: `${dir}/deno-dir`,
      PATH: `${Deno.execPath().replace(/\/[^/]*$/, "")}:${
        Deno.env.get("PATH") ?? ""
      }`,
    };
    let ran = 0;
    for (const { name, args } of steps) {
      if (name === "WORKDIR") {
        assert.equal(args, "/app");
        await Deno.mkdir(app);
      } else if (name === "COPY") {
        const words = args.split(" ");
        const to = words.pop()!.replace(/^\.\/$/, "");
        for (const from of words) {
          await copyTree(
            `${ROOT}${from.replace(/\/$/, "")}`,
            to === "" ? `${app}/${from}` : `${app}/${to}`,
          );
        }
      } else if (name === "RUN") {
        // The install itself; what follows && is about the image's user.
        const install = args.split("&&")[0]!.trim().split(/\s+/);
        assert.deepEqual(install.slice(0, 5), [
          "deno",
          "install",
          "--global",
          "--root",
          "/usr/local",
        ]);
        install.splice(0, 5, "install", "--global", "--root", `${dir}/root`);
        const out = await new Deno.Command(Deno.execPath(), {
          args: install,
          cwd: app,
          env,
          stdout: "piped",
          stderr: "piped",
        }).output();
        assert.equal(out.code, 0, decoder.decode(out.stderr));
        ran++;
      }
    }
    assert.equal(ran, 1, "one RUN step");
    assert.deepEqual(steps.at(-2), { name: "ENTRYPOINT", args: '["sluice"]' });

    // The repository is gone from the picture: only the copied app and the
    // cache, from another directory.
    await Deno.writeTextFile(
      `${dir}/in.log`,
      "x y api latency_ms=5\nx y auth latency_ms=7\nx y api latency_ms=9\n",
    );
    const out = await runInstalled(
      `${dir}/root/bin/sluice`,
      ["group", "--by-word", "3", "--count", `${dir}/in.log`],
      dir,
      env,
    );
    assert.equal(out.code, 0, out.stderr);
    assert.equal(
      out.stdout,
      '{"word3":"api","count":2}\n{"word3":"auth","count":1}\n',
    );
    // The shard index is readable on both engines.
    const shim = await Deno.readTextFile(`${dir}/root/bin/sluice`);
    assert.match(shim, /--allow-env=[^ ]*\bJOB_COMPLETION_INDEX\b/);
    assert.match(shim, /--allow-env=[^ ]*\bSLURM_ARRAY_TASK_ID\b/);
    assert.ok(shim.includes(`file://${app}/lib/_bundle/lib/cli/main.js`));
  });
});
