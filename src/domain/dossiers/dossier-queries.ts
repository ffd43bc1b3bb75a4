/**
 * Reading hồ sơ TTHC for the officials' chat, limited to what the actor may see (see
 * officials/scope.ts). Time ranges are half-open: [from, to).
 */
import type { Db, Prisma } from "../../db/client.js";
import { type Actor, dossierScopeWhere } from "../officials/scope.js";
import { lookUpReceiptCode, type ReceiptLookup } from "./receipt-code.js";

export type DossierStatus =
  "received" | "processing" | "supplement" | "completed" | "returned" | "withdrawn" | "rejected";

/** Statuses after which nothing more is done on a dossier; every other status is open. */
export const CLOSED_DOSSIER_STATUSES = [
  "completed",
  "returned",
  "withdrawn",
  "rejected",
] as const satisfies readonly DossierStatus[];

/**
 * Closed with a result: "đã giải quyết" of the CCHC report (completed = result ready,
 * returned = handed to the applicant). Withdrawn and rejected dossiers are closed unresolved.
 */
export const RESOLVED_DOSSIER_STATUSES = [
  "completed",
  "returned",
] as const satisfies readonly DossierStatus[];

export function isOpenDossierStatus(status: string): boolean {
  return !(CLOSED_DOSSIER_STATUSES as readonly string[]).includes(status);
}

export function isResolvedDossierStatus(status: string): boolean {
  return (RESOLVED_DOSSIER_STATUSES as readonly string[]).includes(status);
}

/** The open statuses: every status that is not closed. */
export const OPEN_DOSSIER_STATUSES = [
  "received",
  "processing",
  "supplement",
] as const satisfies readonly Exclude<DossierStatus, (typeof CLOSED_DOSSIER_STATUSES)[number]>[];

/**
 * Prisma filter of open dossiers. Named as "in the open statuses" rather than "not in the
 * closed ones": the database then reads only open dossiers through the (commune, status,
 * due) index instead of every closed dossier of the commune (a year of a commune's
 * dossiers are nearly all closed; the bench's overdue scan over a million of them).
 */
export const OPEN_DOSSIER_WHERE = {
  status: { in: [...OPEN_DOSSIER_STATUSES] },
} as const satisfies Prisma.DossierWhereInput;

export interface DossierSummary {
  id: string;
  communeId: string;
  receiptCode: string;
  procedureName: string;
  field: string | null;
  /** Shown to officials who handle the dossier; the phone number is never included. */
  applicantName: string;
  channel: string;
  receivedAt: Date;
  processingDays: number;
  dueAt: Date;
  returnedAt: Date | null;
  status: string;
  handler: { id: string; name: string } | null;
  department: { id: string; code: string; name: string } | null;
  note: string | null;
}

/** The `select` that loads a DossierSummary. */
export const DOSSIER_SUMMARY_SELECT = {
  id: true,
  communeId: true,
  receiptCode: true,
  procedureName: true,
  field: true,
  applicantName: true,
  channel: true,
  receivedAt: true,
  processingDays: true,
  dueAt: true,
  returnedAt: true,
  status: true,
  handler: { select: { id: true, name: true } },
  department: { select: { id: true, code: true, name: true } },
  note: true,
} as const satisfies Prisma.DossierSelect;

/**
 * What an alert about a dossier shows (see the dossier alerts' templates): the dossier and
 * who handles it, never the applicant. The alert scans select only this, so they read no
 * more than they send and load the handler without the department.
 */
export type DossierAlertItem = Pick<
  DossierSummary,
  "id" | "receiptCode" | "procedureName" | "dueAt" | "handler"
>;

/** The `select` that loads a DossierAlertItem. */
export const DOSSIER_ALERT_SELECT = {
  id: true,
  receiptCode: true,
  procedureName: true,
  dueAt: true,
  handler: { select: { id: true, name: true } },
} as const satisfies Prisma.DossierSelect;

export interface DossierFilter {
  /** Open dossiers due before this instant (overdue at it); implies open. */
  overdueAt?: Date;
  /** Due at or after. */
  dueFrom?: Date;
  /** Due before (exclusive). */
  dueTo?: Date;
  /** true (default): open dossiers only; false: every status. */
  open?: boolean;
}

/** Dossiers the actor may see, by due date (earliest first) then receipt code. */
export async function listDossiers(
  prisma: Db,
  actor: Actor,
  filter: DossierFilter = {},
  page: { offset: number; limit: number } = { offset: 0, limit: 10 },
): Promise<{ items: DossierSummary[]; total: number }> {
  const and: Prisma.DossierWhereInput[] = [dossierScopeWhere(actor)];
  if ((filter.open ?? true) || filter.overdueAt) and.push(OPEN_DOSSIER_WHERE);
  if (filter.overdueAt) and.push({ dueAt: { lt: filter.overdueAt } });
  if (filter.dueFrom) and.push({ dueAt: { gte: filter.dueFrom } });
  if (filter.dueTo) and.push({ dueAt: { lt: filter.dueTo } });
  const where: Prisma.DossierWhereInput = { AND: and };
  const [items, total] = await Promise.all([
    prisma.dossier.findMany({
      where,
      select: DOSSIER_SUMMARY_SELECT,
      orderBy: [{ dueAt: "asc" }, { receiptCode: "asc" }],
      skip: Math.max(0, page.offset),
      take: Math.max(0, page.limit),
    }),
    prisma.dossier.count({ where }),
  ]);
  return { items, total };
}

export type DossierLookup = ReceiptLookup<DossierSummary>;

/**
 * The dossier with this receipt code, within the actor's scope (see `lookUpReceiptCode`).
 * A code outside the scope is "not_found".
 */
export async function findDossierByReceiptCode(
  prisma: Db,
  actor: Actor,
  code: string,
): Promise<DossierLookup> {
  const scope = dossierScopeWhere(actor);
  return lookUpReceiptCode(code, (receiptCode, take) =>
    prisma.dossier.findMany({
      where: { AND: [scope, { receiptCode }] },
      select: DOSSIER_SUMMARY_SELECT,
      take,
    }),
  );
}
