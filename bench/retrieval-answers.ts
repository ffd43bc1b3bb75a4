/**
 * Every answer of the citizens' search, as JSON lines, for checking that a change of
 * speed changed no answer: `npx tsx bench/retrieval-answers.ts > before.jsonl`, change,
 * run again, `cmp`. Reads the development, held-out and tuning sets given on the command
 * line (default: every question set of the repository and ../shared/data/qa).
 */
import { existsSync, readFileSync } from "node:fs";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../src/domain/procedures/search/procedure-index.js";

const DEFAULT_FILES = [
  "../shared/data/qa/questions-dev-v2.jsonl",
  "../shared/data/qa/questions-dev.jsonl",
  "assets/qa/questions-heldout.jsonl",
  "assets/qa/questions-heldout-2.jsonl",
  "assets/qa/questions-heldout-3.jsonl",
  "test/domain/procedures/search/realistic.jsonl",
  "test/domain/procedures/search/realistic-blind.jsonl",
  "test/domain/procedures/search/realistic-branch.jsonl",
  "test/domain/procedures/search/realistic-final.jsonl",
  "test/domain/procedures/search/realistic-holdout.jsonl",
  "test/domain/procedures/search/realistic-tuning.jsonl",
  "test/domain/procedures/search/offtopic.jsonl",
];

const files = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_FILES.filter((f) => existsSync(f));
const { records } = await loadCatalogueRecords("assets/tthc/procedures.jsonl");
const index = ProcedureIndex.build(records);
for (const file of files) {
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { message?: string; question?: string };
    const text = row.message ?? row.question ?? "";
    console.log(JSON.stringify({ file, text, outcome: index.search(text, { limit: 5 }) }));
  }
}
