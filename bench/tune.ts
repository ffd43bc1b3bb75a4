/**
 * Quick parameter sweeps: builds the index once per configuration and scores the dev set,
 * the realistic sets together, and the must-decline rows.
 *
 *   npx tsx bench/tune.ts '{"name": {"declineBelow": 0.35}}'
 */
import { existsSync, readFileSync } from "node:fs";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex, type RankingParameters } from "../src/domain/procedures/search/procedure-index.js";
import { DEFAULT_CATALOGUE, evaluate, parseQuestions, type QaRow } from "./eval-qa.js";

const DIR = "test/domain/procedures/search";
const load = (path: string): QaRow[] => (existsSync(path) ? parseQuestions(readFileSync(path, "utf8")) : []);
const sets: Array<[string, QaRow[]]> = [
  ["dev", load("../shared/data/qa/questions-dev.jsonl")],
  [
    "realistic*",
    ["realistic", "realistic-holdout", "realistic-blind", "realistic-final"].flatMap((f) =>
      load(`${DIR}/${f}.jsonl`),
    ),
  ],
  ["tuning", load(`${DIR}/realistic-tuning.jsonl`)],
  ["offtopic", load(`${DIR}/offtopic.jsonl`)],
  ["branch", load(`${DIR}/realistic-branch.jsonl`)],
];
const { records } = await loadCatalogueRecords(DEFAULT_CATALOGUE);
const configs = JSON.parse(process.argv[2] ?? '{"default": {}}') as Record<
  string,
  Partial<RankingParameters>
>;
const fmt = (x: number | null) => (x === null ? "  -  " : x.toFixed(3));
console.log(
  `${"configuration".padEnd(22)} ${sets.map(([n]) => `${n}: top1 top3 decl✓ decl✗ p95`).join(" | ")}`,
);
for (const [name, parameters] of Object.entries(configs)) {
  const index = ProcedureIndex.build(records, parameters);
  const cells = sets.map(([, rows]) => {
    const s = evaluate(rows, { records, index, baselines: false }).summary;
    return `${fmt(s.top1)} ${fmt(s.top3)} ${fmt(s.declined_correctly)} ${fmt(s.declined_wrongly)} ${s.p95_ms.toFixed(1)}`;
  });
  console.log(`${name.padEnd(22)} ${cells.join(" | ")}`);
}
