import { buildIndexFromFile } from "../src/domain/procedures/search/load-catalogue.js";
const { index } = await buildIndexFromFile("assets/tthc/procedures.jsonl");
for (const q of process.argv.slice(2)) {
  const o = index.search(q, { limit: 3 });
  console.log(q, "→", o.decision, o.topConfidence.toFixed(2), o.results.slice(0,3).map(r => `${r.code} ${r.name.slice(0,50)} @${r.confidence.toFixed(2)}`).join(" | "));
}
