// Copyright 2026 the sluice authors. MIT license.
// A one-node Slurm cluster on this machine, for the tests that run sluice as
// a job array: munged with a key of its own, slurmctld and slurmd on free
// ports, all their files in one temp dir (SLURM_CONF points there), started
// as root and torn down whatever happens (a test process killed outright
// still ends the daemons; only the temp dir is then left). Where that cannot
// be done, the tests are skipped with a line saying why.

const decoder = new TextDecoder();

/** The daemons and the commands the cluster needs (Debian's slurm-wlm, munge). */
const COMMANDS = [
  "bash",
  "munged",
  "slurmctld",
  "slurmd",
  "sbatch",
  "sinfo",
  "squeue",
  "scancel",
];

/** How long the daemons get to come up (the machine may be busy). */
const START_MS = 60_000;
/** How long a daemon gets to end on SIGTERM before SIGKILL. */
const STOP_MS = 10_000;

function onPath(command: string): boolean {
  const dirs = (Deno.env.get("PATH") ?? "").split(":");
  for (const dir of [...dirs, "/usr/sbin", "/sbin"]) {
    try {
      if (Deno.statSync(`${dir}/${command}`).isFile) return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/**
 * Why a Slurm cluster cannot be started here (not root, commands missing),
 * printed on standard error, or undefined when it may be tried.
 */
export function slurmMissing(): string | undefined {
  let reason: string | undefined;
  if (Deno.uid() !== 0) {
    reason = "they start Slurm's daemons, which needs root";
  } else {
    const missing = COMMANDS.filter((c) => !onPath(c));
    if (missing.length > 0) {
      reason = `${missing.join(", ")} not found (Debian: apt-get install ` +
        `slurm-wlm munge)`;
    }
  }
  if (reason !== undefined) {
    console.error(`Skipping the Slurm tests: ${reason}`);
  }
  return reason;
}

/**
 * The wrapper of each daemon: the daemon lives as long as the wrapper's
 * standard input is open. stop() closes it, and so does the system when the
 * test process dies first (Ctrl-C, a crash), so no daemon outlives the test.
 * SIGTERM, then SIGKILL after STOP_MS.
 */
const WRAPPER = `
pidfile=$1; shift
exec 3<&0
"$@" </dev/null 3<&- & pid=$!
echo "$pid" > "$pidfile"
{
  read -r _ <&3 || true
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq ${STOP_MS / 250}); do
    kill -0 "$pid" 2>/dev/null || exit 0
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null
} &
watcher=$!
wait "$pid"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A daemon in the foreground, with what it printed once it ended. */
class Daemon {
  readonly name: string;
  #pidFile: string;
  #child: Deno.ChildProcess;
  #ended: Promise<Deno.CommandOutput>;
  #exited = false;

  constructor(
    name: string,
    args: string[],
    env: Record<string, string>,
    pidFile: string,
  ) {
    this.name = name;
    this.#pidFile = pidFile;
    this.#child = new Deno.Command("bash", {
      args: ["-c", WRAPPER, "wrapper", pidFile, name, ...args],
      env,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#ended = this.#child.output();
    this.#ended.then(() => this.#exited = true, () => this.#exited = true);
  }

  get exited(): boolean {
    return this.#exited;
  }

  /** The daemon's process id (not its wrapper's). */
  async pid(): Promise<number> {
    const end = Date.now() + START_MS;
    while (true) {
      try {
        const pid = Number(await Deno.readTextFile(this.#pidFile));
        if (pid > 0) return pid;
      } catch {
        // not written yet
      }
      if (Date.now() > end) {
        throw new Error(`${this.name} has no process id`);
      }
      await sleep(50);
    }
  }

  /** The last lines the daemon printed (it must have ended). */
  async tail(lines = 12): Promise<string> {
    const out = await this.#ended;
    const text = decoder.decode(out.stdout) + decoder.decode(out.stderr);
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  }

  /** Ends the daemon (through its wrapper) and waits until it has. */
  async stop(): Promise<void> {
    try {
      await this.#child.stdin.close();
    } catch {
      // closed already
    }
    await this.#ended;
  }
}

/** A free TCP port on the loopback interface. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function run(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ success: boolean; stdout: string; stderr: string }> {
  const out = await new Deno.Command(command, {
    args,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    success: out.success,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/** Waits until `ready()` holds, or a daemon ends, or the time is up. */
async function waitFor(
  what: string,
  ready: () => Promise<boolean>,
  daemons: Daemon[],
): Promise<void> {
  const end = Date.now() + START_MS;
  while (!(await ready())) {
    const dead = daemons.find((d) => d.exited);
    if (dead !== undefined) {
      throw new Error(
        `${dead.name} ended while waiting for ${what}:\n${await dead.tail()}`,
      );
    }
    if (Date.now() > end) {
      throw new Error(`waited ${START_MS / 1000} s for ${what} in vain`);
    }
    await sleep(250);
  }
}

/** The partition of the cluster, which holds its one node. */
export const PARTITION = "sluice";

/** A running one-node cluster; `await using` it to tear it down. */
export class SlurmCluster {
  /** The temp dir of every file of the cluster (removed by stop()). */
  readonly dir: string;
  /** The environment for sbatch, sinfo…: SLURM_CONF, this cluster's. */
  readonly env: Record<string, string>;
  /** The node's name (this machine's short host name) and its CPUs. */
  readonly node: string;
  readonly cpus: number;
  /** The process ids of the daemons: munged, slurmctld, slurmd. */
  readonly pids: number[];
  #daemons: Daemon[];

  constructor(
    dir: string,
    env: Record<string, string>,
    node: string,
    cpus: number,
    daemons: Daemon[],
    pids: number[],
  ) {
    this.dir = dir;
    this.env = env;
    this.node = node;
    this.cpus = cpus;
    this.#daemons = daemons;
    this.pids = pids;
  }

  /**
   * Cancels the cluster's jobs, ends its daemons (newest first) and removes
   * its temp dir; a second call does nothing.
   */
  async stop(): Promise<void> {
    const daemons = this.#daemons;
    this.#daemons = [];
    if (daemons.length === 0) return;
    try {
      if (daemons.every((d) => !d.exited)) {
        // Jobs still running would leave their slurmstepd behind.
        await run("scancel", ["--partition", PARTITION], this.env);
        const end = Date.now() + STOP_MS;
        while (Date.now() < end) {
          const q = await run("squeue", ["-h", "-o", "%i"], this.env);
          if (!q.success || q.stdout.trim() === "") break;
          await sleep(250);
        }
      }
    } finally {
      for (const d of daemons.reverse()) await d.stop();
      await Deno.remove(this.dir, { recursive: true });
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

function slurmConf(o: {
  dir: string;
  node: string;
  nodeLine: string;
  ctldPort: number;
  slurmdPort: number;
  socket: string;
}): string {
  const { dir } = o;
  return [
    "ClusterName=sluice",
    `SlurmctldHost=${o.node}(127.0.0.1)`,
    "SlurmUser=root",
    "SlurmdUser=root",
    `SlurmctldPort=${o.ctldPort}`,
    `SlurmdPort=${o.slurmdPort}`,
    "AuthType=auth/munge",
    "CredType=cred/munge",
    `AuthInfo=socket=${o.socket}`,
    `StateSaveLocation=${dir}/state`,
    `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/run/slurmctld.pid`,
    `SlurmdPidFile=${dir}/run/slurmd.pid`,
    `SlurmctldLogFile=${dir}/log/slurmctld.log`,
    `SlurmdLogFile=${dir}/log/slurmd.log`,
    // No cgroups: processes tracked through /proc, no task binding.
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "JobAcctGatherType=jobacct_gather/none",
    "AccountingStorageType=accounting_storage/none",
    "MpiDefault=none",
    "SwitchType=switch/none",
    "MailProg=/bin/true",
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_Core",
    "ReturnToService=2",
    // The node as slurmd detects it; never drained for a small mismatch.
    "SlurmdParameters=config_overrides",
    `${o.nodeLine} NodeAddr=127.0.0.1 State=UNKNOWN`,
    `PartitionName=${PARTITION} Nodes=${o.node} Default=YES MaxTime=INFINITE State=UP`,
    "",
  ].join("\n");
}

/**
 * Starts a one-node Slurm cluster and waits until `sinfo` shows its node
 * idle. Returns undefined (and prints why on standard error) when it cannot
 * be started; whatever it started by then is ended and removed.
 */
export async function startSlurm(): Promise<SlurmCluster | undefined> {
  if (slurmMissing() !== undefined) return undefined;
  const dir = await Deno.makeTempDir({ prefix: "sluice-slurm-" });
  const daemons: Daemon[] = [];
  try {
    // munged wants its socket's directories searchable by all, its key
    // readable only by root.
    await Deno.chmod(dir, 0o755);
    for (const sub of ["munge", "state", "spool", "log", "run"]) {
      await Deno.mkdir(`${dir}/${sub}`, { mode: 0o755 });
    }
    await Deno.mkdir(`${dir}/key`, { mode: 0o700 });
    await Deno.writeFile(
      `${dir}/key/munge.key`,
      crypto.getRandomValues(new Uint8Array(1024)),
      { mode: 0o600 },
    );
    const socket = `${dir}/munge/munge.socket`;
    daemons.push(
      new Daemon(
        "munged",
        [
          "--foreground",
          `--key-file=${dir}/key/munge.key`,
          `--socket=${socket}`,
          `--pid-file=${dir}/munge/munged.pid`,
          `--log-file=${dir}/log/munged.log`,
          `--seed-file=${dir}/munge/munged.seed`,
        ],
        {},
        `${dir}/run/munged.child`,
      ),
    );
    await waitFor("munged's socket", async () => {
      try {
        return (await Deno.stat(socket)).isSocket === true;
      } catch {
        return false;
      }
    }, daemons);

    // `slurmd -C` prints this machine's node line: its short host name (which
    // slurmctld also checks SlurmctldHost against), CPUs and memory.
    const detected = await run("slurmd", ["-C"], {});
    const nodeLine = detected.stdout.split("\n")[0] ?? "";
    const node = nodeLine.match(/^NodeName=(\S+)/)?.[1];
    const cpus = Number(nodeLine.match(/\bCPUs=(\d+)/)?.[1]);
    if (!detected.success || node === undefined || !(cpus > 0)) {
      throw new Error(
        `slurmd -C did not print a node line: ${detected.stdout}${detected.stderr}`,
      );
    }
    const conf = `${dir}/slurm.conf`;
    await Deno.writeTextFile(
      conf,
      slurmConf({
        dir,
        node,
        nodeLine,
        ctldPort: freePort(),
        slurmdPort: freePort(),
        socket,
      }),
    );
    const env = { SLURM_CONF: conf };
    daemons.push(
      new Daemon("slurmctld", ["-D"], env, `${dir}/run/slurmctld.child`),
    );
    daemons.push(new Daemon("slurmd", ["-D"], env, `${dir}/run/slurmd.child`));
    await waitFor(`node ${node} to be idle`, async () => {
      const r = await run("sinfo", ["-h", "-N", "-o", "%T"], env);
      return r.success && r.stdout.trim() === "idle";
    }, daemons);
    const pids = await Promise.all(daemons.map((d) => d.pid()));
    return new SlurmCluster(dir, env, node, cpus, daemons, pids);
  } catch (e) {
    for (const d of daemons.reverse()) await d.stop();
    await Deno.remove(dir, { recursive: true });
    console.error(
      `Skipping the Slurm tests: the cluster did not start: ${
        e instanceof Error ? e.message : String(e)
      }`,
    );
    return undefined;
  }
}
