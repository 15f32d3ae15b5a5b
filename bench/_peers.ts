// Copyright 2026 the sluice authors. MIT license.
/**
 * The peers of `deno task bench`: the tools users would pick instead of
 * sluice (ripgrep, GNU grep, mawk, Miller, GNU sort, jq, DuckDB, Python, Node
 * `readline`), each run as its own process on the same corpus, its output
 * compared with sluice's. A peer that is not installed is installed if it
 * can be (apt-get as root for Debian's tools, npm into the cache directory
 * for DuckDB, never into the repository), else skipped with the reason.
 *
 * @module
 */

/** The version of `@duckdb/node-api` the DuckDB peer runs. */
export const DUCKDB_VERSION = "1.5.6-r.1";

/** How a peer's output is compared with sluice's. */
export type Compare =
  /** Byte for byte (the default). */
  | "bytes"
  /** JSON lines holding the same values, however they are spaced. */
  | "json"
  /**
   * JSON lines holding the same values in the same order, whatever their
   * names (the command line names its columns after its flags).
   */
  | "json-values"
  /** "service count" lines against the counts of sluice's GROUP output. */
  | "counts"
  /**
   * Byte for byte against sluice's output with the lines that have no
   * `latency_ms=` moved to the end, in input order: where the command
   * line's `sort -n` puts a line without the key (GNU `sort -n` reads 0).
   */
  | "missing-last";

/** A contestant that is a peer: what it runs and which tools it needs. */
export interface Peer {
  task: string;
  name: string;
  cmd: (input: string, output: string) => string[];
  writes: boolean;
  /** The tools it needs (keys of {@linkcode TOOLS}). */
  needs: string[];
  compare?: Compare;
}

interface Tool {
  /** A command that succeeds when the tool is there. */
  probe: string[];
  /** Debian's package for it. */
  apt?: string;
}

/** The tools the peers run, and where they come from. */
export const TOOLS: Record<string, Tool> = {
  rg: { probe: ["rg", "--version"], apt: "ripgrep" },
  grep: { probe: ["grep", "--version"], apt: "grep" },
  mawk: { probe: ["mawk", "-W", "version"], apt: "mawk" },
  mlr: { probe: ["mlr", "--version"], apt: "miller" },
  sort: { probe: ["sort", "--version"], apt: "coreutils" },
  jq: { probe: ["jq", "--version"], apt: "jq" },
  python3: { probe: ["python3", "--version"], apt: "python3" },
  node: { probe: ["node", "--version"], apt: "nodejs" },
  npm: { probe: ["npm", "--version"], apt: "npm" },
  // DuckDB is checked and installed by duckdbReady(), below.
  duckdb: { probe: [] },
};

/** The directory DuckDB's npm package is installed into. */
export const duckdbDir = (cacheDir: string): string => `${cacheDir}/duckdb`;

async function succeeds(argv: string[]): Promise<boolean> {
  try {
    const out = await new Deno.Command(argv[0]!, {
      args: argv.slice(1),
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false; // not found
  }
}

async function aptInstall(pkg: string): Promise<string | undefined> {
  if (Deno.uid() !== 0) return "not root, so not installed with apt-get";
  console.error(`Installing ${pkg} with apt-get …`);
  const install = () =>
    succeeds(["apt-get", "install", "-y", "--no-install-recommends", pkg]);
  if (await install()) return undefined;
  // The package lists may be missing or stale.
  await succeeds(["apt-get", "update"]);
  return await install() ? undefined : `apt-get install ${pkg} failed`;
}

async function duckdbReady(
  cacheDir: string,
  ready: (name: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  const dir = duckdbDir(cacheDir);
  const installed = async () => {
    try {
      const pkg = JSON.parse(
        await Deno.readTextFile(
          `${dir}/node_modules/@duckdb/node-api/package.json`,
        ),
      );
      return pkg.version === DUCKDB_VERSION;
    } catch {
      return false;
    }
  };
  if (await installed()) return await ready("node");
  const missing = await ready("node") ?? await ready("npm");
  if (missing !== undefined) return missing;
  console.error(
    `Installing @duckdb/node-api@${DUCKDB_VERSION} into ${dir} with npm …`,
  );
  await Deno.mkdir(dir, { recursive: true });
  const ok = await succeeds([
    "npm",
    "install",
    "--prefix",
    dir,
    "--no-audit",
    "--no-fund",
    `@duckdb/node-api@${DUCKDB_VERSION}`,
  ]);
  return ok && await installed()
    ? undefined
    : `npm install @duckdb/node-api@${DUCKDB_VERSION} into ${dir} failed`;
}

/**
 * Checks, and installs where it can, the tools the given peers need.
 *
 * @returns Why each tool that cannot run is missing, by its name.
 */
export async function missingTools(
  peers: Peer[],
  cacheDir: string,
): Promise<Map<string, string>> {
  const reasons = new Map<string, string | undefined>();
  const ready = async (name: string): Promise<string | undefined> => {
    if (reasons.has(name)) return reasons.get(name);
    let reason: string | undefined;
    if (name === "duckdb") {
      reason = await duckdbReady(cacheDir, ready);
    } else {
      const tool = TOOLS[name];
      if (tool === undefined) throw new RangeError(`Unknown tool "${name}"`);
      if (!await succeeds(tool.probe)) {
        reason = tool.apt === undefined
          ? `${name} is not installed`
          : await aptInstall(tool.apt);
        if (reason === undefined && !await succeeds(tool.probe)) {
          reason = `${name} still does not run after installing ${tool.apt}`;
        }
        if (reason !== undefined) reason = `${name} is missing: ${reason}`;
      }
    }
    reasons.set(name, reason);
    return reason;
  };
  const out = new Map<string, string>();
  for (const name of new Set(peers.flatMap((p) => p.needs))) {
    const reason = await ready(name);
    if (reason !== undefined) out.set(name, reason);
  }
  return out;
}

interface JsonRecord {
  [key: string]: unknown;
}

const jsonLines = async (path: string): Promise<JsonRecord[]> =>
  (await Deno.readTextFile(path)).split("\n").filter((l) => l !== "").map((
    l,
  ) => JSON.parse(l));

/**
 * Compares a peer's output file with sluice's, as `compare` says.
 *
 * @returns The check column: what was compared and whether it agreed.
 */
export async function compareOutput(
  compare: Exclude<Compare, "bytes">,
  reference: string,
  output: string,
): Promise<string> {
  const want = await jsonLines(reference);
  if (compare === "json" || compare === "json-values") {
    const got = await jsonLines(output);
    if (want.length !== got.length) {
      return `VALUES DIFFER: ${got.length} lines, not ${want.length}`;
    }
    const text = (line: Record<string, unknown> | undefined) =>
      JSON.stringify(
        compare === "json" || line === undefined ? line : Object.values(line),
      );
    const k = want.findIndex((w, k) => text(w) !== text(got[k]));
    return k === -1
      ? "same values"
      : `VALUES DIFFER: ${JSON.stringify(got[k])} for ${
        JSON.stringify(want[k])
      }`;
  }
  // "service count" lines, in any order.
  const counts = new Map<string, number>();
  for (const line of (await Deno.readTextFile(output)).split("\n")) {
    if (line === "") continue;
    const sp = line.lastIndexOf(" ");
    counts.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  const same = counts.size === want.length &&
    want.every((w) => counts.get(String(w.service)) === w.count);
  return same ? "same counts (count only)" : "COUNTS DIFFER";
}

/** Where the peers' scripts are and how to run the shell redirection. */
export interface PeerContext {
  /** bench/contestants/, ending in a slash. */
  contestants: string;
  cacheDir: string;
  /** Runs `argv` with its standard output sent to the file `output`. */
  toFile: (output: string, argv: string[]) => string[];
}

/** The peers of every task. */
export function peerContestants(ctx: PeerContext): Peer[] {
  const { contestants: dir, toFile } = ctx;
  const p = (
    task: string,
    name: string,
    needs: string[],
    writes: boolean,
    cmd: (input: string, output: string) => string[],
    compare?: Compare,
  ): Peer => ({
    task,
    name,
    needs,
    writes,
    cmd,
    ...(compare === undefined ? {} : { compare }),
  });
  const duck = (task: string) =>
    p(
      task,
      "DuckDB (2 threads, 512 MB)",
      ["duckdb"],
      task !== "T1",
      (i, o) => [
        "node",
        `${dir}duckdb.mjs`,
        duckdbDir(ctx.cacheDir),
        task,
        i,
        o,
      ],
    );
  const awk = (task: string, name: string, script: string, compare?: Compare) =>
    p(
      task,
      name,
      ["mawk"],
      task !== "T1",
      (i, o) =>
        task === "T1"
          ? ["mawk", "-f", `${dir}${script}`, i]
          : toFile(o, ["mawk", "-f", `${dir}${script}`, i]),
      compare,
    );
  return [
    p("T1", "rg -c", ["rg"], false, (i) => ["rg", "-c", "ERROR", i]),
    awk("T1", "mawk", "mawk_t1.awk"),
    p("T1", "Miller", ["mlr"], false, (i) => [
      "mlr",
      ..."--inidx --ifs tab --onidx filter".split(" "),
      '$1 =~ "ERROR"',
      ..."then count".split(" "),
      i,
    ]),
    p(
      "T1",
      "jq",
      ["jq"],
      false,
      (i) => ["jq", "-nR", "-f", `${dir}jq_t1.jq`, i],
    ),
    duck("T1"),
    awk("T2", "mawk", "mawk_t2.awk"),
    p(
      "T2",
      "jq",
      ["jq"],
      true,
      (i, o) => toFile(o, ["jq", "-cR", "-f", `${dir}jq_t2.jq`, i]),
    ),
    duck("T2"),
    duck("GROUP"),
    // Miller's p95 takes the value at index floor(0.95 n), not the nearest
    // rank ceil(0.95 n) - 1: they differ when n is a multiple of 20.
    p("GROUP", "Miller", ["mlr"], true, (i, o) =>
      toFile(o, [
        "mlr",
        ..."--idkvp --ifs space --ips = --ojsonl".split(" "),
        ..."stats1 -a count,p95 -f 1,latency_ms -g 3".split(" "),
        ..."then cut -o -f 3,1_count,latency_ms_p95".split(" "),
        ..."then rename 3,service,1_count,count,latency_ms_p95,p95".split(" "),
        ..."then sort -f service".split(" "),
        i,
      ]), "json"),
    awk("GROUP", "mawk, count only", "mawk_group_count.awk", "counts"),
    duck("SORT"),
    awk("DISTINCT", "mawk (in memory)", "mawk_distinct.awk"),
    p(
      "DISTINCT",
      "Python (in memory)",
      ["python3"],
      true,
      (i, o) => ["python3", `${dir}python_distinct.py`, i, o],
    ),
    p(
      "DISTINCT",
      "Node readline (in memory)",
      ["node"],
      true,
      (i, o) => ["node", `${dir}node_distinct.mjs`, i, o],
    ),
    duck("DISTINCT"),
  ];
}
