/**
 * Dossiers a one-stop system pushes as JSON: `{"dossiers": [{…}]}`, each record with the
 * import's columns as English keys and the values it would print in its export ("Đang xử
 * lý", "07/12/2026 09:30", "có"), or JSON's own numbers, booleans and ISO 8601 times. A
 * record is then read exactly like a file row. A key the contract does not know is refused
 * rather than dropped, so a misspelt field fails the integration instead of losing data.
 */
import { z } from "zod";
import { type DossierCells, type DossierColumn, DOSSIER_COLUMNS } from "./dossier-row.js";

/** Records in one push; a day's export of a commune is a few dozen, a quarter's backlog a few thousand. */
export const MAX_PUSHED_DOSSIERS = 10_000;

const cell = z
  .union([z.string(), z.number(), z.boolean(), z.null()], {
    error: "expected a text as the export writes it, a number, true/false or null",
  })
  .optional();

const pushedDossier = z.strictObject(
  Object.fromEntries(DOSSIER_COLUMNS.map((column) => [column, cell])) as Record<DossierColumn, typeof cell>,
);

export const dossierPushSchema = z.strictObject({
  dossiers: z.array(pushedDossier).max(MAX_PUSHED_DOSSIERS),
});

export type DossierPush = z.infer<typeof dossierPushSchema>;

/**
 * A record as the cells of a row: texts trimmed, true/false as the words "true"/"false", null
 * and "" as an empty cell (which clears the value, as in a file). Absent keys stay absent.
 */
export function pushedCells(record: DossierPush["dossiers"][number]): DossierCells {
  const cells: DossierCells = {};
  for (const [column, value] of Object.entries(record) as [DossierColumn, unknown][]) {
    if (value === undefined) continue;
    const text = value === null ? "" : String(value).replace(/\s+/g, " ").trim();
    cells[column] = text;
  }
  return cells;
}
