import type { Db, Prisma } from "../../db/client.js";
import type { WorkingCalendar } from "../calendar/working-days.js";
import { zonedInstant } from "../calendar/working-days.js";
import {
  DOSSIER_ALERT_SELECT,
  type DossierAlertItem,
  OPEN_DOSSIER_STATUSES,
  OPEN_DOSSIER_WHERE,
  RESOLVED_DOSSIER_STATUSES,
} from "../dossiers/dossier-queries.js";

/**
 * What the dossier alerts act on. Each alert is given once: a dossier carries when its
 * handler and the desk were told it is overdue, when the leaders were told it is long
 * overdue, and the last day its handler was reminded to record an apology, so a scan only
 * reads the dossiers that still need telling (the outbox's idempotency keys are the second
 * guard, for a crash between sending and marking).
 */

const ORDER = [
  { dueAt: "asc" },
  { receiptCode: "asc" },
] as const satisfies Prisma.DossierOrderByWithRelationInput[];

/** Open dossiers that went past their due time and nobody has been told about yet. */
export function newlyOverdue(prisma: Db, communeId: string, now: Date): Promise<DossierAlertItem[]> {
  return prisma.dossier.findMany({
    where: { communeId, ...OPEN_DOSSIER_WHERE, dueAt: { lt: now }, overdueAlertedAt: null },
    select: DOSSIER_ALERT_SELECT,
    orderBy: ORDER,
  });
}

/**
 * Records that these dossiers were announced as overdue at `now`. The announcement also
 * asks for the apology letter, so they count as reminded of it on `day` (Vietnam): the daily
 * apology reminder starts the next working day. One statement for both marks.
 */
export async function markOverdueAlerted(
  prisma: Db,
  ids: readonly string[],
  now: Date,
  day: string,
): Promise<void> {
  await prisma.dossier.updateMany({
    where: { id: { in: [...ids] } },
    data: { overdueAlertedAt: now, apologyRemindedOn: day },
  });
}

/** Open dossiers overdue by at least `afterWorkingDays` working days that the leaders have not been told of. */
export async function dueForEscalation(
  prisma: Db,
  communeId: string,
  options: { now: Date; calendar: WorkingCalendar; afterWorkingDays: number },
): Promise<(DossierAlertItem & { overdueWorkingDays: number })[]> {
  const { now, calendar } = options;
  const rows = await prisma.dossier.findMany({
    where: { communeId, ...OPEN_DOSSIER_WHERE, dueAt: { lt: now }, escalatedAt: null },
    select: DOSSIER_ALERT_SELECT,
    orderBy: ORDER,
  });
  return rows
    .map((d) => ({ ...d, overdueWorkingDays: -calendar.workingDaysBetween(now, d.dueAt) }))
    .filter((d) => d.overdueWorkingDays >= options.afterWorkingDays);
}

export async function markEscalated(prisma: Db, ids: readonly string[], now: Date): Promise<void> {
  await prisma.dossier.updateMany({ where: { id: { in: [...ids] } }, data: { escalatedAt: now } });
}

/**
 * Late dossiers of this year with no apology letter (thư xin lỗi) recorded, whose handler
 * has not been reminded today: open ones past their due time, and resolved ones returned
 * after it. The district deducts points for each late dossier without an apology.
 * "Returned after its due time" is compared in the database (a field reference), so only
 * late dossiers are read, not every resolved one of the year.
 */
export function apologiesOutstanding(
  prisma: Db,
  communeId: string,
  options: { now: Date; calendar: WorkingCalendar },
): Promise<DossierAlertItem[]> {
  const today = options.calendar.dayKey(options.now);
  const yearStart = zonedInstant(`${today.slice(0, 4)}-01-01`, 0, 0);
  const returnedLate = { returnedAt: { gt: prisma.dossier.fields.dueAt } };
  return prisma.dossier.findMany({
    where: {
      communeId,
      apologyAt: null,
      receivedAt: { gte: yearStart },
      dueAt: { lt: options.now },
      OR: [{ apologyRemindedOn: null }, { apologyRemindedOn: { not: today } }],
      AND: [
        {
          OR: [
            { ...OPEN_DOSSIER_WHERE, returnedAt: null },
            { status: { in: [...OPEN_DOSSIER_STATUSES, ...RESOLVED_DOSSIER_STATUSES] }, ...returnedLate },
          ],
        },
      ],
    },
    select: DOSSIER_ALERT_SELECT,
    orderBy: ORDER,
  });
}

export async function markApologyReminded(prisma: Db, ids: readonly string[], day: string): Promise<void> {
  await prisma.dossier.updateMany({ where: { id: { in: [...ids] } }, data: { apologyRemindedOn: day } });
}
