// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  isNotCapable,
  needsGrant,
  splitPath,
  syncDir
} from "./chunk-4TGYKUN4.js";
import {
  closeQuietly
} from "./chunk-E2F53XKZ.js";
import {
  isWritableStream,
  pathOf
} from "./chunk-65U4WM43.js";

// lib/fs/_output.ts
var tempFiles = /* @__PURE__ */ new Set();
globalThis.addEventListener("unload", removeTempFilesSync);
function trackTemp(path) {
  tempFiles.add(path);
}
function untrackTemp(path) {
  tempFiles.delete(path);
}
function removeTempFilesSync() {
  for (const path of tempFiles) {
    try {
      Deno.removeSync(path, {
        recursive: true
      });
    } catch {
    }
  }
  tempFiles.clear();
}
function annotate(error, target2) {
  if (!(error instanceof Error)) return error;
  if (error.message.startsWith(`Cannot write ${target2}`)) return error;
  const Ctor = error.constructor;
  try {
    const wrapped = new Ctor(`Cannot write ${target2}: ${error.message}`, {
      cause: error
    });
    wrapped.name = error.name;
    return wrapped;
  } catch {
    return error;
  }
}
function writeAllSync(file, bytes) {
  let at = 0;
  while (at < bytes.length) {
    const n = file.writeSync(bytes.subarray(at));
    if (!(n > 0)) throw writeZero(n, bytes.length - at);
    at += n;
  }
}
function writeZero(n, left) {
  return new Deno.errors.WriteZero(`Write returned ${n} with ${left} bytes left`);
}
async function writeAll(file, bytes) {
  let at = 0;
  while (at < bytes.length) {
    const n = await file.write(bytes.subarray(at));
    if (!(n > 0)) throw writeZero(n, bytes.length - at);
    at += n;
  }
}
function writerOf(file, regular) {
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
async function keepOwner(file, path, given, existing) {
  const made = await file.stat();
  if (made.uid === existing.uid && made.gid === existing.gid) return;
  try {
    await Deno.chown(path, existing.uid, existing.gid);
  } catch (error) {
    closeQuietly(file);
    tempFiles.delete(path);
    await Deno.remove(path).catch(() => {
    });
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new Deno.errors.PermissionDenied(`Cannot replace "${given}" atomically: it belongs to user ${existing.uid}, group ${existing.gid}, which a new file of this process cannot keep; ${IN_PLACE}`);
    }
    throw error;
  }
}
async function keepMode(file, path, mode) {
  try {
    await Deno.chmod(path, mode);
  } catch (error) {
    closeQuietly(file);
    await Deno.remove(path).catch(() => {
    });
    throw error;
  }
}
var DESCRIPTOR = /^\/dev\/(?:stdout|stderr|fd\/\d+)$|^\/proc\/(?:self|thread-self|\d+)\/fd\/\d+$/;
async function target(given) {
  const inPlace = DESCRIPTOR.test(given);
  try {
    const info = await Deno.stat(given);
    if ((inPlace || !info.isFile) && !info.isDirectory) {
      return {
        existing: info,
        path: given,
        inPlace
      };
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  let path = given;
  for (let hops = 0; hops < 40; hops++) {
    let link;
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
  let existing;
  try {
    existing = await Deno.stat(path);
    path = await Deno.realPath(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (existing?.isDirectory) {
    throw new Deno.errors.IsADirectory(`Cannot write "${given}": it is a directory`);
  }
  return {
    existing,
    path
  };
}
async function checkReplaceable(given, path, existing) {
  try {
    (await Deno.open(path, {
      write: true
    })).close();
  } catch (error) {
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new Deno.errors.PermissionDenied(`Cannot write "${given}": Permission denied`);
    }
    throw error;
  }
  if (existing.nlink !== null && existing.nlink > 1) {
    throw new Deno.errors.NotSupported(`Cannot replace "${given}" atomically: it has ${existing.nlink} hard links, which a new file would not keep; ${IN_PLACE}`);
  }
}
var IN_PLACE = "write it in place instead (not atomic: atomic: false, or --in-place on the command line)";
function withoutInPlace(error) {
  if (!(error instanceof Error) || !error.message.includes(IN_PLACE)) {
    return error;
  }
  const Ctor = error.constructor;
  const plain = new Ctor(error.message.replace(new RegExp(`(, or |; )?${escape(IN_PLACE)}`), ""), {
    cause: error.cause ?? error
  });
  plain.name = error.name;
  return plain;
}
function escape(text) {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
async function openPath(given, append, atomic) {
  const { existing, path, inPlace } = await target(given);
  if (append || !atomic || inPlace === true || existing !== void 0 && !existing.isFile) {
    const file2 = await Deno.open(path, {
      write: true,
      append,
      create: append || !atomic,
      truncate: !append && (!atomic || inPlace === true) && (existing?.isFile ?? true)
    });
    let regular;
    try {
      regular = (await file2.stat()).isFile;
    } catch (error) {
      closeQuietly(file2);
      throw error;
    }
    return {
      write: writerOf(file2, regular),
      commit() {
        file2.close();
        return Promise.resolve();
      },
      abort() {
        closeQuietly(file2);
        return Promise.resolve();
      }
    };
  }
  if (existing !== void 0) await checkReplaceable(given, path, existing);
  const { dir, base } = splitPath(path);
  const random = crypto.getRandomValues(new Uint32Array(2)).reduce((s, n) => s + n.toString(36), "");
  const temp = `${dir}/.${base}.${random}.sluice-tmp`;
  const mode = existing?.mode === null || existing?.mode === void 0 ? void 0 : existing.mode & 4095;
  let file;
  try {
    file = await Deno.open(temp, {
      write: true,
      createNew: true,
      mode: mode ?? 438
    });
  } catch (error) {
    if (isNotCapable(error)) {
      throw needsGrant(error, `Cannot write "${given}": writing it atomically makes a temporary file beside it, so it needs write access to its directory "${dir}"`, {
        flag: "--allow-write",
        path: dir,
        otherwise: IN_PLACE
      });
    }
    if (error instanceof Deno.errors.PermissionDenied) {
      throw new Deno.errors.PermissionDenied(`Cannot write "${given}": no temporary file can be made beside it in "${dir}" (Permission denied), where the new file is written before it replaces the old; ${IN_PLACE}`);
    }
    throw error;
  }
  tempFiles.add(temp);
  if (mode !== void 0) await keepMode(file, temp, mode);
  if (existing !== void 0) await keepOwner(file, temp, given, existing);
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
      }
      tempFiles.delete(temp);
    }
  };
}
function partialPath(path) {
  const { dir, base } = splitPath(path);
  return `${dir}/.${base}.sluice-partial`;
}
async function openPartialOutput(given, resumeBytes, done, refuse) {
  const { existing, path } = await target(given);
  if (existing !== void 0 && !existing.isFile) {
    throw new TypeError(`Cannot resume writing "${given}": only a regular file can be written with a checkpoint`);
  }
  const { dir } = splitPath(path);
  const partial = partialPath(path);
  const unlock = await lockPartial(partial, given);
  try {
    let file;
    const mode = existing?.mode === null || existing?.mode === void 0 ? void 0 : existing.mode & 4095;
    if (resumeBytes === void 0) {
      if (existing !== void 0) await checkReplaceable(given, path, existing);
      file = await Deno.open(partial, {
        write: true,
        create: true,
        truncate: true,
        mode: mode ?? 438
      });
      if (mode !== void 0) await keepMode(file, partial, mode);
      if (existing !== void 0) {
        await keepOwner(file, partial, given, existing);
      }
    } else {
      try {
        file = await Deno.open(partial, {
          read: true,
          write: true
        });
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        if (done && existing?.size === resumeBytes) {
          return {
            write: () => Promise.reject(new Error("The output is complete")),
            commit: () => Promise.resolve(unlock()),
            abort: () => Promise.resolve(unlock()),
            sync: () => Promise.resolve()
          };
        }
        throw refuse(`the partial output "${partial}" is missing`);
      }
      try {
        const size = (await file.stat()).size;
        if (size < resumeBytes) {
          throw refuse(`the partial output "${partial}" has ${size} bytes, fewer than the ${resumeBytes} recorded`);
        }
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
        if (!closed) closeQuietly(file);
        closed = true;
        unlock();
        return Promise.resolve();
      }
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
function alive(pid) {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch (error) {
    return !(error instanceof Deno.errors.NotFound);
  }
}
async function lockPartial(partial, given) {
  const lock = `${partial}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let file;
    try {
      file = Deno.openSync(lock, {
        write: true,
        createNew: true
      });
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      const text = await Deno.readTextFile(lock).catch(() => "");
      const pid = Number(text.trim());
      const fresh = text === "" && Date.now() - ((await Deno.stat(lock).catch(() => void 0))?.mtime?.getTime() ?? 0) < 1e4;
      if (fresh || Number.isSafeInteger(pid) && pid > 0 && alive(pid)) {
        throw new Deno.errors.Busy(`Cannot write "${given}" with a checkpoint: ${fresh ? "another run" : `process ${pid}`} is writing it (its lock is "${lock}")`);
      }
      await Deno.remove(lock).catch(() => {
      });
      continue;
    }
    try {
      writeAllSync(file, new TextEncoder().encode(`${Deno.pid}
`));
    } catch (error) {
      closeQuietly(file);
      await Deno.remove(lock).catch(() => {
      });
      throw error;
    }
    closeQuietly(file);
    trackTemp(lock);
    return () => {
      untrackTemp(lock);
      try {
        Deno.removeSync(lock);
      } catch {
      }
    };
  }
  throw new Deno.errors.Busy(`Cannot write "${given}" with a checkpoint: its lock "${lock}" keeps coming back`);
}
async function discardPartial(given) {
  let path = given;
  try {
    path = await Deno.realPath(given);
  } catch {
  }
  try {
    await Deno.remove(partialPath(path));
  } catch {
  }
}
async function openOutput(target2, append, atomic = true) {
  if (target2 === "-") {
    return {
      write: (bytes) => writeAll(Deno.stdout, bytes),
      commit: () => Promise.resolve(),
      abort: () => Promise.resolve()
    };
  }
  if (typeof target2 === "string" || target2 instanceof URL) {
    return await openPath(pathOf(target2), append, atomic);
  }
  if (isWritableStream(target2)) {
    const writer = target2.getWriter();
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
        }
      }
    };
  }
  if (typeof target2.write === "function") {
    const file = target2;
    return {
      write: (bytes) => writeAll(file, bytes),
      commit: () => Promise.resolve(),
      abort: () => Promise.resolve()
    };
  }
  throw new TypeError(`Cannot write lines to ${Object.prototype.toString.call(target2)}: expected a path, "-", a file or a WritableStream`);
}

export {
  trackTemp,
  untrackTemp,
  removeTempFilesSync,
  annotate,
  writeAllSync,
  writeAll,
  withoutInPlace,
  partialPath,
  openPartialOutput,
  discardPartial,
  openOutput
};
