/**
 * Measures what each part of the procedure search contributes: runs the evaluation with
 * one feature switched off at a time, on the dev questions and the sanity sets.
 *
 *   npx tsx bench/ablate.ts            # the standard ablations
 *   npx tsx bench/ablate.ts '{"name": {"declineBelow": 0.35}}'   # any parameter sets
 */
import { existsSync, readFileSync } from "node:fs";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import type { RankingParameters } from "../src/domain/procedures/search/procedure-index.js";
import { DEFAULT_CATALOGUE, evaluate, parseQuestions } from "./eval-qa.js";

const SETS: Record<string, string> = {
  dev: "../shared/data/qa/questions-dev.jsonl",
  realistic: "test/domain/procedures/search/realistic.jsonl",
  holdout: "test/domain/procedures/search/realistic-holdout.jsonl",
  blind: "test/domain/procedures/search/realistic-blind.jsonl",
  final: "test/domain/procedures/search/realistic-final.jsonl",
  offtopic: "test/domain/procedures/search/offtopic.jsonl",
};

const STANDARD: Record<string, Partial<RankingParameters>> = {
  "all on": {},
  "no re-ranking (BM25 only)": { rerank: false },
  "no synonyms": { useSynonyms: false },
  "no bigrams": { useBigrams: false },
  "no document names": { useDocuments: false },
  "no dictionary repair": { repairSpelling: false },
  "no typo correction": { correctTypos: false },
  "no common-procedure prior": { commonFactor: 1 },
  "no qualifier penalty": { missingQualifierFactor: 1 },
  "no commune preference": { branchAgencyFactor: 1 },
};

const { records } = await loadCatalogueRecords(DEFAULT_CATALOGUE);
const sets = Object.entries(SETS)
  .filter(([, path]) => existsSync(path))
  .map(([name, path]) => [name, parseQuestions(readFileSync(path, "utf8"))] as const);
const configs: Record<string, Partial<RankingParameters>> = process.argv[2]
  ? JSON.parse(process.argv[2])
  : STANDARD;

const fmt = (x: number | null) => (x === null ? "  -  " : x.toFixed(3));
console.log(
  `${"configuration".padEnd(28)} ${sets.map(([name]) => `${name}: top1 top3 decl✓ decl✗`).join(" | ")}`,
);
for (const [name, parameters] of Object.entries(configs)) {
  const cells = sets.map(([, rows]) => {
    const s = evaluate(rows, { records, parameters, baselines: false }).summary;
    return `${fmt(s.top1)} ${fmt(s.top3)} ${fmt(s.declined_correctly)} ${fmt(s.declined_wrongly)}`;
  });
  console.log(`${name.padEnd(28)} ${cells.join(" | ")}`);
}
