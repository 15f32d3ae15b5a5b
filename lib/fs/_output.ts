// Copyright 2026 the sluice authors. MIT license.
// Opening the targets writeLines accepts, and the atomic commit. One of the
// few files that touch Deno. Never uses FsFile.writable: it swallows the
// error of its last flush at close.

import { closeQuietly } from "./_close.ts";
import { splitPath, syncDir } from "./_dir.ts";
import { pathOf } from "./_path.ts";
import { isNotCapable, needsGrant } from "./_permission.ts";
import { isWritableStream } from "./_streams.ts";

/** Where {@linkcode writeLines} can write. */
export type LineTarget =
  | string
  | URL
  | WritableStream<Uint8Array>
  | { write(p: Uint8Array): Promise<number> };

/** An opened target. */
export interface OpenedOutput {
  /** Writes all of `bytes` or throws. */
  write(bytes: Uint8Array): Promise<void>;
  /** Makes the output final: fsync and rename for an atomic file. */
  commit(): Promise<void>;
  /** Throws the output away after a failure; never throws itself. */
  abort(reason: unknown): Promise<void>;
  /** Makes what was written so far durable (for checkpoints). */
  sync?(): Promise<void>;
}

/**
 * Temporary files of atomic writes in progress and spill directories of
 * sort, groupBy and distinct, for a hurried exit.
 */
const tempFiles = new Set<string>();
// A program that exits while runs are under way (Deno.exit after a second
// Ctrl-C) leaves none of their temporary files behind.
globalThis.addEventListener("unload", removeTempFilesSync);

/** Registers a temporary file or directory for {@linkcode removeTempFilesSync}. */
export function trackTemp(path: string): void {
  tempFiles.add(path);
}

/** Forgets a temporary path that was removed or made final. */
export function untrackTemp(path: string): void {
  tempFiles.delete(path);
}

/**
 * Removes the temporary files of atomic writes still in progress and the
 * spill directories still in use: for a program about to exit without
 * finishing its runs (a second Ctrl-C).
 */
export function removeTempFilesSync(): void {
  for (const path of tempFiles) {
    try {
      Deno.removeSync(path, { recursive: true });
    } catch {
      // Already gone.
    }
  }
  tempFiles.clear();
}

/** Re-throws an I/O error with the target named, keeping its class. */
export function annotate(error: unknown, target: string): unknown {
  if (!(error instanceof Error)) return error;
  // Our own errors name the target already: said once, not twice.
  if (error.message.startsWith(`Cannot write ${target}`)) return error;
  const Ctor = error.constructor as new (
    message: string,
    options: ErrorOptions,
  ) => Error;
  try {
    const wrapped = new Ctor(`Cannot write ${target}: ${error.message}`, {
      cause: error,
    });
    wrapped.name = error.name;
    return wrapped;
  } catch {
    return error;
  }
}

/** Writes all of `bytes` to `file` in this thread, or throws. */
export function writeAllSync(
  file: { writeSync(p: Uint8Array): number },
  bytes: Uint8Array,
): void {
  let at = 0;
  while (at < bytes.length) {
    const n = file.writeSync(bytes.subarray(at));
    if (!(n > 0)) throw writeZero(n, bytes.length - at);
    at += n;
  }
}

/** The error of a write that wrote nothing with `left` bytes to go. */
function writeZero(n: number, left: number): Error {
  return new Deno.errors.WriteZero(
    `Write returned ${n} with ${left} bytes left`,
  );
}

/** Writes all of `bytes` to `file`, or throws. */
export async function writeAll(
  file: { write(p: Uint8Array): Promise<number> },
  bytes: Uint8Array,
): Promise<void> {
  let at = 0;
  while (at < bytes.length) {
    const n = await file.write(bytes.subarray(at));
    if (!(n > 0)) throw writeZero(n, bytes.length - at);
    at += n;
  }
}

/**
 * How an opened file is written: a regular file in this thread, as the
 * reader reads, and anything else (a pipe, a terminal, a device, where a
 * write may wait for a long time) by the runtime's threads.
 *
 * While a write on the runtime's threads was under way, the event loop ran
 * the stages before the writer on, and the chunk they had ready (about 40 KB
 * of lines and the text they are cut from) stayed alive through the
 * scavenges of the next. A copy of the 256 MiB bench corpus (`readLines` to
 * `writeLines`) found one at about one scavenge for each write: 54, 27 and
 * 5 of 300-400 with write buffers of 256 KiB, 1 MiB and 4 MiB; in this
 * thread, and with the buffer written between chunks (see writeAll in the
 * write engine), at none. What survives V8's scavenges adds up to when it
 * grows its young generation (see eventLoopTurn).
 */
function writerOf(
  file: {
    write(p: Uint8Array): Promise<number>;
    writeSync(p: Uint8Array): number;
  },
  regular: boolean,
): (bytes: Uint8Array) => Promise<void> {
  if (!regular) return (bytes) => writeAll(file, bytes);
  return (bytes) => {
    try {
      writeAllSync(file, bytes);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/**
 * Gives a file just made the target's owner and group, where they differ
 * (root writing a service's file; a file of a group this process is in). A
 * file whose owner cannot be kept is not replaced: the error says what to do.
 */
async function keepOwner(
  file: Deno.FsFile,
  path: string,
  given: string,
  existing: Deno.FileInfo,
): Promise<void> {
  const made = await file.stat();
  if (made.uid === existing.uid && made.gid === existing.gid) return;
  try {
    await Deno.chown(path, existing.uid, existing.gid);
  } catch (error) {
    closeQuietly(file);
    tempFiles.delete(path);
    await Deno.remove(path).catch(() => {});
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new Deno.errors.PermissionDenied(
        `Cannot replace "${given}" atomically: it belongs to user ${existing.uid}, group ${existing.gid}, which a new file of this process cannot keep; ${IN_PLACE}`,
      );
    }
    throw error;
  }
}

/**
 * Gives a file just made the target's mode: the mode given to open is cut by
 * the umask, chmod is not (a target's group bits survive a 077 umask). The
 * file is closed and removed if that fails.
 */
async function keepMode(
  file: Deno.FsFile,
  path: string,
  mode: number,
): Promise<void> {
  try {
    await Deno.chmod(path, mode);
  } catch (error) {
    closeQuietly(file);
    await Deno.remove(path).catch(() => {});
    throw error;
  }
}

/**
 * A path that names a descriptor the process has open (its standard output,
 * say): written in place, as GNU tools write it, never replaced.
 */
const DESCRIPTOR =
  /^\/dev\/(?:stdout|stderr|fd\/\d+)$|^\/proc\/(?:self|thread-self|\d+)\/fd\/\d+$/;

/**
 * What a path to write names: the file there, if any, and the real path to
 * replace: what a symlink points to (also one that points to nothing yet),
 * not the link itself. A directory is refused. A path that leads to no
 * regular file (a device, a FIFO, or through /dev/stdout or /proc/self/fd/N
 * to a pipe or a socket) is kept as given: it is written in place, and such
 * links do not name a path (`pipe:[4026]`) to make a temporary file beside.
 * So is a path that names an open descriptor (`inPlace`): replacing the file
 * would leave the descriptor, and whatever else writes through it, on the
 * old one.
 */
async function target(
  given: string,
): Promise<
  { existing: Deno.FileInfo | undefined; path: string; inPlace?: boolean }
> {
  const inPlace = DESCRIPTOR.test(given);
  try {
    const info = await Deno.stat(given);
    if ((inPlace || !info.isFile) && !info.isDirectory) {
      return { existing: info, path: given, inPlace };
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  let path = given;
  // Follow links, dangling ones too: --output link writes where the link points.
  for (let hops = 0; hops < 40; hops++) {
    let link: Deno.FileInfo;
    try {
      link = await Deno.lstat(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) break;
      throw error;
    }
    if (!link.isSymlink) break;
    const to = await Deno.readLink(path);
    path = to.startsWith("/") ? to : `${splitPath(path).dir}/${to}`;
  }
  let existing: Deno.FileInfo | undefined;
  try {
    existing = await Deno.stat(path);
    path = await Deno.realPath(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (existing?.isDirectory) {
    throw new Deno.errors.IsADirectory(
      `Cannot write "${given}": it is a directory`,
    );
  }
  return { existing, path };
}

/**
 * Refuses to replace a file this process may not write (as GNU tools do,
 * rather than replacing it by rename), and one whose replacement would not
 * be the same file to its other names or its owner: a file with hard links,
 * or one whose owner or group this process cannot give the new file.
 * `inPlace` names the way out that keeps them (writing it in place).
 */
async function checkReplaceable(
  given: string,
  path: string,
  existing: Deno.FileInfo,
): Promise<void> {
  try {
    (await Deno.open(path, { write: true })).close();
  } catch (error) {
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new Deno.errors.PermissionDenied(
        `Cannot write "${given}": Permission denied`,
      );
    }
    throw error;
  }
  if (existing.nlink !== null && existing.nlink > 1) {
    throw new Deno.errors.NotSupported(
      `Cannot replace "${given}" atomically: it has ${existing.nlink} hard links, which a new file would not keep; ${IN_PLACE}`,
    );
  }
}

/** The way out, in the words of the library and of the command line. */
const IN_PLACE =
  "write it in place instead (not atomic: atomic: false, or --in-place on the command line)";

/**
 * `error` without the advice to write in place, for an output that has no
 * such choice (a dead letter); `error` itself when it gives none.
 */
export function withoutInPlace(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.includes(IN_PLACE)) {
    return error;
  }
  const Ctor = error.constructor as ErrorConstructor;
  const plain = new Ctor(
    error.message.replace(new RegExp(`(, or |; )?${escape(IN_PLACE)}`), ""),
    { cause: error.cause ?? error },
  );
  plain.name = error.name;
  return plain;
}

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

async function openPath(
  given: string,
  append: boolean,
  atomic: boolean,
): Promise<OpenedOutput> {
  const { existing, path, inPlace } = await target(given);
  // Devices, pipes and appends are written in place: a temp file and rename
  // would replace /dev/full or a FIFO with a plain file. So is a file when
  // asked (atomic: false), or through a descriptor (/dev/stdout).
  if (
    append || !atomic || inPlace === true ||
    (existing !== undefined && !existing.isFile)
  ) {
    const file = await Deno.open(path, {
      write: true,
      append,
      create: append || !atomic,
      truncate: !append && (!atomic || inPlace === true) &&
        (existing?.isFile ?? true),
    });
    let regular: boolean;
    try {
      regular = (await file.stat()).isFile;
    } catch (error) {
      closeQuietly(file);
      throw error;
    }
    return {
      write: writerOf(file, regular),
      commit() {
        file.close();
        return Promise.resolve();
      },
      abort() {
        closeQuietly(file);
        return Promise.resolve();
      },
    };
  }
  if (existing !== undefined) await checkReplaceable(given, path, existing);
  const { dir, base } = splitPath(path);
  const random = crypto.getRandomValues(new Uint32Array(2))
    .reduce((s, n) => s + n.toString(36), "");
  const temp = `${dir}/.${base}.${random}.sluice-tmp`;
  // Created with the target's mode, never more open than the target, before
  // a byte is written (a new file: what the umask leaves of 0666).
  const mode = existing?.mode === null || existing?.mode === undefined
    ? undefined
    : existing.mode & 0o7777;
  let file: Deno.FsFile;
  try {
    file = await Deno.open(temp, {
      write: true,
      createNew: true,
      mode: mode ?? 0o666,
    });
  } catch (error) {
    if (isNotCapable(error)) {
      // A grant of the target alone (--allow-write=out.log) does not cover
      // the temporary file beside it.
      throw needsGrant(
        error,
        `Cannot write "${given}": writing it atomically makes a temporary file beside it, so it needs write access to its directory "${dir}"`,
        { flag: "--allow-write", path: dir, otherwise: IN_PLACE },
      );
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new Deno.errors.PermissionDenied(
        `Cannot write "${given}": no temporary file can be made beside it in "${dir}" (Permission denied), where the new file is written before it replaces the old; ${IN_PLACE}`,
      );
    }
    throw error;
  }
  tempFiles.add(temp);
  if (mode !== undefined) await keepMode(file, temp, mode);
  if (existing !== undefined) await keepOwner(file, temp, given, existing);
  let closed = false;
  return {
    write: writerOf(file, true),
    async commit() {
      await file.sync();
      closed = true;
      file.close();
      await Deno.rename(temp, path);
      tempFiles.delete(temp);
      await syncDir(dir);
    },
    async abort() {
      if (!closed) closeQuietly(file);
      try {
        await Deno.remove(temp);
      } catch {
        // Already gone; the run's own error is the one to report.
      }
      tempFiles.delete(temp);
    },
  };
}

/** The stable name of a resumable run's partial output, next to `path`. */
export function partialPath(path: string): string {
  const { dir, base } = splitPath(path);
  return `${dir}/.${base}.sluice-partial`;
}

/**
 * Opens the partial output of a checkpointed run: a file at a stable name
 * next to the target, kept after a failure, truncated to the checkpoint's
 * `resumeBytes` when resuming, renamed over the target at the end. With
 * `done`, the output was complete and may already have been renamed.
 */
export async function openPartialOutput(
  given: string,
  resumeBytes: number | undefined,
  done: boolean,
  refuse: (reason: string) => Error,
): Promise<OpenedOutput> {
  const { existing, path } = await target(given);
  if (existing !== undefined && !existing.isFile) {
    throw new TypeError(
      `Cannot resume writing "${given}": only a regular file can be written with a checkpoint`,
    );
  }
  const { dir } = splitPath(path);
  const partial = partialPath(path);
  const unlock = await lockPartial(partial, given);
  try {
    let file: Deno.FsFile;
    const mode = existing?.mode === null || existing?.mode === undefined
      ? undefined
      : existing.mode & 0o7777;
    if (resumeBytes === undefined) {
      if (existing !== undefined) await checkReplaceable(given, path, existing);
      file = await Deno.open(partial, {
        write: true,
        create: true,
        truncate: true,
        mode: mode ?? 0o666,
      });
      if (mode !== undefined) await keepMode(file, partial, mode);
      if (existing !== undefined) {
        await keepOwner(file, partial, given, existing);
      }
    } else {
      try {
        file = await Deno.open(partial, { read: true, write: true });
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        if (done && existing?.size === resumeBytes) {
          // Stopped after the rename: the output is already in place.
          return {
            write: () => Promise.reject(new Error("The output is complete")),
            commit: () => Promise.resolve(unlock()),
            abort: () => Promise.resolve(unlock()),
            sync: () => Promise.resolve(),
          };
        }
        throw refuse(`the partial output "${partial}" is missing`);
      }
      try {
        const size = (await file.stat()).size;
        if (size < resumeBytes) {
          throw refuse(
            `the partial output "${partial}" has ${size} bytes, fewer than the ${resumeBytes} recorded`,
          );
        }
        // What was written after the checkpoint is written again.
        await file.truncate(resumeBytes);
        await file.seek(resumeBytes, Deno.SeekMode.Start);
      } catch (error) {
        closeQuietly(file);
        throw error;
      }
    }
    let closed = false;
    return {
      write: writerOf(file, true),
      sync: () => file.sync(),
      async commit() {
        await file.sync();
        closed = true;
        file.close();
        await Deno.rename(partial, path);
        unlock();
        await syncDir(dir);
      },
      abort() {
        // The partial output stays for the next run to resume.
        if (!closed) closeQuietly(file);
        closed = true;
        unlock();
        return Promise.resolve();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Whether the process `pid` is running (on Linux, where /proc says). */
function alive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch (error) {
    return !(error instanceof Deno.errors.NotFound);
  }
}

/**
 * Takes the lock of a partial output: a file beside it that holds the
 * process id of the run writing it. A lock left by a process that is gone
 * is taken over; one held by a running process (this one included) is an
 * error that names it. Returns the unlock.
 */
async function lockPartial(
  partial: string,
  given: string,
): Promise<() => void> {
  const lock = `${partial}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    // Made and given its process id in this thread, with no turn of the
    // event loop in between: a run stopped by Ctrl-C while an asynchronous
    // write of its id was under way left the lock empty, and the next run,
    // started at once, was refused for 10 s as if another run were writing
    // (the Ctrl-C test of a checkpointed run, on a busy machine).
    let file: Deno.FsFile;
    try {
      file = Deno.openSync(lock, { write: true, createNew: true });
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      const text = await Deno.readTextFile(lock).catch(() => "");
      const pid = Number(text.trim());
      // Empty: just made by a run that has yet to write its id.
      const fresh = text === "" &&
        Date.now() - ((await Deno.stat(lock).catch(() => undefined))?.mtime
                ?.getTime() ?? 0) < 10_000;
      if (fresh || (Number.isSafeInteger(pid) && pid > 0 && alive(pid))) {
        throw new Deno.errors.Busy(
          `Cannot write "${given}" with a checkpoint: ${
            fresh ? "another run" : `process ${pid}`
          } is writing it (its lock is "${lock}")`,
        );
      }
      // Left by a run that is gone (or half written): taken over.
      await Deno.remove(lock).catch(() => {});
      continue;
    }
    try {
      writeAllSync(file, new TextEncoder().encode(`${Deno.pid}\n`));
    } catch (error) {
      closeQuietly(file);
      await Deno.remove(lock).catch(() => {});
      throw error;
    }
    closeQuietly(file);
    trackTemp(lock);
    return () => {
      untrackTemp(lock);
      try {
        Deno.removeSync(lock);
      } catch {
        // Already gone.
      }
    };
  }
  throw new Deno.errors.Busy(
    `Cannot write "${given}" with a checkpoint: its lock "${lock}" keeps coming back`,
  );
}

/** Removes the partial output of a run that recorded no checkpoint. */
export async function discardPartial(given: string): Promise<void> {
  let path = given;
  try {
    path = await Deno.realPath(given);
  } catch {
    // The target does not exist yet: the partial is named after `given`.
  }
  try {
    await Deno.remove(partialPath(path));
  } catch {
    // Already gone; the run's own error is the one to report.
  }
}

/** Opens `target` for writing. */
export async function openOutput(
  target: LineTarget,
  append: boolean,
  atomic = true,
): Promise<OpenedOutput> {
  if (target === "-") {
    return {
      write: (bytes) => writeAll(Deno.stdout, bytes),
      commit: () => Promise.resolve(),
      abort: () => Promise.resolve(),
    };
  }
  if (typeof target === "string" || target instanceof URL) {
    return await openPath(pathOf(target), append, atomic);
  }
  if (isWritableStream(target)) {
    const writer = target.getWriter();
    return {
      // The buffer is reused, so the stream gets a copy.
      write: (bytes) => writer.write(bytes.slice()),
      async commit() {
        await writer.close();
      },
      async abort(reason) {
        try {
          await writer.abort(reason);
        } catch {
          // The stream is already errored; report the run's error.
        }
      },
    };
  }
  if (typeof (target as { write?: unknown }).write === "function") {
    const file = target as { write(p: Uint8Array): Promise<number> };
    return {
      write: (bytes) => writeAll(file, bytes),
      commit: () => Promise.resolve(),
      abort: () => Promise.resolve(),
    };
  }
  throw new TypeError(
    `Cannot write lines to ${
      Object.prototype.toString.call(target)
    }: expected a path, "-", a file or a WritableStream`,
  );
}
