#!/usr/bin/env bash
# One sluice command per task of a Slurm job array. Submit it from a clone of
# sluice (or with --chdir=CLONE) with deno on PATH; sbatch hands the job the
# environment it was submitted from. For example, the ERROR lines of four
# logs, one task per log, each count in a file of its own:
#
#   sbatch --array=0-3 --wait examples/slurm/sluice_array.sh \
#     grep -c ERROR 'logs/app.%a.log' --output 'counts/%a.txt'
#
# Each "%a" in an argument becomes the task's index, $SLURM_ARRAY_TASK_ID (as
# in sbatch's own --output=slurm-%A_%a.out). The job's exit status is the
# highest of its tasks', so `sbatch --wait` fails when one task failed.
#SBATCH --job-name=sluice
#SBATCH --ntasks=1
set -euo pipefail

task=${SLURM_ARRAY_TASK_ID:?submit this as a job array: sbatch --array=0-3 ...}
args=()
for arg in "$@"; do args+=("${arg//'%a'/$task}"); done
# The task's index is also readable by sluice itself (SLURM_ARRAY_TASK_ID;
# JOB_COMPLETION_INDEX is Kubernetes' name for it).
exec deno run -R -W --unstable-lazy-dynamic-imports \
  --allow-env=OTEL_DENO,SLURM_ARRAY_TASK_ID,JOB_COMPLETION_INDEX \
  lib/_bundle/lib/cli/main.js "${args[@]}"
