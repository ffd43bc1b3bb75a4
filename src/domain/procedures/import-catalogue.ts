/**
 * Imports the national procedure catalogue: upsert by code, report what changed,
 * deactivate procedures the catalogue no longer lists.
 *
 * The whole file is read and compared with the stored catalogue before anything is
 * written. That costs a few MB for the real catalogue and buys three things: duplicate
 * codes resolve to the last line before any write, a dry run is the same code path
 * minus the writes, and nothing is deactivated unless every upsert went through.
 */
import type { Db, Prisma } from "../../db/client.js";
import { type ProcedureRow, parseCatalogueRecord, toProcedureRow } from "./catalogue-record.js";
import { type CatalogueRow, readCatalogue } from "./catalogue-source.js";

export interface BadRow {
  line: number;
  code?: string;
  error: string;
}

export interface ImportReport {
  /** Rows read, good and bad: total = created + updated + unchanged + bad.length. */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  bad: BadRow[];
}

export interface ImportOptions {
  /** Compute the report, write nothing. */
  dryRun?: boolean;
  /** Mark stored procedures absent from this import inactive (default true). */
  deactivateMissing?: boolean;
  /** Called after each batch with the number of accepted rows handled so far. */
  onProgress?: (done: number) => void;
}

const BATCH_SIZE = 200;

type Action = "create" | "update" | "unchanged";

interface Planned {
  row: ProcedureRow;
  action: Action;
}

/** Every column toProcedureRow fills, plus `active`: what decides "unchanged". */
const STORED_SELECT = {
  code: true,
  name: true,
  field: true,
  level: true,
  processingTime: true,
  processingDays: true,
  processingUnitMissing: true,
  fees: true,
  applicant: true,
  whereToFile: true,
  result: true,
  legalBasis: true,
  sourceUrl: true,
  onlineSubmissionListed: true,
  communeService: true,
  agency: true,
  details: true,
  active: true,
} satisfies Record<keyof ProcedureRow | "active", true>;

type Stored = ProcedureRow & { active: boolean };

export async function importCatalogue(
  prisma: Db,
  rows: AsyncIterable<CatalogueRow>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { dryRun = false, deactivateMissing = true, onProgress } = options;
  const { total, accepted, bad } = await collect(rows);
  const stored = new Map<string, Stored>(
    (await prisma.procedure.findMany({ select: STORED_SELECT })).map((s) => [s.code, s]),
  );

  const planned: Planned[] = [...accepted.values()].map((row) => ({
    row,
    action: actionFor(row, stored.get(row.code)),
  }));
  let done = 0;
  for (let start = 0; start < planned.length; start += BATCH_SIZE) {
    const batch = planned.slice(start, start + BATCH_SIZE);
    if (!dryRun) await writeBatch(prisma, batch);
    done += batch.length;
    onProgress?.(done);
  }

  const missing = deactivateMissing ? missingCodes(stored, accepted, bad) : [];
  if (!dryRun) await deactivate(prisma, missing);

  const count = (action: Action) => planned.filter((p) => p.action === action).length;
  return {
    total,
    created: count("create"),
    updated: count("update"),
    unchanged: count("unchanged"),
    deactivated: missing.length,
    bad: bad.sort((a, b) => a.line - b.line),
  };
}

/** Imports a catalogue file, in any format catalogue-source.ts reads. */
export function importCatalogueFile(
  prisma: Db,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return importCatalogue(prisma, readCatalogue(file), options);
}

/** Parses every row; for a code seen twice the later line wins. Accepted rows keep file order. */
async function collect(rows: AsyncIterable<CatalogueRow>) {
  let total = 0;
  const accepted = new Map<string, ProcedureRow>();
  const keptLine = new Map<string, number>();
  const superseded: { line: number; code: string }[] = [];
  const bad: BadRow[] = [];
  for await (const { line, raw, error } of rows) {
    total++;
    const parsed = error === undefined ? parseCatalogueRecord(raw) : { ok: false as const, error };
    if (!parsed.ok) {
      bad.push({ line, ...codeOf(raw), error: parsed.error });
      continue;
    }
    const row = toProcedureRow(parsed.record);
    const earlier = keptLine.get(row.code);
    if (earlier !== undefined) {
      superseded.push({ line: earlier, code: row.code });
      accepted.delete(row.code); // re-inserted below, so the row moves to its later position
    }
    accepted.set(row.code, row);
    keptLine.set(row.code, line);
  }
  for (const { line, code } of superseded) {
    bad.push({ line, code, error: `duplicate code, kept line ${keptLine.get(code)}` });
  }
  return { total, accepted, bad };
}

/** The code of a row that failed validation, when it has one worth showing. */
function codeOf(raw: unknown): { code?: string } {
  if (typeof raw !== "object" || raw === null || !("code" in raw)) return {};
  const { code } = raw;
  return typeof code === "string" || typeof code === "number" ? { code: String(code).trim() } : {};
}

function actionFor(row: ProcedureRow, stored: Stored | undefined): Action {
  if (!stored) return "create";
  // A procedure coming back after being deactivated is an update even if nothing else changed.
  if (!stored.active) return "update";
  const same = (Object.keys(row) as (keyof ProcedureRow)[]).every((key) => row[key] === stored[key]);
  return same ? "unchanged" : "update";
}

/**
 * Active stored procedures this import does not list. None when no row was accepted
 * (a broken file, not an empty catalogue), and never the code of a bad row: a malformed
 * line is no evidence that its procedure was withdrawn.
 */
function missingCodes(stored: Map<string, Stored>, accepted: Map<string, ProcedureRow>, bad: BadRow[]) {
  if (accepted.size === 0) return [];
  const badCodes = new Set(bad.map((b) => b.code));
  return [...stored.values()]
    .filter((s) => s.active && !accepted.has(s.code) && !badCodes.has(s.code))
    .map((s) => s.code);
}

async function writeBatch(prisma: Db, batch: Planned[]): Promise<void> {
  const creates = batch.filter((p) => p.action === "create").map((p) => ({ ...p.row, active: true }));
  const operations: Prisma.PrismaPromise<unknown>[] = batch
    .filter((p) => p.action === "update")
    .map((p) => prisma.procedure.update({ where: { code: p.row.code }, data: { ...p.row, active: true } }));
  if (creates.length > 0) operations.push(prisma.procedure.createMany({ data: creates }));
  if (operations.length > 0) await prisma.$transaction(operations);
}

async function deactivate(prisma: Db, codes: string[]): Promise<void> {
  const operations: Prisma.PrismaPromise<unknown>[] = [];
  // Chunked to stay far below the bound-parameter limits of both databases.
  for (let start = 0; start < codes.length; start += 500) {
    const chunk = codes.slice(start, start + 500);
    operations.push(prisma.procedure.updateMany({ where: { code: { in: chunk } }, data: { active: false } }));
  }
  if (operations.length > 0) await prisma.$transaction(operations);
}
