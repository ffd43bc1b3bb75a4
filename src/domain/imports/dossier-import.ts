/**
 * Brings the one-stop system's dossiers into a commune: its export file (CSV or XLSX), or
 * records it pushes. Each dossier is found by its receipt code within the commune and
 * created, updated with what changed, or left alone, so the same export can be imported
 * every day: a re-import of an unchanged file writes nothing. Bad rows are reported by
 * number and the rest imports.
 *
 * What the bot manages on a dossier (when it was announced overdue, escalated, reminded of
 * its apology letter, and a letter recorded in chat) is never written here, so a daily
 * import cannot make an alert go out twice or undo what an official said.
 *
 * Rows are handled in chunks, with one read of the stored chunk and one insert of its new
 * dossiers, and no transaction of its own: the demo seed runs an import inside its own
 * transaction, and an import that stops half-way is finished by running it again.
 */
import type { Prisma } from "../../db/client.js";
import { type Logger, maskPhones } from "../../logger.js";
import { loadDossierLookups, type DossierImportDb } from "./dossier-lookups.js";
import {
  type DossierCells,
  type DossierColumn,
  isDossierColumn,
  type ParsedDossier,
  parseDossierRow,
} from "./dossier-row.js";
import { emptyReport, type ImportOptions, type ImportReport } from "./report.js";
import type { SheetSource } from "./sheet.js";
import { readTable } from "./table.js";

export interface DossierImportOptions extends ImportOptions {
  /** The import's time: `importedAt` of what it writes, and a letter recorded as a bare "có". */
  now?: Date;
  /** Counts and progress only: a row's cells (phone numbers) are never logged. */
  log?: Pick<Logger, "info" | "debug">;
}

/** A dossier as a file row or a pushed record: its cells and the columns its source has. */
export interface DossierRow {
  line: number;
  cells: DossierCells;
  columns: ReadonlySet<DossierColumn>;
}

const CHUNK = 200;

/** Imports an export file. Throws TableHeaderError or UnsupportedSheetError before writing anything. */
export async function importDossierFile(
  prisma: DossierImportDb,
  communeId: string,
  source: SheetSource,
  options: DossierImportOptions = {},
): Promise<ImportReport> {
  const table = await readTable(source, "dossiers");
  // "STT" and the like are known so that they are not reported, and carry nothing to import.
  const columns = new Set(table.columns.filter(isDossierColumn));
  async function* rows(): AsyncIterable<DossierRow> {
    for await (const row of table.rows) yield { line: row.line, cells: row.cells, columns };
  }
  const report = await importDossierRows(prisma, communeId, rows(), options);
  if (table.unknownHeaders.length > 0) {
    report.warnings.unshift({
      line: table.headerLine,
      message: `không dùng các cột ${table.unknownHeaders.map((h) => `"${h}"`).join(", ")}`,
    });
  }
  return report;
}

/**
 * Imports records (pushed by a system, or built by the demo): each record's keys are the
 * columns it has, and its line is its position, from 1.
 */
export function importDossierRecords(
  prisma: DossierImportDb,
  communeId: string,
  records: readonly DossierCells[],
  options: DossierImportOptions = {},
): Promise<ImportReport> {
  const rows = records.map((cells, i) => ({
    line: i + 1,
    cells,
    columns: new Set(Object.keys(cells) as DossierColumn[]),
  }));
  return importDossierRows(prisma, communeId, rows, options);
}

export async function importDossierRows(
  prisma: DossierImportDb,
  communeId: string,
  rows: AsyncIterable<DossierRow> | Iterable<DossierRow>,
  options: DossierImportOptions = {},
): Promise<ImportReport> {
  const { dryRun = false, onProgress, log } = options;
  const now = options.now ?? new Date();
  const started = performance.now();
  const lookups = await loadDossierLookups(prisma, communeId);
  const report = emptyReport();
  const firstLineOf = new Map<string, number>();
  let chunk: { line: number; dossier: ParsedDossier }[] = [];

  let reported = 0;
  const flush = async () => {
    if (chunk.length > 0) await syncChunk(prisma, communeId, chunk, { dryRun, now }, report);
    chunk = [];
    if (report.rows === reported) return;
    reported = report.rows;
    onProgress?.(report.rows);
    log?.debug({ communeId, done: report.rows }, "dossier import progress");
  };

  for await (const row of rows) {
    report.rows++;
    const parsed = parseDossierRow(row.cells, row.columns, lookups, now);
    if (!parsed.ok) {
      report.bad.push({ line: row.line, message: parsed.problem });
      continue;
    }
    const { dossier } = parsed;
    const first = firstLineOf.get(dossier.receiptCode);
    if (first !== undefined) {
      report.bad.push({ line: row.line, message: `mã hồ sơ ${dossier.receiptCode} trùng với dòng ${first}` });
      continue;
    }
    firstLineOf.set(dossier.receiptCode, row.line);
    for (const message of dossier.warnings) report.warnings.push({ line: row.line, message });
    chunk.push({ line: row.line, dossier });
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();

  const { rows: read, created, updated, unchanged } = report;
  log?.info(
    {
      communeId,
      dryRun,
      rows: read,
      created,
      updated,
      unchanged,
      bad: report.bad.length,
      warnings: report.warnings.length,
      ms: Math.round(performance.now() - started),
    },
    "dossier import",
  );
  return report;
}

/** The stored columns an import compares with a row: every value it writes, and the letter. */
const STORED_SELECT = {
  id: true,
  receiptCode: true,
  procedureId: true,
  procedureName: true,
  procedureCode: true,
  field: true,
  applicantName: true,
  applicantPhone: true,
  channel: true,
  onlineLevel: true,
  receivedAt: true,
  processingDays: true,
  dueAt: true,
  returnedAt: true,
  status: true,
  handlerId: true,
  departmentId: true,
  digitised: true,
  electronicResult: true,
  paidOnline: true,
  note: true,
  apologyAt: true,
} as const;

async function syncChunk(
  prisma: DossierImportDb,
  communeId: string,
  chunk: readonly { dossier: ParsedDossier }[],
  options: { dryRun: boolean; now: Date },
  report: ImportReport,
): Promise<void> {
  const stored = await prisma.dossier.findMany({
    where: { communeId, receiptCode: { in: chunk.map((c) => c.dossier.receiptCode) } },
    select: STORED_SELECT,
  });
  const byCode = new Map(stored.map((s) => [s.receiptCode, s]));
  const creates: Prisma.DossierCreateManyInput[] = [];
  const updates: { id: string; changes: Record<string, unknown> }[] = [];
  for (const { dossier } of chunk) {
    const existing = byCode.get(dossier.receiptCode);
    if (!existing) {
      creates.push({
        communeId,
        receiptCode: dossier.receiptCode,
        ...dossier.values,
        apologyAt: dossier.apologyAt,
        importedAt: options.now,
      });
      continue;
    }
    const changes = changedValues(existing, dossier);
    if (Object.keys(changes).length === 0) report.unchanged++;
    else updates.push({ id: existing.id, changes });
  }
  report.created += creates.length;
  report.updated += updates.length;
  if (options.dryRun) return;
  await withoutPersonalData(async () => {
    if (creates.length > 0) await prisma.dossier.createMany({ data: creates });
    for (const { id, changes } of updates) {
      await prisma.dossier.update({ where: { id }, data: { ...changes, importedAt: options.now } });
    }
  });
}

/** The row's values that differ from what is stored; the letter only when none is stored. */
function changedValues(
  stored: Record<string, unknown> & { apologyAt: Date | null },
  dossier: ParsedDossier,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dossier.values)) {
    if (value !== undefined && !sameValue(stored[key], value)) changes[key] = value;
  }
  if (dossier.apologyAt && !stored.apologyAt) changes.apologyAt = dossier.apologyAt;
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/**
 * Prisma's errors quote the arguments of the failed call, applicants' phone numbers among
 * them, and the service logs the errors it does not handle: mask them on the way out.
 */
async function withoutPersonalData(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const masked = new Error(maskPhones(error.message));
    masked.name = error.name;
    masked.stack = maskPhones(error.stack ?? "");
    throw masked;
  }
}
