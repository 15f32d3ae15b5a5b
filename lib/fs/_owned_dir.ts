// Copyright 2026 the sluice authors. MIT license.
// Temporary directories named after the process that owns them, so that a
// later process can tell the ones left by a process that is gone (killed
// outright, or by a Ctrl-C nobody handled) from the ones still in use, and
// remove them. Nothing here ends the process or installs a signal handler.
//
// A name is `<prefix><pid>-<start>-<machine>-<random>`: `start` is the
// process's start time (field 22 of /proc/<pid>/stat, in clock ticks since
// boot), so a pid used again by a later process does not pass for the owner;
// `machine` is a hash of the boot id and the PID namespace, so a directory
// shared with another machine or container, where the pid means nothing
// here, is never judged. Where /proc cannot be read (other systems, or no
// read permission for it), a name is `<prefix><pid>-<random>`, and such
// directories are never removed by anyone but their owner.

import { parentDir } from "./_dir.ts";

/** Who made a directory, as its name says. */
interface Owner {
  pid: number;
  start: string;
  machine: string;
}

let self: Promise<Owner | undefined> | undefined;

/** This process, or undefined when /proc cannot tell who owns what. */
function thisProcess(): Promise<Owner | undefined> {
  self ??= (async () => {
    try {
      if (!await granted({ name: "read", path: "/proc" })) return undefined;
      const start = await startOf(Deno.pid);
      if (start === undefined) return undefined;
      return { pid: Deno.pid, start, machine: await machine() };
    } catch {
      // No /proc (or not this layout): such directories are never swept.
      return undefined;
    }
  })();
  return self;
}

/** Whether a permission is granted, without ever prompting for it. */
async function granted(
  descriptor: Deno.PermissionDescriptor,
): Promise<boolean> {
  return (await Deno.permissions.query(descriptor)).state === "granted";
}

/** A short hash of what the pids of this process's /proc are pids of. */
async function machine(): Promise<string> {
  const boot = await Deno.readTextFile("/proc/sys/kernel/random/boot_id");
  const namespace = await Deno.readLink("/proc/self/ns/pid");
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${boot.trim()} ${namespace}`),
  );
  return Array.from(
    new Uint8Array(digest, 0, 4),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * The start time of process `pid` (clock ticks since boot), or undefined
 * when there is no such process. Throws when it cannot tell.
 */
async function startOf(pid: number): Promise<string | undefined> {
  let stat: string;
  try {
    stat = await Deno.readTextFile(`/proc/${pid}/stat`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so the
  // fields are counted from the last ")"; state is field 3, starttime 22.
  const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
  if (start === undefined || !/^\d+$/.test(start)) {
    throw new SyntaxError(
      `Cannot read the start time of process ${pid}: unexpected /proc/${pid}/stat "${stat}"`,
    );
  }
  return start;
}

/**
 * The part of a directory name that says it belongs to process `pid`, as
 * long as that process runs: `<pid>-<start>-<machine>`, or undefined when
 * there is no such process or /proc cannot tell.
 */
export async function ownerName(pid: number): Promise<string | undefined> {
  const me = await thisProcess();
  if (me === undefined) return undefined;
  const start = pid === me.pid ? me.start : await startOf(pid);
  return start === undefined ? undefined : `${pid}-${start}-${me.machine}`;
}

/**
 * Makes a new directory `<prefix><owner>-<random>` in `parent` (the system's
 * temporary directory by default), owned by this process.
 *
 * @throws What {@linkcode Deno.makeTempDir} throws.
 */
export async function makeOwnedDir(
  parent: string | undefined,
  prefix: string,
): Promise<string> {
  const owner = await ownerName(Deno.pid) ?? String(Deno.pid);
  return await Deno.makeTempDir({
    ...(parent === undefined ? {} : { dir: parent }),
    prefix: `${prefix}${owner}-`,
  });
}

/**
 * Removes the directories beside `made` (a directory of this process made
 * by {@linkcode makeOwnedDir} with the same `prefix`) that were left by
 * processes that are gone: of the same user, machine boot and PID namespace,
 * whose pid runs no process now or a process started at another time. A
 * directory of a running process, this one included, is never removed, nor
 * one whose owner cannot be told. Never throws: what cannot be removed now
 * is left for a later sweep, and the run goes on.
 *
 * @returns The directories removed.
 */
export async function sweepOrphans(
  made: string,
  prefix: string,
): Promise<string[]> {
  const removed: string[] = [];
  const parent = parentDir(made);
  const me = await thisProcess();
  try {
    if (
      me === undefined || !await granted({ name: "read", path: parent }) ||
      !await granted({ name: "write", path: parent })
    ) {
      return removed;
    }
    const uid = (await Deno.stat(made)).uid;
    const names: string[] = [];
    for await (const entry of Deno.readDir(parent)) {
      if (entry.isDirectory && entry.name.startsWith(prefix)) {
        names.push(entry.name);
      }
    }
    const pattern = /^(\d+)-(\d+)-([0-9a-f]{8})-[0-9A-Za-z]+$/;
    for (const name of names) {
      const m = pattern.exec(name.slice(prefix.length));
      if (m === null) continue;
      const owner = { pid: Number(m[1]), start: m[2]!, machine: m[3]! };
      if (owner.machine !== me.machine || owner.pid === me.pid) continue;
      const path = `${parent}/${name}`;
      try {
        const start = await startOf(owner.pid);
        if (start === owner.start) continue; // its owner runs
        if (uid === null || (await Deno.lstat(path)).uid !== uid) continue;
        await Deno.remove(path, { recursive: true });
        removed.push(path);
      } catch {
        // Removed by another sweep, or not ours to judge: left alone.
      }
    }
  } catch {
    // The parent cannot be listed now: a later sweep will do.
  }
  return removed;
}
