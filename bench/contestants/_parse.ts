// Copyright 2026 the sluice authors. MIT license.
// The per-line work of T2 and T3, shared by the JavaScript contestants so
// that they differ only in how lines reach it. Python mirrors it exactly.

const STATUS = /status=(\d+)/;
const LATENCY = /latency_ms=(\d+)/;

/** T2: the service and HTTP status of a line, as a JSON line. */
export function errorRecord(line: string): string {
  const service = line.split(" ", 3)[2] ?? "";
  const m = STATUS.exec(line);
  return JSON.stringify({ service, status: m === null ? null : Number(m[1]) });
}

/** The fields T3 works on. */
export interface Fields {
  service: string;
  latency: number;
}

/** T3 step 1: the fields of a line. */
export function fields(line: string): Fields {
  const m = LATENCY.exec(line);
  return {
    service: line.split(" ", 3)[2] ?? "",
    latency: m === null ? -1 : Number(m[1]),
  };
}

/** T3 step 2: slow requests only. */
export function slow(f: Fields): boolean {
  return f.latency >= 1000;
}

/** T3 step 3: a CSV line. */
export function csv(f: Fields): string {
  return `${f.service},${f.latency}`;
}
