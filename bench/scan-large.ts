/**
 * The alert scan at full size on its own: `npx tsx bench/scan-large.ts <rows> <communes>
 * [--pg <url>]` (what `npm run bench` runs for 100,000 and 1,000,000 dossiers), printing
 * one JSON line.
 */
import { scan } from "./scan.js";

const [rows = "1000000", communes = "20"] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith("--") && !a.startsWith("postgres"));
const i = process.argv.indexOf("--pg");
const pgUrl = i >= 0 ? process.argv[i + 1] : undefined;
console.log(JSON.stringify(await scan({ rows: Number(rows), communes: Number(communes), pgUrl })));
