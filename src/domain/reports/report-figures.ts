/**
 * The figures of the quarterly CCHC report (Phụ lục 2) for one commune and period, for the
 * whole commune, per field (lĩnh vực) and per department: the one source of the chat's
 * figures, the XLSX export, the PAR-index risks and the weekly digest. The definitions are
 * in dossier-figures.ts and task-figures.ts; this module loads the rows and groups them.
 *
 * Leaders (or a commune id) get the whole commune; any other actor what their scope shows.
 */
import type { Db, Prisma } from "../../db/client.js";
import type { DateRange } from "../calendar/periods.js";
import { CLOSED_DOSSIER_STATUSES } from "../dossiers/dossier-queries.js";
import { type Actor, dossierScopeWhere, taskScopeWhere } from "../officials/scope.js";
import { type DossierFigures, dossierFigures, type DossierRow } from "./dossier-figures.js";
import { isFeeBearing } from "./fee-bearing.js";
import { taskFigures, type TaskFigures, type TaskRow } from "./task-figures.js";

/** Citizens' complaints and suggestions (phản ánh, kiến nghị) received in the period. */
export interface PaknFigures {
  received: number;
  answered: number;
}

export interface DepartmentFigures {
  /** null: rows without a department. */
  departmentId: string | null;
  department: string;
  dossiers: DossierFigures;
  planTasks: TaskFigures;
  districtTasks: TaskFigures;
}

export interface ReportFigures {
  communeId: string;
  communeName: string;
  range: DateRange;
  /** The instant open and done figures are taken at: min(to, now). */
  asOf: Date;
  dossiers: DossierFigures;
  dossiersByField: { field: string; dossiers: DossierFigures }[];
  byDepartment: DepartmentFigures[];
  /** Procedures the commune offers online (the catalogue's online ones it serves). */
  onlineServicesOffered: number;
  pakn: PaknFigures;
  /** The plan's tasks, counted by deadline (I.2 of the form, PAR 1.1.3). */
  planTasks: TaskFigures;
  /** Tasks the district assigned (I.4 of the form, PAR 1.5.1). */
  districtTasks: TaskFigures;
}

const NO_FIELD = "Khác";
const NO_DEPARTMENT = "Chưa giao bộ phận";

type LoadedDossier = DossierRow & { field: string; departmentId: string | null };
type LoadedTask = TaskRow & { source: string; departmentId: string | null };

export async function reportFigures(
  prisma: Db,
  who: Actor | string,
  range: DateRange,
  now: Date,
): Promise<ReportFigures> {
  const { from, to } = range;
  const asOf = new Date(Math.max(from.getTime(), Math.min(to.getTime(), now.getTime())));
  const communeId = typeof who === "string" ? who : who.communeId;
  const whole = typeof who === "string" || who.role === "leader";
  const taskWhere: Prisma.TaskWhereInput = typeof who === "string" ? { communeId } : taskScopeWhere(who);
  const dossierWhere: Prisma.DossierWhereInput =
    typeof who === "string" ? { communeId } : dossierScopeWhere(who);

  const [commune, departments, dossiers, tasks, pakn, onlineServicesOffered] = await Promise.all([
    prisma.commune.findUniqueOrThrow({ where: { id: communeId }, select: { name: true } }),
    prisma.department.findMany({ where: { communeId }, select: { id: true, name: true, code: true } }),
    loadDossiers(prisma, dossierWhere, range),
    loadTasks(prisma, taskWhere, range),
    whole ? paknFigures(prisma, communeId, range, asOf) : Promise.resolve({ received: 0, answered: 0 }),
    onlineServices(prisma, communeId),
  ]);

  const fields = [...new Set(dossiers.map((d) => d.field))].sort((a, b) => a.localeCompare(b, "vi"));
  const departmentIds = new Set<string | null>([
    ...dossiers.map((d) => d.departmentId),
    ...tasks.map((t) => t.departmentId),
  ]);
  const nameOf = new Map(departments.map((d) => [d.id, d.name]));
  const byDepartment = [...departmentIds]
    .map((id) => ({
      departmentId: id,
      department: (id && nameOf.get(id)) || NO_DEPARTMENT,
      dossiers: dossierFigures(
        dossiers.filter((d) => d.departmentId === id),
        range,
        asOf,
      ),
      planTasks: taskFigures(
        tasks.filter((t) => t.departmentId === id && t.source !== "district"),
        range,
        asOf,
      ),
      districtTasks: taskFigures(
        tasks.filter((t) => t.departmentId === id && t.source === "district"),
        range,
        asOf,
      ),
    }))
    .sort((a, b) =>
      a.departmentId === null
        ? 1
        : b.departmentId === null
          ? -1
          : a.department.localeCompare(b.department, "vi"),
    );

  return {
    communeId,
    communeName: commune.name,
    range: { from, to },
    asOf,
    dossiers: dossierFigures(dossiers, range, asOf),
    dossiersByField: fields.map((field) => ({
      field,
      dossiers: dossierFigures(
        dossiers.filter((d) => d.field === field),
        range,
        asOf,
      ),
    })),
    byDepartment,
    onlineServicesOffered,
    pakn,
    planTasks: taskFigures(
      tasks.filter((t) => t.source !== "district"),
      range,
      asOf,
    ),
    districtTasks: taskFigures(
      tasks.filter((t) => t.source === "district"),
      range,
      asOf,
    ),
  };
}

async function loadDossiers(
  prisma: Db,
  scope: Prisma.DossierWhereInput,
  { from, to }: DateRange,
): Promise<LoadedDossier[]> {
  const rows = await prisma.dossier.findMany({
    where: {
      AND: [
        scope,
        { receivedAt: { lt: to } },
        // Anything that can count: received in the period, still open, or closed since it began.
        {
          OR: [
            { receivedAt: { gte: from } },
            { status: { notIn: [...CLOSED_DOSSIER_STATUSES] } },
            { returnedAt: { gte: from } },
            { updatedAt: { gte: from } },
          ],
        },
      ],
    },
    select: {
      status: true,
      channel: true,
      receivedAt: true,
      dueAt: true,
      returnedAt: true,
      updatedAt: true,
      onlineLevel: true,
      digitised: true,
      electronicResult: true,
      paidOnline: true,
      apologyAt: true,
      procedureCode: true,
      procedureName: true,
      field: true,
      departmentId: true,
      procedure: { select: { code: true, fees: true, field: true } },
    },
  });
  return rows.map((d) => ({
    ...d,
    procedureKey: d.procedure?.code ?? d.procedureCode ?? d.procedureName,
    feeBearing: isFeeBearing(d.procedure?.fees),
    field: d.field?.trim() || d.procedure?.field?.trim() || NO_FIELD,
  }));
}

async function loadTasks(
  prisma: Db,
  scope: Prisma.TaskWhereInput,
  { from, to }: DateRange,
): Promise<LoadedTask[]> {
  const rows = await prisma.task.findMany({
    where: {
      AND: [
        scope,
        { status: { not: "cancelled" } },
        {
          OR: [
            { dueAt: { gte: from, lt: to } },
            { deadlines: { some: { dueAt: { gte: from, lt: to } } } },
            { recurrence: "continuous", dueAt: null },
          ],
        },
      ],
    },
    select: {
      status: true,
      recurrence: true,
      dueAt: true,
      completedAt: true,
      updatedAt: true,
      source: true,
      leadDepartmentId: true,
      deadlines: { select: { dueAt: true, metAt: true } },
      evidence: { select: { createdAt: true } },
    },
  });
  return rows.map((t) => ({
    ...t,
    departmentId: t.leadDepartmentId,
    evidenceAt: t.evidence.map((e) => e.createdAt),
  }));
}

/** PAKN (kinds complaint and suggestion) received in the period; answered by asOf. */
async function paknFigures(
  prisma: Db,
  communeId: string,
  { from, to }: DateRange,
  asOf: Date,
): Promise<PaknFigures> {
  const rows = await prisma.feedback.findMany({
    where: { communeId, kind: { in: ["complaint", "suggestion"] }, createdAt: { gte: from, lt: to } },
    select: { status: true, answeredAt: true },
  });
  return {
    received: rows.length,
    answered: rows.filter((r) => r.status !== "open" && (r.answeredAt === null || r.answeredAt <= asOf))
      .length,
  };
}

/** Active commune-level procedures listed as online that the commune has not marked as not served. */
async function onlineServices(prisma: Db, communeId: string): Promise<number> {
  return prisma.procedure.count({
    where: {
      active: true,
      communeService: true,
      onlineSubmissionListed: true,
      NOT: { communes: { some: { communeId, served: false } } },
    },
  });
}
