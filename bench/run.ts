/**
 * Benchmarks: `npm run bench` (full sizes) or `npm run bench -- --quick` (small sizes,
 * under five minutes). `--only ingest,reply,scan,province,retrieval,memory,quality` picks
 * parts (the server's memory at rest is the memory part, under load ingest's); `--pg <url>`
 * (or TEST_DATABASE_URL / BENCH_PG_URL) adds the PostgreSQL runs (ingest, scan, province).
 * The servers run as production runs them, `node dist/main.js` (built once at the start
 * with `npm run build`); `--tsx` runs src/main.ts through tsx instead, and
 * `--server-flags "--optimize-for-size"` gives the servers Node/V8 flags. Prints a table,
 * writes bench/results.json,
 * and prints as its last line one JSON object:
 * {"ingest":{eps,bare_eps,ratio,p50_ms,p99_ms,lost,duplicated},"reply":{p50_ms,p99_ms},
 *  "scan":{rows,ms},"retrieval":{p50_ms,p99_ms,qps},"rss_mb":{idle,loaded}}.
 */
import { existsSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../src/domain/procedures/search/procedure-index.js";
import { DEFAULT_CATALOGUE, formatReport, runEvaluation } from "./eval-qa.js";
import { ingest, type IngestResult } from "./ingest.js";
import { serviceRuntime, setServerNodeFlags, useCompiledService } from "./lib/harness.js";
import { type MemoryResult, startMemory } from "./memory.js";
import { province, type ProvinceResult } from "./province.js";
import { replyLatency, type ReplyResult } from "./reply.js";
import { retrieval, type RetrievalResult } from "./retrieval.js";
import { scan, type ScanResult } from "./scan.js";

const PARTS = ["ingest", "reply", "scan", "province", "retrieval", "memory", "quality"] as const;
type Part = (typeof PARTS)[number];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = flag("--only")
  ?.split(",")
  .map((p) => p.trim()) as Part[] | undefined;
for (const p of only ?? [])
  if (!PARTS.includes(p)) throw new Error(`unknown part ${p}; parts: ${PARTS.join(", ")}`);
const pgUrl = flag("--pg") ?? process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL;
// The quality evaluation is long and has its own command (npm run eval:qa): full runs only.
const wanted = (p: Part) => (only ? only.includes(p) : p !== "quality" || !quick);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}; load average at start ${load()}; ${quick ? "quick" : "full"} run`);
const serverFlags = flag("--server-flags")?.split(" ").filter(Boolean) ?? [];
setServerNodeFlags(serverFlags);
if (!args.includes("--tsx") && (["ingest", "reply", "province", "memory"] as const).some(wanted)) {
  console.log("building dist/ (npm run build): the servers run node dist/main.js");
  useCompiledService();
}

interface Row {
  part: string;
  figure: string;
  value: string;
  target: string;
  met: string;
  load: string;
}
const rows: Row[] = [];
const row = (part: string, figure: string, value: unknown, target = "", met?: boolean) =>
  rows.push({
    part,
    figure,
    value: String(value),
    target,
    met: met === undefined ? "" : met ? "yes" : "NO",
    load: load(),
  });

const results: {
  machine: string;
  quick: boolean;
  startedAt: string;
  ingest?: IngestResult[];
  reply?: ReplyResult;
  scan?: ScanResult[];
  province?: ProvinceResult;
  retrieval?: RetrievalResult;
  memory?: MemoryResult;
  /** How the servers ran: "dist" (node dist/main.js) or "tsx" (src/main.ts). */
  server: "dist" | "tsx";
  server_flags: string[];
} = {
  machine,
  quick,
  startedAt: new Date().toISOString(),
  server: serviceRuntime(),
  server_flags: serverFlags,
};
const started = performance.now();
const step = (name: string) =>
  console.log(`== ${name} (${((performance.now() - started) / 1000).toFixed(0)} s, load ${load()}) ==`);

// The servers at rest start first and rest while the other parts run (they take no CPU):
// V8 gives a process's start-up garbage back only 45–90 s after it goes quiet, longer than
// a quick run could wait at the end.
let resting: Awaited<ReturnType<typeof startMemory>> | undefined;
if (wanted("memory")) {
  step("server memory at rest: starting two servers, read at the end");
  resting = await startMemory();
}

// Retrieval first: it times one core in this process, and the parts after it leave work
// behind (PostgreSQL's autovacuum and checkpoints, servers shutting down) that shows in its
// slowest 1 %.
if (wanted("retrieval")) {
  step("retrieval");
  const r = await retrieval({ quick });
  results.retrieval = r;
  row(
    "retrieval",
    `search p50 / p99 ms (${r.questions} messages)`,
    `${r.p50_ms} / ${r.p99_ms}`,
    "p99 ≤ 10",
    r.p99_ms <= 10,
  );
  row("retrieval", "messages/s, one core", r.qps);
  row("retrieval", "catalogue load + index build (ms)", r.build_ms);
}
if (wanted("ingest")) {
  results.ingest = [];
  // The embedded database in both process models; PostgreSQL split (a province's setting).
  const runs = [
    { url: undefined, role: "split" as const },
    { url: undefined, role: "all" as const },
    ...(pgUrl ? [{ url: pgUrl, role: "split" as const }] : []),
  ];
  for (const { url, role } of runs) {
    step(`ingest on ${url ? "PostgreSQL" : "embedded SQLite"}, SERVICE_ROLE=${role}`);
    const r = await ingest({ quick, pgUrl: url, role });
    results.ingest.push(r);
    const part = `ingest ${r.database} ${role}`;
    row(part, "signed webhooks/s (closed loop, 10 connections)", r.eps);
    row(part, "bare Express/s", r.bare_eps);
    row(part, "ratio to bare", r.ratio, "≥ 0.5", r.ratio >= 0.5);
    row(part, "ack p50 / p99 ms (closed loop)", `${r.p50_ms} / ${r.p99_ms}`);
    row(
      part,
      "at 1,000 events/s: achieved/s, ack p50 / p99 ms",
      `${r.at_1000.achieved_eps}, ${r.at_1000.p50_ms} / ${r.at_1000.p99_ms}`,
      "p99 ≤ 50 ms",
      r.at_1000.p99_ms <= 50,
    );
    row(
      part,
      "acknowledged; lost; duplicated",
      `${r.acknowledged}; ${r.lost}; ${r.duplicated}`,
      "0 lost, 0 dup",
      r.lost === 0 && r.duplicated === 0,
    );
    row(part, "time to handle the backlog (s)", (r.settle_ms / 1000).toFixed(0));
    if (r.worker_rss_mb) {
      row(
        part,
        `RSS MB (${serviceRuntime()}) 1 s after start / peak: web process; worker process`,
        `${r.rss_mb.idle} / ${r.rss_mb.loaded}; ${r.worker_rss_mb.idle} / ${r.worker_rss_mb.loaded}`,
      );
    } else {
      row(
        part,
        `server (${serviceRuntime()}) RSS 1 s after start / peak under ingest, MB`,
        `${r.rss_mb.idle} / ${r.rss_mb.loaded}`,
      );
    }
  }
}
if (wanted("reply")) {
  step("reply latency");
  const r = await replyLatency({ quick, pgUrl: undefined, loadEps: quick ? 20 : 50 });
  results.reply = r;
  row(
    "reply",
    `idle p50 / p99 ms (${r.idle.n} questions)`,
    `${r.idle.p50_ms} / ${r.idle.p99_ms}`,
    "p99 ≤ 300",
    r.idle.p99_ms <= 300,
  );
  row(
    "reply",
    `under ${r.loaded.load_eps} events/s p50 / p99 ms (${r.loaded.n})`,
    `${r.loaded.p50_ms} / ${r.loaded.p99_ms}`,
    "p99 ≤ 300",
    r.loaded.p99_ms <= 300,
  );
}
if (wanted("scan")) {
  results.scan = [];
  const runs: { rows: number; communes: number; url?: string }[] = quick
    ? [{ rows: 10_000, communes: 10 }, ...(pgUrl ? [{ rows: 20_000, communes: 10, url: pgUrl }] : [])]
    : [
        { rows: 100_000, communes: 20 },
        ...(pgUrl
          ? [
              { rows: 100_000, communes: 20, url: pgUrl },
              { rows: 1_000_000, communes: 200, url: pgUrl },
            ]
          : []),
      ];
  for (const run of runs) {
    step(`alert scan, ${run.rows} dossiers on ${run.url ? "PostgreSQL" : "embedded SQLite"}`);
    const r = await scan({ rows: run.rows, communes: run.communes, pgUrl: run.url });
    results.scan.push(r);
    const label = `scan ${r.database} ${r.rows.toLocaleString("en")}`;
    row(
      label,
      `overdue scan, all ${r.communes} communes (ms)`,
      r.ms,
      r.rows >= 1_000_000 ? "≤ 1000" : "",
      r.rows >= 1_000_000 ? r.ms <= 1000 : undefined,
    );
    row(label, "overdue scan again, warm (ms)", r.warm_ms);
    row(label, "escalation / apology scans (ms)", `${r.escalation_ms} / ${r.apology_ms}`);
    row(
      label,
      "dossier-alerts job / morning digest, all communes (ms)",
      `${r.alerts_job_ms} / ${r.digest_ms}`,
    );
    row(label, "peak RSS of the bench process (MB)", r.peak_rss_mb);
  }
}
if (wanted("province")) {
  if (!pgUrl) {
    console.log("province: skipped (needs PostgreSQL: --pg <url> or TEST_DATABASE_URL)");
  } else {
    const communes = quick ? 10 : 200;
    step(`province, ${communes} communes, two replicas on PostgreSQL`);
    const r = await province({ communes, quick, pgUrl });
    results.province = r;
    const label = `province ${r.communes}`;
    row(label, "webhooks/s over all OAs, 2 replicas; p99 ms", `${r.eps}; ${r.p99_ms}`);
    row(
      label,
      "events; lost; duplicated; answered by a wrong OA",
      `${r.events}; ${r.events_lost}; ${r.events_duplicated}; ${r.wrong_oa}`,
      "0; 0; 0",
      r.events_lost + r.events_duplicated + r.wrong_oa === 0,
    );
    row(label, "morning digest, all communes, asked of both replicas (ms)", r.digest_ms);
    row(
      label,
      "digest slots run per replica",
      Object.values(r.digest_slots_by_replica).join(" + "),
      `= ${r.communes}`,
      Object.values(r.digest_slots_by_replica).reduce((a, b) => a + b, 0) === r.communes,
    );
    row(
      label,
      "digests; written twice; delivered twice",
      `${r.alerts}; ${r.alerts_written_twice}; ${r.alerts_delivered_twice}`,
      "0; 0",
      r.alerts_written_twice + r.alerts_delivered_twice === 0,
    );
    row(label, "digests by status", JSON.stringify(r.alerts_by_status));
  }
}
if (resting) {
  step("server memory at rest");
  const r = await resting.finish();
  results.memory = r;
  const label = `memory (${serviceRuntime()})`;
  row(
    label,
    `RSS MB, one commune, no catalogue: 1 s after start / min / after ${r.window_s} s at rest`,
    `${r.empty.start} / ${r.empty.min} / ${r.empty.settled}`,
  );
  row(
    label,
    `RSS MB, demo commune with the catalogue: 1 s after start / min / after ${r.window_s} s at rest`,
    `${r.demo.start} / ${r.demo.min} / ${r.demo.settled}`,
    "idle ≤ 150",
    r.demo.settled <= 150,
  );
}
if (wanted("quality")) {
  step("search quality (eval:qa on the question sets)");
  await procedureSearchQuality();
}

// The table.
const width = (k: keyof Row) => Math.max(k.length, ...rows.map((r) => r[k].length));
const keys: (keyof Row)[] = ["part", "figure", "value", "target", "met", "load"];
console.log(`\n${keys.map((k) => k.padEnd(width(k))).join(" | ")}`);
console.log(keys.map((k) => "-".repeat(width(k))).join("-|-"));
for (const r of rows) console.log(keys.map((k) => r[k].padEnd(width(k))).join(" | "));
console.log(
  `\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()}`,
);

writeFileSync("bench/results.json", `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`);
// The headline: ingest as a burst-facing deployment runs it (split), memory as `npm start`
// runs it (one process); the table has every combination.
const sqliteIngest =
  results.ingest?.find((r) => r.database === "sqlite" && r.role === "split") ?? results.ingest?.[0];
const oneProcess = results.ingest?.find((r) => r.role === "all") ?? sqliteIngest;
const firstScan = results.scan?.[0];
console.log(
  JSON.stringify({
    ingest: sqliteIngest
      ? {
          eps: sqliteIngest.eps,
          bare_eps: sqliteIngest.bare_eps,
          ratio: sqliteIngest.ratio,
          p50_ms: sqliteIngest.p50_ms,
          p99_ms: sqliteIngest.p99_ms,
          lost: sqliteIngest.lost,
          duplicated: sqliteIngest.duplicated,
        }
      : null,
    reply: results.reply ? { p50_ms: results.reply.idle.p50_ms, p99_ms: results.reply.idle.p99_ms } : null,
    scan: firstScan ? { rows: firstScan.rows, ms: firstScan.ms } : null,
    retrieval: results.retrieval
      ? { p50_ms: results.retrieval.p50_ms, p99_ms: results.retrieval.p99_ms, qps: results.retrieval.qps }
      : null,
    // Idle: the demo commune's server at rest (memory part); loaded: the peak under ingest
    // of one process (`npm start`).
    rss_mb:
      results.memory || oneProcess
        ? {
            idle: results.memory?.demo.settled ?? oneProcess?.rss_mb.idle ?? null,
            loaded: oneProcess?.rss_mb.loaded ?? null,
          }
        : null,
  }),
);

async function procedureSearchQuality(): Promise<void> {
  const { records } = await loadCatalogueRecords(DEFAULT_CATALOGUE);
  const index = ProcedureIndex.build(records);
  console.log(`catalogue: ${records.length} records; index of ${index.size} entries`);
  for (const [label, path] of [
    ["dev questions", "../shared/data/qa/questions-dev.jsonl"],
    ["realistic sanity set", "test/domain/procedures/search/realistic.jsonl"],
    ["realistic tuning set (tuned on)", "test/domain/procedures/search/realistic-tuning.jsonl"],
    ["held-out realistic set", "assets/qa/questions-heldout.jsonl"],
    ["second held-out realistic set", "assets/qa/questions-heldout-2.jsonl"],
  ] as const) {
    if (!existsSync(path)) {
      console.log(`${label}: ${path} not found, skipped`);
      continue;
    }
    const report = await runEvaluation(path, DEFAULT_CATALOGUE);
    const s = report.summary;
    console.log(
      `${label}: ${s.n} questions, top-1 ${s.top1}, top-3 ${s.top3}, search p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms`,
    );
    console.log(formatReport(report, 0).at(-1));
  }
}
