/**
 * Retrieval: the citizens' question search with the full catalogue loaded (the code the
 * bot runs), over every held-out and tuning question: latency per message p50/p99 and the
 * throughput of one core (messages answered per second, one after another). Each message
 * is timed on its own, `rounds` times, after a warm-up pass.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../src/domain/procedures/search/procedure-index.js";
import { percentile, round } from "./lib/load.js";

export const FILES = [
  "assets/qa/questions-heldout.jsonl",
  "assets/qa/questions-heldout-2.jsonl",
  "assets/qa/questions-heldout-3.jsonl",
  "test/domain/procedures/search/realistic-tuning.jsonl",
];

export interface RetrievalResult {
  p50_ms: number;
  p99_ms: number;
  qps: number;
  questions: number;
  build_ms: number;
}

export async function retrieval(options: { quick: boolean }): Promise<RetrievalResult> {
  const started = performance.now();
  const { records } = await loadCatalogueRecords("assets/tthc/procedures.jsonl");
  const index = ProcedureIndex.build(records);
  const buildMs = performance.now() - started;
  const questions = FILES.flatMap((f) =>
    readFileSync(f, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { message: string }).message),
  );
  const rounds = options.quick ? 2 : 5;
  // Warm-up: one untimed pass over every message, so that no message's first call (code
  // not yet compiled for its path) is in the percentiles. Garbage collection is not
  // forced or left out: its pauses fall inside the timed calls, as they would in the bot.
  for (const q of questions) index.search(q, { limit: 5 });
  const times: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const s = performance.now();
      index.search(q, { limit: 5 });
      times.push(performance.now() - s);
    }
  }
  const total = performance.now() - t0;
  return {
    p50_ms: round(percentile(times, 50), 2),
    p99_ms: round(percentile(times, 99), 2),
    qps: round((times.length / total) * 1000, 0),
    questions: times.length,
    build_ms: round(buildMs, 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await retrieval({ quick: true })));
}
