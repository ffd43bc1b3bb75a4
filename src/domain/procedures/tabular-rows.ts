/**
 * CSV and XLSX catalogues have the JSONL file's columns. A cell of a list or object field
 * (steps, documents, submission_methods …) holds JSON; for steps and documents a plain
 * cell with one item per line is accepted too, since that is how people fill a sheet.
 */
const LIST_FIELDS = new Set([
  "steps",
  "documents",
  "submission_methods",
  "level_normalized",
  "legal_basis_codes",
]);

export function rowFromCells(header: string[], cells: unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  header.forEach((name, i) => {
    const key = name.trim();
    if (!key) return;
    const value = cells[i];
    const text = value === null || value === undefined ? "" : String(value).trim();
    if (text === "") return;
    row[key] = LIST_FIELDS.has(key) ? listCell(key, text) : text;
  });
  return row;
}

function listCell(field: string, text: string): unknown {
  if (text.startsWith("[")) {
    try {
      return JSON.parse(text);
    } catch {
      // Not JSON after all: fall back to one item per line.
    }
  }
  const items = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  return field === "documents" ? items.map((name) => ({ name })) : items;
}
