/**
 * How the decline threshold trades answers for refusals: for each candidate threshold,
 * the top-1 rate and the share of answerable questions declined (dev set and the
 * realistic sets), and the share of must-decline messages declined (realistic sets and
 * the off-topic set). Declines for "no content" and "not in the catalogue" do not depend
 * on the threshold.
 *
 *   npx tsx bench/decline-thresholds.ts
 */
import { existsSync, readFileSync } from "node:fs";
import type { CatalogueRecord } from "../src/domain/procedures/catalogue-record.js";
import { loadCatalogueRecords } from "../src/domain/procedures/search/load-catalogue.js";
import { ProcedureIndex } from "../src/domain/procedures/search/procedure-index.js";
import { DEFAULT_CATALOGUE, parseQuestions, type QaRow } from "./eval-qa.js";

const DIR = "test/domain/procedures/search";
const load = (path: string) => (existsSync(path) ? parseQuestions(readFileSync(path, "utf8")) : []);
const dev = load("../shared/data/qa/questions-dev.jsonl");
const realistic = [
  ...load(`${DIR}/realistic.jsonl`),
  ...load(`${DIR}/realistic-holdout.jsonl`),
  ...load(`${DIR}/realistic-blind.jsonl`),
];
const offtopic = load(`${DIR}/offtopic.jsonl`);

const { records } = await loadCatalogueRecords(DEFAULT_CATALOGUE);
const index = ProcedureIndex.build(records, { declineBelow: 0 });
const clusterOf = clusters(records);

interface Point {
  /** Confidence of the top result; -1 when declined whatever the threshold. */
  confidence: number;
  /** null: must be declined. */
  right: boolean | null;
}

const pointsOf = (rows: QaRow[]): Point[] =>
  rows.map((row) => {
    const outcome = index.search(row.text);
    const top = outcome.results[0]?.code;
    const hard = outcome.decision === "decline";
    const right =
      row.expected === null
        ? null
        : top !== undefined &&
          (clusterOf.get(top) ?? [top]).some((c) => c === row.expected || row.alternatives.includes(c));
    return { confidence: hard ? -1 : outcome.topConfidence, right };
  });

const devPoints = pointsOf(dev);
const realPoints = pointsOf(realistic);
const nullPoints = [...realPoints, ...pointsOf(offtopic)].filter((p) => p.right === null);

const rate = (n: number, d: number) => (d === 0 ? "  -  " : (n / d).toFixed(3));
const answerable = (ps: Point[]) => ps.filter((p) => p.right !== null);
console.log("threshold | dev top1  declined✗ | realistic top1  declined✗ | must-decline declined✓");
for (let t = 0.2; t <= 0.6001; t += 0.025) {
  const cells = [devPoints, realPoints].map((ps) => {
    const a = answerable(ps);
    return `${rate(a.filter((p) => p.right && p.confidence >= t).length, a.length)}  ${rate(a.filter((p) => p.confidence < t).length, a.length)}`;
  });
  const declined = nullPoints.filter((p) => p.confidence < t).length;
  console.log(
    `${t.toFixed(3)}     | ${cells[0]}      | ${cells[1]}            | ${rate(declined, nullPoints.length)} (${nullPoints.length})`,
  );
}

function clusters(all: readonly CatalogueRecord[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const r of all) {
    const key = r.name.toLowerCase().replace(/\s+/g, " ").trim();
    byName.set(key, [...(byName.get(key) ?? []), r.code]);
  }
  const map = new Map<string, string[]>();
  for (const codes of byName.values()) for (const c of codes) map.set(c, codes);
  return map;
}
