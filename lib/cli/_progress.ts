// Copyright 2026 the sluice authors. MIT license.
// The progress line: bytes done of total, lines, rate and ETA, redrawn in
// place on standard error.

import { formatBytes, formatCount, type Summary } from "../summary/summary.ts";

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** The figures: bytes done of total, lines, rate and ETA. */
export function renderProgress(
  summary: Summary,
  total: number | undefined,
): string {
  const done = summary.bytesRead;
  const seconds = summary.wallMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const lines = summary.stages[0]?.itemsOut ?? 0;
  const parts = total !== undefined && total > 0
    ? [
      `${formatBytes(done)} / ${formatBytes(total)}`,
      `${Math.min(100, Math.floor(done / total * 100))}%`,
      `${formatCount(lines)} lines`,
      `${formatBytes(rate)}/s`,
      `ETA ${rate > 0 ? formatSeconds((total - done) / rate) : "?"}`,
    ]
    : [
      formatBytes(done),
      `${formatCount(lines)} lines`,
      `${formatBytes(rate)}/s`,
    ];
  return parts.join("  ");
}

const encoder = new TextEncoder();

/** Writes all of `text` to standard error at once, so that no write comes between. */
function stderrSync(text: string): void {
  const bytes = encoder.encode(text);
  try {
    for (let at = 0; at < bytes.length;) {
      at += Deno.stderr.writeSync(bytes.subarray(at));
    }
  } catch {
    // Nowhere left to report to.
  }
}

/** The progress line being shown, if any: output clears it first. */
let active: ProgressLine | undefined;

/**
 * Runs `write` (of standard output or error) with the progress line out of
 * the way: cleared before, drawn again by the next tick, never during it,
 * nor after a write that ended inside a line (`bytes`, when given, are what
 * it writes: the line is drawn again once a write ends with LF).
 */
export async function clearedFor<T>(
  write: () => Promise<T>,
  bytes?: Uint8Array,
): Promise<T> {
  const line = active;
  if (line === undefined) return await write();
  return await line.around(
    write,
    bytes === undefined || bytes[bytes.length - 1] === 10,
  );
}

/**
 * The progress line on standard error. On a terminal it is drawn in place
 * (carriage return, figures, clear to the end of the line) at most four
 * times a second, and cleared before any output is written to the
 * terminal, so that output never lands on it; to a file or a pipe it is a
 * plain line (no carriage return, no escape code) at most once a second.
 * Draws are synchronous writes, so none can fall inside an output write.
 */
export class ProgressLine {
  readonly #render: () => string;
  readonly #terminal: boolean;
  readonly #timer: ReturnType<typeof setInterval>;
  #shown = false;
  #holding = 0;
  /** Whether the last output ended inside a line: no draw until it ends. */
  #midLine = false;

  /**
   * @param render The figures to show.
   * @param terminal Whether standard error is a terminal.
   */
  constructor(render: () => string, terminal: boolean) {
    this.#render = render;
    this.#terminal = terminal;
    this.#timer = setInterval(() => {
      if (this.#holding === 0 && !this.#midLine) this.#draw();
    }, terminal ? 250 : 1000);
    Deno.unrefTimer(this.#timer);
    active = this;
  }

  #draw(): void {
    if (this.#terminal) {
      stderrSync(`\r${this.#render()}\x1b[K`);
      this.#shown = true;
    } else {
      stderrSync(`${this.#render()}\n`);
    }
  }

  /** Clears the line (on a terminal) if it is shown. */
  #clear(): void {
    if (!this.#shown) return;
    stderrSync("\r\x1b[K");
    this.#shown = false;
  }

  /**
   * Runs `write` with the line cleared and no draw until it is done (nor
   * after, until a write ends a line, when `endsLine` is false).
   */
  async around<T>(write: () => Promise<T>, endsLine = true): Promise<T> {
    this.#holding++;
    this.#clear();
    try {
      return await write();
    } finally {
      this.#holding--;
      this.#midLine = !endsLine;
    }
  }

  /**
   * Stops drawing. `keep`: the final figures stay on a line of their own
   * (or, to a file or pipe, a last plain line); else a terminal's line is
   * cleared, as when the output shares the terminal.
   */
  end(keep: boolean): void {
    clearInterval(this.#timer);
    if (active === this) active = undefined;
    if (this.#terminal) {
      if (keep) stderrSync(`\r${this.#render()}\x1b[K\n`);
      else this.#clear();
    } else if (keep) {
      stderrSync(`${this.#render()}\n`);
    }
  }
}
