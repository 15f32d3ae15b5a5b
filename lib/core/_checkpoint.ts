// Copyright 2026 the sluice authors. MIT license.
// Checkpoints of resumable runs: where the reader stood and how much output
// was made durable at that point, replaced atomically. One of the few files
// that touch Deno.

import { CheckpointError } from "./errors.ts";
import type { ResumePoint } from "./position.ts";
import { parentDir, syncDir } from "../fs/_dir.ts";
import { isNotCapable, needsGrant } from "../fs/_permission.ts";

/** What identifies an input's content: its size and its first bytes. */
interface InputPrint {
  path: string;
  size: number;
  prefixBytes: number;
  prefixSha256: string;
}

interface Saved {
  format: "sluice-checkpoint";
  version: 1;
  pipeline: string;
  inputs: string[];
  output: string;
  prints: InputPrint[];
  position: ResumePoint;
  outputBytes: number;
  done: boolean;
}

/** What a resumed run continues from. */
export interface Resumed {
  position: ResumePoint;
  outputBytes: number;
  /** Whether the output was complete (the run stopped while renaming it). */
  done: boolean;
}

const PREFIX_BYTES = 64 * 1024;

async function prefixHash(path: string, bytes: number): Promise<string> {
  using file = await Deno.open(path, { read: true });
  const buf = new Uint8Array(bytes);
  let at = 0;
  while (at < bytes) {
    const n = await file.read(buf.subarray(at));
    if (n === null) break;
    at += n;
  }
  const digest = await crypto.subtle.digest("SHA-256", buf.subarray(0, at));
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

async function printOf(path: string): Promise<InputPrint> {
  const size = (await Deno.stat(path)).size;
  const prefixBytes = Math.min(size, PREFIX_BYTES);
  return {
    path,
    size,
    prefixBytes,
    prefixSha256: await prefixHash(path, prefixBytes),
  };
}

/** Writes `bytes` to `path` atomically: temp file, fsync, rename, dir fsync. */
async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.sluice-tmp`;
  try {
    using file = await Deno.open(temp, {
      write: true,
      create: true,
      truncate: true,
    });
    let at = 0;
    while (at < bytes.length) {
      const n = await file.write(bytes.subarray(at));
      if (!(n > 0)) throw new Deno.errors.WriteZero(`Cannot write "${temp}"`);
      at += n;
    }
    await file.sync();
  } catch (error) {
    // A full disk, say: no half-written checkpoint left next to the real one.
    await Deno.remove(temp).catch(() => {});
    if (isNotCapable(error)) {
      const dir = parentDir(path);
      throw needsGrant(
        error,
        `Cannot write the checkpoint "${path}": it is replaced atomically through a temporary file beside it, so it needs write access to its directory "${dir}"`,
        { flag: "--allow-write", path: dir },
      );
    }
    throw error;
  }
  await Deno.rename(temp, path);
  await syncDir(parentDir(path));
}

/**
 * The checkpoint of one run: loads the one to resume from (checking that it
 * fits this run), records new ones, and removes it when the run is done.
 */
export class Checkpointer {
  /** The checkpoint file. */
  readonly path: string;
  /** The least time between two checkpoints. */
  readonly everyMs: number;
  /** What this run continues from, once loaded; undefined for a fresh run. */
  resumed: Resumed | undefined = undefined;
  /** Checkpoints recorded by this run. */
  saves = 0;
  readonly #pipeline: string;
  readonly #inputs: string[];
  readonly #output: string;
  #prints: InputPrint[] = [];
  #last = 0;

  /**
   * @param path The checkpoint file.
   * @param everyMs The least time between two checkpoints.
   * @param pipeline What identifies the pipeline: its stages' kinds.
   * @param inputs The source's input paths.
   * @param output The output path.
   */
  constructor(
    path: string,
    everyMs: number,
    pipeline: string,
    inputs: string[],
    output: string,
  ) {
    this.path = path;
    this.everyMs = everyMs;
    this.#pipeline = pipeline;
    this.#inputs = inputs;
    this.#output = output;
  }

  #refuse(reason: string): CheckpointError {
    return new CheckpointError(this.path, reason);
  }

  /** Reads the checkpoint, if there is one, and checks that it fits. */
  async load(): Promise<void> {
    this.#last = performance.now();
    let text: string;
    try {
      text = await Deno.readTextFile(this.path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    let saved: Saved;
    try {
      saved = JSON.parse(text);
    } catch {
      throw this.#refuse("it is not valid JSON");
    }
    if (saved?.format !== "sluice-checkpoint" || saved.version !== 1) {
      throw this.#refuse("it is not a sluice checkpoint (version 1)");
    }
    if (saved.pipeline !== this.#pipeline) {
      throw this.#refuse(
        `it was written by another pipeline (${saved.pipeline}), not this one (${this.#pipeline})`,
      );
    }
    if (JSON.stringify(saved.inputs) !== JSON.stringify(this.#inputs)) {
      throw this.#refuse(
        `it was written for other inputs (${
          saved.inputs.map((p) => `"${p}"`).join(", ")
        })`,
      );
    }
    if (saved.output !== this.#output) {
      throw this.#refuse(
        `it was written for another output ("${saved.output}")`,
      );
    }
    if (!saved.done) {
      for (const print of saved.prints) {
        let size: number;
        try {
          size = (await Deno.stat(print.path)).size;
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw error;
          throw this.#refuse(`input "${print.path}" no longer exists`);
        }
        if (size < print.size) {
          throw this.#refuse(
            `input "${print.path}" changed since the checkpoint: it has ${size} bytes now, ${print.size} before`,
          );
        }
        const hash = await prefixHash(print.path, print.prefixBytes);
        if (hash !== print.prefixSha256) {
          throw this.#refuse(
            `input "${print.path}" changed since the checkpoint: its first ${print.prefixBytes} bytes differ`,
          );
        }
      }
      const current = this.#inputs[saved.position.input];
      if (current !== undefined) {
        const size = (await Deno.stat(current)).size;
        if (size < saved.position.offset) {
          throw this.#refuse(
            `input "${current}" changed since the checkpoint: it has ${size} bytes now, the run had read ${saved.position.offset}`,
          );
        }
      }
    }
    this.#prints = saved.prints;
    this.resumed = {
      position: saved.done
        ? { input: this.#inputs.length, offset: 0, line: 1 }
        : saved.position,
      outputBytes: saved.outputBytes,
      done: saved.done,
    };
  }

  /** Whether the next checkpoint is due. */
  due(): boolean {
    return performance.now() - this.#last >= this.everyMs;
  }

  /**
   * Records that the output holds `outputBytes` bytes, durable, for all the
   * input before `position`; `done` when the output is complete.
   */
  async save(
    position: ResumePoint,
    outputBytes: number,
    done = false,
  ): Promise<void> {
    const last = Math.min(position.input, this.#inputs.length - 1);
    for (let i = this.#prints.length; i <= last; i++) {
      this.#prints.push(await printOf(this.#inputs[i]!));
    }
    const saved: Saved = {
      format: "sluice-checkpoint",
      version: 1,
      pipeline: this.#pipeline,
      inputs: this.#inputs,
      output: this.#output,
      prints: this.#prints,
      position,
      outputBytes,
      done,
    };
    await replaceFile(
      this.path,
      new TextEncoder().encode(JSON.stringify(saved, null, 1) + "\n"),
    );
    this.saves++;
    this.#last = performance.now();
  }

  /** Removes the checkpoint once the output is in place. */
  async remove(): Promise<void> {
    try {
      await Deno.remove(this.path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    await syncDir(parentDir(this.path));
  }
}
