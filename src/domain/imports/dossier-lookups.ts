/**
 * What a dossier import matches names against, loaded once per import: the procedure
 * catalogue (by code, else by name), the commune's officials (by name) and departments (by
 * any of their names), and the commune's working calendar for due dates the file leaves out.
 */
import type { Prisma } from "../../db/client.js";
import { loadWorkingCalendar } from "../calendar/load-calendar.js";
import type { WorkingCalendar } from "../calendar/working-days.js";
import { type DepartmentNames, matchDepartment } from "../departments/department-match.js";
import { foldText } from "../text/vietnamese.js";

/**
 * The tables an import reads and writes. A transaction's client fits, so the demo seed can
 * import its dossiers inside the transaction that creates the commune.
 */
export type DossierImportDb = Pick<
  Prisma.TransactionClient,
  "dossier" | "procedure" | "official" | "department" | "holiday"
>;

export interface CatalogueEntry {
  id: string;
  code: string;
  name: string;
  field: string | null;
  processingDays: number | null;
  /** The catalogue lost the unit of processingDays: not a count of working days to trust. */
  processingUnitMissing: boolean;
}

export interface DossierLookups {
  /** By code when the catalogue has it, else by name when exactly one procedure bears it. */
  procedure(code: string | undefined, name: string | undefined): CatalogueEntry | undefined;
  /** An active official of the commune by name, diacritics and case ignored. */
  official(name: string): { id: string } | "ambiguous" | undefined;
  /** The id of the commune's department a cell names. */
  department(text: string): string | undefined;
  calendar: WorkingCalendar;
}

/** "Thủ tục đăng ký khai sinh" and "Đăng ký khai sinh" name the same procedure. */
function procedureNameKey(name: string): string {
  return foldText(name).replace(/^thu tuc /, "");
}

export async function loadDossierLookups(
  prisma: DossierImportDb,
  communeId: string,
): Promise<DossierLookups> {
  // One after the other: the demo seed passes a transaction, which runs one query at a time.
  const procedures = await prisma.procedure.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      field: true,
      processingDays: true,
      processingUnitMissing: true,
      active: true,
      communeService: true,
    },
    orderBy: { code: "asc" },
  });
  const officials = await prisma.official.findMany({
    where: { communeId, active: true },
    select: { id: true, name: true },
  });
  const departments = await prisma.department.findMany({
    where: { communeId },
    select: { id: true, code: true, name: true, aliases: true },
  });
  const calendar = await loadWorkingCalendar(prisma, communeId);

  const byCode = new Map(procedures.map((p) => [p.code, p]));
  const byName = new Map<string, typeof procedures>();
  for (const p of procedures) {
    const key = procedureNameKey(p.name);
    byName.set(key, [...(byName.get(key) ?? []), p]);
  }
  const procedure = (code: string | undefined, name: string | undefined) => {
    const found = code ? byCode.get(code) : undefined;
    if (found) return found;
    if (!name) return undefined;
    // The catalogue repeats a few names under several codes: prefer the one a commune serves,
    // and match none rather than guess between equals.
    const same = byName.get(procedureNameKey(name)) ?? [];
    const served = same.filter((p) => p.active && p.communeService);
    const candidates = served.length > 0 ? served : same;
    return candidates.length === 1 ? candidates[0] : undefined;
  };

  const officialsByName = new Map<string, string[]>();
  for (const o of officials) {
    const key = foldText(o.name);
    officialsByName.set(key, [...(officialsByName.get(key) ?? []), o.id]);
  }
  const official = (name: string) => {
    const ids = officialsByName.get(foldText(name)) ?? [];
    if (ids.length > 1) return "ambiguous" as const;
    return ids[0] ? { id: ids[0] } : undefined;
  };

  const names: DepartmentNames[] = departments.map((d) => ({
    code: d.code,
    name: d.name,
    aliases: d.aliases.split("|").filter((a) => a.trim() !== ""),
  }));
  const idByCode = new Map(departments.map((d) => [d.code, d.id]));
  const department = (text: string) => {
    const code = matchDepartment(text, names);
    return code ? idByCode.get(code) : undefined;
  };

  return { procedure, official, department, calendar };
}
