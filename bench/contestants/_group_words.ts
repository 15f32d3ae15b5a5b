// GROUP's fields by the package's getters, as a module the workers of the
// parallelGroupBy() contestant by lineWord load (sluice_group_parallel.ts):
// the service (the third word) and the latency (a logfmt number), which the
// workers read on the lines' bytes.
import {
  count,
  type GroupSpec,
  lineField,
  lineWord,
  percentile,
} from "../../lib/_bundle/mod.js";

/** Lines per service and exact p95 latency. */
export default {
  key: lineWord(3),
  reducers: {
    count: count(),
    p95: percentile(95, lineField("latency_ms", { number: true })),
  },
} satisfies GroupSpec<string>;
