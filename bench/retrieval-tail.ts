/**
 * What the retrieval bench's slowest 1 % is made of: `npx tsx bench/retrieval-tail.ts`.
 * Times every message of the bench's sets three times (the median is its own cost), then
 * twice more as the bench does, and prints the slowest 1 % of those calls with the
 * message's median, the garbage collections that started during the call, and its length
 * in words. A slow call of a message whose median is small was held up by something else:
 * a collection, or another process on the same cores.
 */
import { readFileSync } from "node:fs";
import { performance, PerformanceObserver } from "node:perf_hooks";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../src/domain/procedures/search/procedure-index.js";
import { FILES } from "./retrieval.js";

const { records } = await loadCatalogueRecords("assets/tthc/procedures.jsonl");
const index = ProcedureIndex.build(records);
const messages = FILES.flatMap((f) =>
  readFileSync(f, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { message: string }).message),
);
const time = (message: string) => {
  const started = performance.now();
  index.search(message, { limit: 5 });
  return performance.now() - started;
};
for (const m of messages) time(m); // warm-up

const median = new Map<string, number>();
for (const m of messages) median.set(m, [time(m), time(m), time(m)].sort((a, b) => a - b)[1]!);

const collections: Array<{ start: number; ms: number }> = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, ms: e.duration });
});
observer.observe({ entryTypes: ["gc"] });
const calls: Array<{ message: string; start: number; ms: number }> = [];
for (let round = 0; round < 2; round++)
  for (const message of messages) {
    const start = performance.now();
    index.search(message, { limit: 5 });
    calls.push({ message, start, ms: performance.now() - start });
  }
await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer report
observer.disconnect();

calls.sort((a, b) => b.ms - a.ms);
const slowest = calls.slice(0, Math.ceil(calls.length / 100));
let withCollection = 0;
for (const call of slowest) {
  const during = collections.filter((c) => c.start >= call.start && c.start < call.start + call.ms);
  if (during.length > 0) withCollection++;
  console.log(
    `${call.ms.toFixed(2)} ms; its median ${median.get(call.message)!.toFixed(2)} ms; ` +
      `collections ${during.map((c) => c.ms.toFixed(1)).join(", ") || "none"}; ` +
      `${call.message.split(/\s+/).length} words`,
  );
}
const medians = [...median.values()].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    calls: calls.length,
    p99_ms: Number(calls[Math.floor(calls.length / 100)]!.ms.toFixed(2)),
    slowest_with_collection: `${withCollection}/${slowest.length}`,
    collections: collections.length,
    collections_ms: Math.round(collections.reduce((s, c) => s + c.ms, 0)),
    median_p50_ms: Number(medians[Math.floor(medians.length / 2)]!.toFixed(2)),
    median_p99_ms: Number(medians[Math.floor(medians.length * 0.99)]!.toFixed(2)),
    median_max_ms: Number(medians.at(-1)!.toFixed(2)),
  }),
);
