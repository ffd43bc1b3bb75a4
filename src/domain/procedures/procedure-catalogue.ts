import type { Db } from "../../db/client.js";
import { type CatalogueRecord, parseCatalogueRecord } from "./catalogue-record.js";
import { ProcedureIndex, type SearchOutcome } from "./search/procedure-index.js";

/** What a commune says about a procedure on top of the national catalogue. */
export interface LocalProcedureNote {
  served: boolean;
  localNotes: string | null;
  localFees: string | null;
}

/**
 * The active catalogue in memory, with its search index. Built from the database (the
 * import's parsed records are kept in `Procedure.details`), and rebuilt when an import
 * changed the table, which the bot checks cheaply before answering.
 */
export class ProcedureCatalogue {
  private constructor(
    private readonly index: ProcedureIndex,
    private readonly byCode: ReadonlyMap<string, CatalogueRecord>,
    private readonly version: string,
  ) {}

  static async load(prisma: Db): Promise<ProcedureCatalogue> {
    const version = await catalogueVersion(prisma);
    const rows = await prisma.procedure.findMany({
      where: { active: true },
      select: { details: true },
      orderBy: { code: "asc" },
    });
    const records: CatalogueRecord[] = [];
    for (const row of rows) {
      const parsed = parseCatalogueRecord(safeJson(row.details));
      if (parsed.ok) records.push(parsed.record);
    }
    return new ProcedureCatalogue(
      ProcedureIndex.build(records),
      new Map(records.map((r) => [r.code, r])),
      version,
    );
  }

  get size(): number {
    return this.byCode.size;
  }

  search(text: string, limit = 5): SearchOutcome {
    return this.index.search(text, { limit });
  }

  record(code: string): CatalogueRecord | undefined {
    return this.byCode.get(code);
  }

  /** This catalogue, or a fresh one when the table changed since it was built. */
  async refreshed(prisma: Db): Promise<ProcedureCatalogue> {
    return (await catalogueVersion(prisma)) === this.version ? this : ProcedureCatalogue.load(prisma);
  }
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
