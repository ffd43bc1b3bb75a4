/**
 * Who an official is when they act, and what they may see and change.
 *
 * Rules (one place, used by every query and update of the officials' chat):
 * - A leader (Chủ tịch, Phó Chủ tịch) sees and updates every task and dossier of the commune.
 * - An officer or the operator (admin) sees and updates a task when their department leads it,
 *   or is listed as a cooperating department, or when the task is assigned to them.
 * - Dossiers: a non-leader sees the dossiers they handle and the unassigned dossiers of their
 *   department; the one-stop desk's staff (department isOneStop) see every dossier of the
 *   commune, since every dossier passes through the desk.
 * - Nothing crosses communes.
 */
import { z } from "zod";
import type { Db, Prisma } from "../../db/client.js";

export type OfficialRole = "leader" | "officer" | "admin";

export type Actor = {
  officialId: string;
  communeId: string;
  role: OfficialRole;
  departmentId: string | null;
  /**
   * Whether the official's department is the one-stop desk. loadActor fills it; when an
   * Actor is built by hand without it, dossierScopeWhere asks the database instead.
   */
  oneStopDesk?: boolean;
};

/** Where a change came from (AuditLog.channel). */
export type Channel = "zalo" | "admin_api" | "cli" | "sandbox" | "system" | "console";

/** Who a change is recorded against: an official, or a label ("operator", "system", "cli"). */
export type AuditActor = { officialId: string } | { label: string };

const ROLE = z.enum(["leader", "officer", "admin"]);

/** Reads a stored role; anything unexpected gets the least privileged role. */
export function parseRole(value: string): OfficialRole {
  const parsed = ROLE.safeParse(value);
  return parsed.success ? parsed.data : "officer";
}

/** The acting official, or null when there is no such official or they are no longer active. */
export async function loadActor(prisma: Db, officialId: string): Promise<Actor | null> {
  const official = await prisma.official.findUnique({
    where: { id: officialId },
    select: {
      id: true,
      communeId: true,
      role: true,
      departmentId: true,
      active: true,
      department: { select: { isOneStop: true } },
    },
  });
  if (!official || !official.active) return null;
  return {
    officialId: official.id,
    communeId: official.communeId,
    role: parseRole(official.role),
    departmentId: official.departmentId,
    oneStopDesk: official.department?.isOneStop ?? false,
  };
}

/** The AuditLog columns naming who acted. */
export function auditActorColumns(actor: AuditActor): {
  actorOfficialId: string | null;
  actorLabel: string | null;
} {
  return "officialId" in actor
    ? { actorOfficialId: actor.officialId, actorLabel: null }
    : { actorOfficialId: null, actorLabel: actor.label };
}

// ---------------------------------------------------------------------------
// Tasks

/** What the task rule looks at; a TaskSummary or TaskDetail has these fields. */
export interface TaskScopeFacts {
  communeId: string;
  leadDepartmentId: string | null;
  assigneeId: string | null;
  cooperators: readonly { departmentId: string }[];
}

/** The `select` that loads TaskScopeFacts. */
export const TASK_SCOPE_SELECT = {
  communeId: true,
  leadDepartmentId: true,
  assigneeId: true,
  cooperators: { select: { departmentId: true } },
} as const satisfies Prisma.TaskSelect;

/** Tasks the actor may see, as a Prisma filter. */
export function taskScopeWhere(actor: Actor): Prisma.TaskWhereInput {
  if (actor.role === "leader") return { communeId: actor.communeId };
  const own: Prisma.TaskWhereInput[] = [{ assigneeId: actor.officialId }];
  if (actor.departmentId) {
    own.push(
      { leadDepartmentId: actor.departmentId },
      { cooperators: { some: { departmentId: actor.departmentId } } },
    );
  }
  return { communeId: actor.communeId, OR: own };
}

export function canSeeTask(actor: Actor, task: TaskScopeFacts): boolean {
  if (task.communeId !== actor.communeId) return false;
  if (actor.role === "leader") return true;
  if (task.assigneeId === actor.officialId) return true;
  const department = actor.departmentId;
  if (!department) return false;
  return task.leadDepartmentId === department || task.cooperators.some((c) => c.departmentId === department);
}

/** Same rule as seeing: whoever works on a task may report on it; leaders always may. */
export function canUpdateTask(actor: Actor, task: TaskScopeFacts): boolean {
  return canSeeTask(actor, task);
}

// ---------------------------------------------------------------------------
// Dossiers

/** Dossiers the actor may see, as a Prisma filter. */
export function dossierScopeWhere(actor: Actor): Prisma.DossierWhereInput {
  const commune: Prisma.DossierWhereInput = { communeId: actor.communeId };
  if (actor.role === "leader" || actor.oneStopDesk === true) return commune;
  const own: Prisma.DossierWhereInput[] = [{ handlerId: actor.officialId }];
  if (actor.departmentId) {
    own.push({ departmentId: actor.departmentId, handlerId: null });
    if (actor.oneStopDesk === undefined) {
      // Not known from the Actor: true for every dossier of the commune exactly when the
      // actor's department is the commune's one-stop desk.
      own.push({ commune: { departments: { some: { id: actor.departmentId, isOneStop: true } } } });
    }
  }
  return { ...commune, OR: own };
}
