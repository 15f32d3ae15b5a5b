// Copyright 2026 the sluice authors. MIT license.
// --shard K/N and --shard env/N: which shard of a job this process runs.

import { UsageError } from "../core/errors.ts";

/** The environment variables `--shard env/N` reads, in this order. */
export const SHARD_VARIABLES = [
  "JOB_COMPLETION_INDEX",
  "SLURM_ARRAY_TASK_ID",
] as const;

function variable(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch (error) {
    if (
      error instanceof Deno.errors.NotCapable ||
      error instanceof Deno.errors.PermissionDenied
    ) {
      throw new UsageError(
        `--shard env/N reads ${
          SHARD_VARIABLES.join(" or ")
        }: allow it with --allow-env=${SHARD_VARIABLES.join(",")}`,
      );
    }
    throw error;
  }
}

/**
 * The shard of `--shard K/N` (K from 0) or `--shard env/N` (K from
 * Kubernetes' JOB_COMPLETION_INDEX or Slurm's SLURM_ARRAY_TASK_ID).
 *
 * @throws {UsageError} For anything else, or a K out of range.
 */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+|env)\/(\d+)$/.exec(text);
  const count = m === null ? NaN : Number(m[2]);
  if (m === null || !Number.isSafeInteger(count) || count < 1) {
    throw new UsageError(
      `--shard must be K/N (shard K of N, K from 0) or env/N, got "${text}"`,
    );
  }
  let given = m[1]!;
  let from = "";
  if (given === "env") {
    const found = SHARD_VARIABLES.map((name) => [name, variable(name)] as const)
      .find(([, value]) => value !== undefined && value !== "");
    if (found === undefined) {
      throw new UsageError(
        `--shard env/${count} needs ${
          SHARD_VARIABLES.join(" or ")
        } set (a Kubernetes Indexed Job or a Slurm job array sets it)`,
      );
    }
    from = ` (from ${found[0]})`;
    given = found[1]!;
  }
  const index = /^\d+$/.test(given) ? Number(given) : NaN;
  if (!Number.isSafeInteger(index) || index >= count) {
    throw new UsageError(
      `--shard: the shard must be an integer from 0 to ${
        count - 1
      }, got "${given}"${from}`,
    );
  }
  return { index, count };
}
