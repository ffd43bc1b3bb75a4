import type { Db } from "../../db/client.js";
import { type CatalogueRecord, parseCatalogueRecord } from "./catalogue-record.js";
import {
  DEFAULT_PARAMETERS,
  ProcedureIndex,
  type SearchableProcedure,
  type SearchOutcome,
} from "./search/procedure-index.js";

/** What a commune says about a procedure on top of the national catalogue. */
export interface LocalProcedureNote {
  served: boolean;
  localNotes: string | null;
  localFees: string | null;
}

/**
 * The active catalogue's search index in memory. Built from the database (the import's
 * parsed records are kept in `Procedure.details`), and rebuilt when an import changed the
 * table, which the bot checks cheaply before answering. The full records (documents,
 * steps, fees, legal basis: about 10 MB once parsed) stay in the database: the one a
 * citizen is answered about is read when answering.
 */
export class ProcedureCatalogue {
  private constructor(
    private readonly prisma: Db,
    private readonly index: ProcedureIndex,
    private readonly codes: ReadonlySet<string>,
    private readonly version: string,
  ) {}

  static async load(prisma: Db): Promise<ProcedureCatalogue> {
    const version = await catalogueVersion(prisma);
    // Read a page at a time and keep only what the index reads: the parsed pages are
    // garbage as soon as they are read, so they never pile up into the old generation.
    const procedures: SearchableProcedure[] = [];
    for (let after = ""; ;) {
      const rows = await prisma.procedure.findMany({
        where: { active: true, code: { gt: after } },
        select: { code: true, details: true },
        orderBy: { code: "asc" },
        take: LOAD_PAGE_SIZE,
      });
      for (const row of rows) {
        const parsed = parseCatalogueRecord(safeJson(row.details));
        if (parsed.ok) procedures.push(searchable(parsed.record));
      }
      if (rows.length < LOAD_PAGE_SIZE) break;
      after = rows.at(-1)!.code;
    }
    return new ProcedureCatalogue(
      prisma,
      ProcedureIndex.build(procedures),
      new Set(procedures.map((r) => r.code)),
      version,
    );
  }

  get size(): number {
    return this.codes.size;
  }

  search(text: string, limit = 5): SearchOutcome {
    return this.index.search(text, { limit });
  }

  /** The full record of a procedure of this catalogue, if it is still active. */
  async record(code: string): Promise<CatalogueRecord | undefined> {
    if (!this.codes.has(code)) return undefined;
    const row = await this.prisma.procedure.findUnique({
      where: { code },
      select: { details: true, active: true },
    });
    if (!row?.active) return undefined;
    const parsed = parseCatalogueRecord(safeJson(row.details));
    return parsed.ok ? parsed.record : undefined;
  }

  /** This catalogue, or a fresh one when the table changed since it was built. */
  async refreshed(prisma: Db): Promise<ProcedureCatalogue> {
    return (await catalogueVersion(prisma)) === this.version ? this : ProcedureCatalogue.load(prisma);
  }
}

const LOAD_PAGE_SIZE = 100;

/** The fields of a record the search index reads (see entries.ts). */
function searchable(record: CatalogueRecord): SearchableProcedure {
  const procedure: SearchableProcedure = {
    code: record.code,
    name: record.name,
    field: record.field,
    commune_service: record.commune_service,
    documents: record.documents.map((d) => ({ name: d.name })),
    result: record.result,
  };
  if (DEFAULT_PARAMETERS.details.weight > 0) {
    // The details index (off by default) reads these too.
    Object.assign(procedure, {
      requirements: record.requirements,
      steps: record.steps,
      applicant: record.applicant,
      legal_basis: record.legal_basis,
    });
  }
  return procedure;
}

/** Changes whenever an import adds, updates or (de)activates a procedure. */
async function catalogueVersion(prisma: Db): Promise<string> {
  const agg = await prisma.procedure.aggregate({
    _count: { _all: true },
    _max: { updatedAt: true },
    where: { active: true },
  });
  return `${agg._count._all}:${agg._max.updatedAt?.toISOString() ?? ""}`;
}

export async function localNote(
  prisma: Db,
  communeId: string,
  code: string,
): Promise<LocalProcedureNote | null> {
  const row = await prisma.communeProcedure.findFirst({
    where: { communeId, procedure: { code } },
    select: { served: true, localNotes: true, localFees: true },
  });
  return row;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
