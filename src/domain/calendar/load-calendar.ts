import type { Db } from "../../db/client.js";
import type { Holiday } from "./vietnam-holidays.js";
import { vietnamWorkingCalendar } from "./vietnam-holidays.js";
import type { WorkingCalendar } from "./working-days.js";

/**
 * The working calendar a commune counts days with: national holidays and swaps stored in
 * the database (which an operator can correct), the commune's own rows, and the rules of
 * the Labour Code for years nobody stored.
 */
export async function loadWorkingCalendar(prisma: Db, communeId?: string | null): Promise<WorkingCalendar> {
  const rows = await prisma.holiday.findMany({
    where: { OR: [{ communeId: null }, ...(communeId ? [{ communeId }] : [])] },
    orderBy: { date: "asc" },
  });
  const holidays: Holiday[] = rows.map((r) => ({
    date: r.date,
    name: r.name,
    kind: r.kind === "working_day" ? "working_day" : "holiday",
  }));
  return vietnamWorkingCalendar(holidays);
}
