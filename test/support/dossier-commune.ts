import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../src/db/client.js";
import { DEMO_DEPARTMENTS, DEMO_OFFICIALS } from "../../src/demo/demo-commune.js";
import { projectRoot } from "../../src/paths.js";

/** The sample export the dossier import tests read, as an operator would. */
export const SAMPLE_EXPORT = join(projectRoot, "assets/samples/ho-so-mot-cua.csv");

interface CatalogueLine {
  code: string;
  name: string;
  field: string | null;
  processing_days: number | null;
  processing_unit_missing?: boolean;
  commune_service: boolean;
}

/** The real catalogue, reduced to the columns an import matches on (once per database). */
export async function loadCatalogueColumns(prisma: Db): Promise<void> {
  if ((await prisma.procedure.count()) > 0) return;
  const lines = readFileSync(join(projectRoot, "assets/tthc/procedures.jsonl"), "utf8").trim().split("\n");
  const rows = lines.map((line) => {
    const r = JSON.parse(line) as CatalogueLine;
    return {
      code: r.code,
      name: r.name,
      field: r.field,
      processingDays: r.processing_days,
      processingUnitMissing: r.processing_unit_missing ?? false,
      communeService: r.commune_service,
      details: "{}",
    };
  });
  for (let i = 0; i < rows.length; i += 200) {
    await prisma.procedure.createMany({ data: rows.slice(i, i + 200) });
  }
}

/**
 * A commune with the demo commune's departments and staff (the sample export names them) and
 * no dossiers, on a database holding the real catalogue. Officials by their demo key.
 */
export async function createDossierCommune(prisma: Db) {
  await loadCatalogueColumns(prisma);
  const slug = `ho-so-${randomUUID().slice(0, 8)}`;
  const commune = await prisma.commune.create({ data: { slug, name: "Xã Hòa An (thử)", kind: "xa" } });
  const departmentIds = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) {
    const row = await prisma.department.create({
      data: {
        communeId: commune.id,
        code: d.code,
        name: d.name,
        aliases: d.aliases.join("|"),
        isOneStop: d.isOneStop,
      },
    });
    departmentIds.set(d.code, row.id);
  }
  const officialIds = new Map<string, string>();
  for (const o of DEMO_OFFICIALS) {
    const row = await prisma.official.create({
      data: {
        communeId: commune.id,
        departmentId: o.departmentCode ? departmentIds.get(o.departmentCode)! : null,
        name: o.name,
        title: o.title,
        role: o.role,
        phone: o.phone,
      },
    });
    officialIds.set(o.key, row.id);
  }
  return { communeId: commune.id, slug, departmentIds, officialIds };
}
