/**
 * Benchmarks: `npm run bench`. Each benchmark prints a short report; more are added here
 * as the project grows.
 */
import { existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../src/domain/procedures/search/procedure-index.js";
import { DEFAULT_CATALOGUE, formatReport, runEvaluation } from "./eval-qa.js";
import { replyLatency } from "./reply-latency.js";

const DEV_QUESTIONS = "../shared/data/qa/questions-dev.jsonl";
const SANITY_QUESTIONS = "test/domain/procedures/search/realistic.jsonl";
/** 200 realistic messages by a third writer, used for tuning (so not a fair score; its latency is). */
const TUNING_QUESTIONS = "test/domain/procedures/search/realistic-tuning.jsonl";
/** Written by people who never saw the search code, and never tuned on (see assets/qa/README.md). */
const HELDOUT_QUESTIONS = "assets/qa/questions-heldout.jsonl";
const HELDOUT_2_QUESTIONS = "assets/qa/questions-heldout-2.jsonl";

async function procedureSearch(): Promise<void> {
  console.log("== procedure search ==");
  const loadStart = performance.now();
  const { records } = await loadCatalogueRecords(DEFAULT_CATALOGUE);
  const loaded = performance.now();
  const index = ProcedureIndex.build(records);
  const built = performance.now();
  console.log(
    `catalogue: ${records.length} records read and validated in ${(loaded - loadStart).toFixed(0)} ms; ` +
      `index of ${index.size} entries built in ${(built - loaded).toFixed(0)} ms`,
  );
  for (const [label, path] of [
    ["dev questions", DEV_QUESTIONS],
    ["realistic sanity set", SANITY_QUESTIONS],
    ["realistic tuning set (tuned on)", TUNING_QUESTIONS],
    ["held-out realistic set", HELDOUT_QUESTIONS],
    ["second held-out realistic set", HELDOUT_2_QUESTIONS],
  ] as const) {
    if (!existsSync(path)) {
      console.log(`${label}: ${path} not found, skipped`);
      continue;
    }
    const started = performance.now();
    const report = await runEvaluation(path, DEFAULT_CATALOGUE);
    const s = report.summary;
    console.log(
      `${label}: ${s.n} questions, top-1 ${s.top1}, top-3 ${s.top3}, search p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms ` +
        `(whole evaluation with baselines ${(performance.now() - started).toFixed(0)} ms)`,
    );
    console.log(formatReport(report, 0).at(-1));
  }
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
await procedureSearch();
await replyLatency();
