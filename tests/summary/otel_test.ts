// Copyright 2026 the sluice authors. MIT license.
// The metrics for operators: a script run under OTEL_DENO=true sends its
// figures to an OTLP/HTTP receiver on the loopback, through Deno's own
// exporter; with it off nothing is sent and @opentelemetry/api is not even
// loaded. Each test runs tests/fixtures/otel_run.ts in a child process.

import assert from "node:assert/strict";
import type { SummaryJSON } from "@sluice/sluice";
import { withTempDir } from "../_helpers.ts";

const ROOT = new URL("../../", import.meta.url);
const FIXTURE = new URL("tests/fixtures/otel_run.ts", ROOT).pathname;
const SCOPE = "@sluice/sluice";
const STAGE_METRICS = [
  "sluice.stage.items_in",
  "sluice.stage.items_out",
  "sluice.stage.errors",
  "sluice.stage.busy",
  "sluice.stage.peak_items",
  "sluice.stage.peak_held",
];
const RUN_METRICS = [
  "sluice.run.duration",
  "sluice.run.bytes_read",
  "sluice.run.bytes_written",
  "sluice.run.peak_rss",
  "sluice.run.peak_heap",
];

/** One data point as the receiver got it. */
interface Point {
  scope: string;
  metric: string;
  unit: string;
  attributes: Record<string, string>;
  /** A sum's or gauge's value, or a histogram's sum. */
  value: number;
  /** A histogram's count. */
  count: number | undefined;
}

/** What the child printed: its summary, precise times, and the probe. */
interface Printed {
  summary: SummaryJSON;
  busyMs: number[];
  wallMs: number;
  loaded: boolean;
}

/** An OTLP/HTTP receiver on 127.0.0.1 that keeps every request sent to it. */
function receiver() {
  const requests: { path: string; body: string }[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      requests.push({ path, body: await request.text() });
      // Traces and logs are answered too, and ignored.
      return Response.json({});
    },
  );
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    requests,
    /** The data points of all metric exports, in the order they came. */
    points(): Point[] {
      return requests.filter((r) => r.path === "/v1/metrics").flatMap((r) =>
        pointsOf(JSON.parse(r.body))
      );
    },
    /** Waits (at most 5 s) until `done` holds of the points received. */
    async until(done: (points: Point[]) => boolean): Promise<Point[]> {
      const deadline = Date.now() + 5_000;
      while (!done(this.points()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return this.points();
    },
    close: () => server.shutdown(),
  };
}

interface OtlpValue {
  stringValue?: string;
}
interface OtlpPoint {
  attributes?: { key: string; value: OtlpValue }[];
  asDouble?: number;
  asInt?: string | number;
  sum?: number;
  count?: string | number;
}
interface OtlpMetric {
  name: string;
  unit?: string;
  sum?: { dataPoints: OtlpPoint[] };
  gauge?: { dataPoints: OtlpPoint[] };
  histogram?: { dataPoints: OtlpPoint[] };
}
interface OtlpBody {
  resourceMetrics?: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeMetrics?: { scope?: { name?: string }; metrics?: OtlpMetric[] }[];
  }[];
}

/** The data points of an OTLP/JSON metrics body. */
function pointsOf(body: OtlpBody): Point[] {
  const points: Point[] = [];
  for (const rm of body.resourceMetrics ?? []) {
    for (const sm of rm.scopeMetrics ?? []) {
      for (const m of sm.metrics ?? []) {
        const data = m.sum ?? m.gauge ?? m.histogram;
        for (const p of data?.dataPoints ?? []) {
          points.push({
            scope: sm.scope?.name ?? "",
            metric: m.name,
            unit: m.unit ?? "",
            attributes: Object.fromEntries(
              (p.attributes ?? []).map((
                a,
              ) => [a.key, a.value.stringValue ?? ""]),
            ),
            value: Number(p.asDouble ?? p.asInt ?? p.sum),
            count: p.count === undefined ? undefined : Number(p.count),
          });
        }
      }
    }
  }
  return points;
}

/** The service name of the first metrics export. */
function serviceOf(body: string): string | undefined {
  const resource = (JSON.parse(body) as OtlpBody).resourceMetrics?.[0]
    ?.resource;
  return resource?.attributes?.find((a) => a.key === "service.name")?.value
    .stringValue;
}

/** The last point of `metric` whose attributes include `where`. */
function last(
  points: Point[],
  metric: string,
  where: Record<string, string>,
): Point | undefined {
  return points.findLast((p) =>
    p.metric === metric &&
    Object.entries(where).every(([k, v]) => p.attributes[k] === v)
  );
}

/**
 * Runs the fixture with `env` on top of this process's environment minus
 * its own OTEL_ settings, at most 30 s.
 */
async function runFixture(
  env: Record<string, string>,
  { flags = ["-A"], args = [] as string[] } = {},
): Promise<{ code: number; printed: Printed | undefined; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(Deno.env.toObject()).filter(([k]) => !k.startsWith("OTEL_")),
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...flags, FIXTURE, ...args],
    cwd: ROOT.pathname,
    clearEnv: true,
    env: { ...base, NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  const stdout = new TextDecoder().decode(out.stdout).trim();
  return {
    code: out.code,
    printed: stdout === "" ? undefined : JSON.parse(stdout) as Printed,
    stderr: new TextDecoder().decode(out.stderr),
  };
}

/** The environment that turns Deno's exporter on, towards `endpoint`. */
function otelOn(endpoint: string, intervalMs = 60_000): Record<string, string> {
  return {
    OTEL_DENO: "true",
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_SERVICE_NAME: "sluice-test",
    OTEL_METRIC_EXPORT_INTERVAL: String(intervalMs),
  };
}

/**
 * The flags that map @opentelemetry/api to `probe` (the code of a module): an
 * import map, which applies to the package's own files (a config given with
 * `--config` does not, as they have their own deno.json).
 */
async function probeFlags(dir: string, probe: string): Promise<string[]> {
  await Deno.writeTextFile(`${dir}/probe.ts`, probe);
  const map = `${dir}/import_map.json`;
  await Deno.writeTextFile(
    map,
    JSON.stringify({
      imports: {
        "@sluice/sluice": new URL("mod.ts", ROOT).href,
        "@opentelemetry/api": "./probe.ts",
      },
    }),
  );
  return ["-A", "--import-map", map];
}

/** The real package, as deno.json pins it, for a probe to re-export. */
async function pinnedApi(): Promise<string> {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("deno.json", ROOT)),
  ) as { imports: Record<string, string> };
  return config.imports["@opentelemetry/api"]!;
}

Deno.test("a run under OTEL_DENO=true sends each stage's figures and the run's as OpenTelemetry metrics", async () => {
  const otlp = receiver();
  try {
    // The export interval is long: the figures come with Deno's flush on exit.
    const { code, printed, stderr } = await runFixture(otelOn(otlp.endpoint));
    assert.equal(code, 0, stderr);
    const { summary, busyMs, wallMs } = printed!;
    assert.equal(summary.status, "ok");
    const points = (await otlp.until((ps) =>
      ps.some((p) =>
        p.metric === "sluice.run.duration"
      )
    )).filter((p) => p.scope === SCOPE);

    const names = new Set(points.map((p) => p.metric));
    for (const name of [...STAGE_METRICS, ...RUN_METRICS]) {
      assert.ok(names.has(name), `${name} arrives`);
    }
    summary.stages.forEach((stage, i) => {
      const where = {
        "sluice.stage.name": stage.name,
        "sluice.stage.kind": stage.kind,
        "sluice.run.status": "ok",
      };
      const value = (metric: string) => last(points, metric, where)?.value;
      assert.equal(value("sluice.stage.items_in"), stage.itemsIn, stage.name);
      assert.equal(value("sluice.stage.items_out"), stage.itemsOut);
      assert.equal(value("sluice.stage.errors"), 0);
      assert.equal(value("sluice.stage.peak_items"), stage.peakItems);
      assert.equal(value("sluice.stage.peak_held"), stage.peakBytes);
      // A counter cannot go down: a busy time measured below zero counts 0.
      const busy = Math.max(0, busyMs[i]!);
      assert.ok(Math.abs(value("sluice.stage.busy")! - busy) < 1e-6);
    });
    assert.deepEqual(
      summary.stages.map((s) => [s.name, s.itemsOut]).slice(0, 3),
      [["readLines#1", 100], ["filter#2", 25], ["map#3", 25]],
    );

    const run = { "sluice.run.status": "ok" };
    const duration = last(points, "sluice.run.duration", run)!;
    assert.equal(duration.count, 1);
    assert.ok(Math.abs(duration.value - wallMs) < 1e-6);
    assert.equal(last(points, "sluice.run.bytes_read", run)?.value, 2_216);
    assert.equal(
      last(points, "sluice.run.bytes_read", run)?.value,
      summary.bytesRead,
    );
    assert.equal(last(points, "sluice.run.bytes_written", run)?.value, 0);
    assert.equal(
      last(points, "sluice.run.peak_rss", run)?.value,
      summary.peakRssBytes,
    );
    assert.equal(
      last(points, "sluice.run.peak_heap", run)?.value,
      summary.peakHeapBytes,
    );

    const unit = (metric: string) =>
      points.find((p) => p.metric === metric)?.unit;
    assert.equal(unit("sluice.stage.items_in"), "{item}");
    assert.equal(unit("sluice.stage.peak_held"), "By");
    assert.equal(unit("sluice.stage.busy"), "ms");
    assert.equal(unit("sluice.run.duration"), "ms");
    const first = otlp.requests.find((r) => r.path === "/v1/metrics")!;
    assert.equal(serviceOf(first.body), "sluice-test");
  } finally {
    await otlp.close();
  }
});

Deno.test("a failed run's metrics carry its status and the error of the stage that failed, also when the script dies of it", async () => {
  const otlp = receiver();
  try {
    const { code, printed } = await runFixture(otelOn(otlp.endpoint), {
      args: ["--fail"],
    });
    assert.equal(code, 1);
    assert.equal(printed!.summary.status, "failed");
    const points = await otlp.until((ps) =>
      ps.some((p) => p.metric === "sluice.stage.errors")
    );
    const failed = { "sluice.run.status": "failed" };
    assert.equal(
      last(points, "sluice.stage.errors", {
        ...failed,
        "sluice.stage.name": "map#3",
      })?.value,
      1,
    );
    assert.equal(
      last(points, "sluice.stage.errors", {
        ...failed,
        "sluice.stage.name": "filter#2",
      })?.value,
      0,
    );
    assert.equal(last(points, "sluice.run.duration", failed)?.count, 1);
    assert.equal(
      points.some((p) => p.attributes["sluice.run.status"] === "ok"),
      false,
    );
  } finally {
    await otlp.close();
  }
});

Deno.test("a run in progress is read at each collection, and no longer once it has ended", async () => {
  const otlp = receiver();
  try {
    const { code, printed, stderr } = await runFixture(
      otelOn(otlp.endpoint, 100),
      { args: ["--hold", "800"] },
    );
    assert.equal(code, 0, stderr);
    const points = await otlp.until((ps) =>
      ps.some((p) => p.metric === "sluice.run.duration")
    );
    const running = {
      "sluice.run.status": "running",
      "sluice.stage.name": "filter#2",
    };
    // All lines are through before the run's end is held back.
    assert.equal(
      last(points, "sluice.live.stage.items_out", running)?.value,
      25,
    );
    assert.ok(last(points, "sluice.live.stage.peak_held", running)!.value > 0);
    assert.equal(
      last(points, "sluice.live.run.bytes_read", {
        "sluice.run.status": "running",
      })?.value,
      printed!.summary.bytesRead,
    );
    assert.ok(
      last(points, "sluice.live.run.peak_rss", {
        "sluice.run.status": "running",
      })!.value > 0,
    );
    // The flush on exit, after the run's end, has its figures and no live ones.
    const exports = otlp.requests.filter((r) => r.path === "/v1/metrics");
    const final = pointsOf(JSON.parse(exports.at(-1)!.body));
    assert.ok(final.some((p) => p.metric === "sluice.run.duration"));
    assert.equal(final.some((p) => p.metric.startsWith("sluice.live.")), false);
  } finally {
    await otlp.close();
  }
});

Deno.test("with OTEL_DENO unset a run sends nothing and does not load @opentelemetry/api", async () => {
  await withTempDir(async (dir) => {
    // The probe stands for the API and tells when it is loaded.
    const flags = await probeFlags(
      dir,
      `(globalThis as Record<string, unknown>).sluiceOtelProbe = true;\n` +
        `export * from "${await pinnedApi()}";\n`,
    );
    const otlp = receiver();
    try {
      const off = await runFixture(
        { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint },
        { flags },
      );
      assert.equal(off.code, 0, off.stderr);
      assert.equal(off.printed!.summary.status, "ok");
      assert.equal(off.printed!.loaded, false);
      // The child has exited: whatever it sent has arrived.
      assert.deepEqual(otlp.requests, []);
      // The same run with the exporter on: the probe does see the load.
      const on = await runFixture(otelOn(otlp.endpoint), { flags });
      assert.equal(on.code, 0, on.stderr);
      assert.equal(on.printed!.loaded, true);
      const points = await otlp.until((ps) =>
        ps.some((p) => p.scope === SCOPE)
      );
      assert.ok(points.some((p) => p.metric === "sluice.stage.items_in"));
    } finally {
      await otlp.close();
    }
  });
});

Deno.test("without permission to read OTEL_DENO a run exports none of its figures, and does not prompt", async () => {
  const otlp = receiver();
  try {
    // No permission at all: the fixture needs none.
    const { code, printed, stderr } = await runFixture(otelOn(otlp.endpoint), {
      flags: [],
    });
    assert.equal(code, 0, stderr);
    assert.equal(printed!.summary.status, "ok");
    // Deno's exporter is on and sends the runtime's own metrics, not sluice's.
    const points = await otlp.until((ps) => ps.length > 0);
    assert.ok(points.length > 0);
    assert.deepEqual(points.filter((p) => p.metric.startsWith("sluice.")), []);
  } finally {
    await otlp.close();
  }
});

Deno.test("when @opentelemetry/api cannot be loaded the run goes on and says so on standard error", async () => {
  await withTempDir(async (dir) => {
    const flags = await probeFlags(
      dir,
      `throw new Error("the probe refuses to load");\n`,
    );
    const otlp = receiver();
    try {
      const { code, printed, stderr } = await runFixture(
        otelOn(otlp.endpoint),
        { flags },
      );
      assert.equal(code, 0, stderr);
      assert.equal(printed!.summary.status, "ok");
      const warnings = stderr.split("\n").filter((l) =>
        l.startsWith("Cannot export sluice's metrics to OpenTelemetry")
      );
      assert.deepEqual(warnings, [
        "Cannot export sluice's metrics to OpenTelemetry: the probe refuses to load",
      ]);
    } finally {
      await otlp.close();
    }
  });
});
