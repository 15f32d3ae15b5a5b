// The DuckDB peer: Node with the npm package @duckdb/node-api, installed by
// the benchmark outside the repository, 2 threads and a memory limit. The
// log is read as one text column; each task is one SQL statement.
//
//   node duckdb.mjs PACKAGE_DIR TASK INPUT [OUTPUT]
//
// T1 prints the count; the other tasks write OUTPUT as sluice does.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";

const [dir, task, input, output] = process.argv.slice(2);
const { DuckDBInstance } = createRequire(`${dir}/`)("@duckdb/node-api");

/** A string as an SQL literal. */
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
// One VARCHAR column per line: a delimiter that never occurs, no quoting.
const log = `read_csv(${
  lit(input)
}, columns = {'line': 'VARCHAR'}, header = false, delim = '\u0001', quote = '', escape = '', auto_detect = false)`;
// Lines written back as they are: no header, no quoting.
const asLines =
  "FORMAT csv, HEADER false, DELIMITER '\u0001', QUOTE '', ESCAPE ''";
const latency =
  "TRY_CAST(regexp_extract(line, 'latency_ms=([0-9]+)', 1) AS BIGINT)";
const numbered = `SELECT line, row_number() OVER () AS n FROM ${log}`;

const SQL = {
  T1: `SELECT count(*) FROM ${log} WHERE contains(line, 'ERROR')`,
  T2: `COPY (SELECT split_part(line, ' ', 3) AS service,
    TRY_CAST(regexp_extract(line, 'status=([0-9]+)', 1) AS INTEGER) AS status
    FROM ${log} WHERE contains(line, 'ERROR')) TO ${lit(output)} (FORMAT json)`,
  // quantile_disc is the nearest rank, as sluice's percentile().
  GROUP: `COPY (SELECT split_part(line, ' ', 3) AS service, count(*) AS count,
    quantile_disc(${latency}, 0.95) AS p95
    FROM ${log} GROUP BY service ORDER BY service)
    TO ${lit(output)} (FORMAT json)`,
  // As sort -n -r -s: no number is 0, equal keys in input order.
  SORT: `COPY (SELECT line FROM (${numbered})
    ORDER BY coalesce(${latency}, 0) DESC, n) TO ${lit(output)} (${asLines})`,
  // The first line of each request id (none: ""), in input order. The
  // first line's number per key is a fixed-size aggregate, which DuckDB can
  // spill; arg_min(line, n) over every key ran out of the 512 MB limit. The
  // log is read twice (the CTE is not materialized), numbered alike.
  DISTINCT: `COPY (WITH t AS NOT MATERIALIZED (SELECT line, n,
    regexp_extract(line, ' req=([^ ]*)', 1) AS k FROM (${numbered}))
    SELECT line FROM t WHERE n IN (SELECT min(n) FROM t GROUP BY k)
    ORDER BY n) TO ${lit(output)} (${asLines})`,
};
if (!(task in SQL)) throw new RangeError(`Unknown task "${task}"`);

// Spilled data goes to a directory of our own, removed at the end.
const temp = mkdtempSync(`${tmpdir()}/sluice-duckdb-`);
try {
  const db = await DuckDBInstance.create(":memory:", {
    threads: "2",
    memory_limit: "512MB",
    temp_directory: temp,
  });
  const connection = await db.connect();
  const reader = await connection.runAndReadAll(SQL[task]);
  if (task === "T1") console.log(String(reader.getRows()[0][0]));
  connection.closeSync();
} finally {
  rmSync(temp, { recursive: true, force: true });
}
