/**
 * Reading CCHC tasks for the officials' chat: lists, lookup by code, word search, detail,
 * history and department names as people type them. Every list is limited to what the
 * actor may see (see officials/scope.ts). Time ranges are half-open: [from, to).
 */
import type { Db, Prisma } from "../../db/client.js";
import { departmentNamedBy, typedDepartmentPhrase } from "../departments/department-match.js";
import { type Actor, taskScopeWhere } from "../officials/scope.js";
import { foldVietnamese } from "../text/vietnamese.js";

export type TaskStatus = "todo" | "in_progress" | "done" | "cancelled";

/** Statuses of a task still to be done. */
export const OPEN_TASK_STATUSES = ["todo", "in_progress"] as const satisfies readonly TaskStatus[];

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}

export interface OfficialRef {
  id: string;
  name: string;
}

export interface TaskSummary {
  id: string;
  communeId: string;
  code: string;
  title: string;
  product: string | null;
  status: string;
  progress: number;
  /** Final deadline; null for continuous tasks ("Thường xuyên"). */
  dueAt: Date | null;
  deadlineText: string | null;
  recurrence: string;
  completedAt: Date | null;
  source: string;
  leadDepartmentId: string | null;
  leadDepartment: DepartmentRef | null;
  assigneeId: string | null;
  assignee: OfficialRef | null;
  cooperators: { departmentId: string }[];
}

const SUMMARY_SELECT = {
  id: true,
  communeId: true,
  code: true,
  title: true,
  product: true,
  status: true,
  progress: true,
  dueAt: true,
  deadlineText: true,
  recurrence: true,
  completedAt: true,
  source: true,
  leadDepartmentId: true,
  leadDepartment: { select: { id: true, code: true, name: true } },
  assigneeId: true,
  assignee: { select: { id: true, name: true } },
  cooperators: { select: { departmentId: true } },
} as const satisfies Prisma.TaskSelect;

export interface TaskFilter {
  /** Due at or after. */
  dueFrom?: Date;
  /** Due before (exclusive). */
  dueTo?: Date;
  /** Open tasks due before this instant (overdue at it); implies open. */
  overdueAt?: Date;
  /** Tasks the department leads or cooperates on. */
  departmentId?: string;
  /** Tasks assigned to the actor, and their department's tasks nobody is assigned to. */
  onlyMine?: boolean;
  /** true (default): todo and in_progress only; false: every status. */
  open?: boolean;
  /**
   * Apply the due filters to any deadline still to meet (an intermediate one of a task with
   * several), not only the final one: "due this week" includes a quarterly report due.
   */
  anyDeadline?: boolean;
}

export interface Page {
  offset: number;
  limit: number;
}

/** "NV2" before "NV10". */
const naturalCompare = new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare;

/** By due date (continuous tasks, without one, last), then code. */
export function compareTasks(a: Pick<TaskSummary, "dueAt" | "code">, b: Pick<TaskSummary, "dueAt" | "code">) {
  const da = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const db = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return naturalCompare(a.code, b.code);
}

function minDate(a: Date | undefined, b: Date | undefined): Date {
  return a && b ? (a < b ? a : b) : (a ?? b)!;
}

function filterWhere(actor: Actor, filter: TaskFilter): Prisma.TaskWhereInput {
  const and: Prisma.TaskWhereInput[] = [taskScopeWhere(actor)];
  const open = filter.open ?? true;
  if (open || filter.overdueAt) and.push({ status: { in: [...OPEN_TASK_STATUSES] } });
  const due: Prisma.DateTimeFilter = {
    ...(filter.dueFrom ? { gte: filter.dueFrom } : {}),
    ...(filter.dueTo || filter.overdueAt ? { lt: minDate(filter.dueTo, filter.overdueAt) } : {}),
  };
  if (Object.keys(due).length > 0) {
    and.push(
      filter.anyDeadline
        ? { OR: [{ dueAt: due }, { deadlines: { some: { metAt: null, dueAt: due } } }] }
        : { dueAt: due },
    );
  }
  if (filter.departmentId) {
    and.push({
      OR: [
        { leadDepartmentId: filter.departmentId },
        { cooperators: { some: { departmentId: filter.departmentId } } },
      ],
    });
  }
  if (filter.onlyMine) {
    const mine: Prisma.TaskWhereInput[] = [{ assigneeId: actor.officialId }];
    if (actor.departmentId) mine.push({ leadDepartmentId: actor.departmentId, assigneeId: null });
    and.push({ OR: mine });
  }
  return { AND: and };
}

/**
 * Tasks the actor may see, filtered, sorted by due date (continuous tasks last) then code
 * in natural order. A commune has tens to a few hundred tasks, so sorting and paging happen
 * in memory (the database cannot order "NV2" before "NV10").
 */
export async function listTasks(
  prisma: Db,
  actor: Actor,
  filter: TaskFilter = {},
  page: Page = { offset: 0, limit: 10 },
): Promise<{ items: TaskSummary[]; total: number }> {
  const rows = await prisma.task.findMany({ where: filterWhere(actor, filter), select: SUMMARY_SELECT });
  rows.sort(compareTasks);
  const offset = Math.max(0, page.offset);
  return { items: rows.slice(offset, offset + Math.max(0, page.limit)), total: rows.length };
}

/** "nv12", "NV 12", "NV-12", "#12", "12" → "NV12"; other codes upper-cased without spaces. */
export function normaliseTaskCode(text: string): string {
  const compact = text.trim().replace(/\s+/g, "").toUpperCase();
  const numbered = /^(?:#|NV-?)?0*(\d+)$/.exec(compact);
  return numbered ? `NV${numbered[1]}` : compact;
}

/** The commune's task with this code (as typed), whoever may see it: check canSeeTask. */
export async function findTaskByCode(
  prisma: Db,
  communeId: string,
  code: string,
): Promise<TaskSummary | null> {
  const typed = code.trim().toUpperCase();
  const normalised = normaliseTaskCode(code);
  const rows = await prisma.task.findMany({
    where: { communeId, code: { in: [...new Set([typed, normalised, code.trim()])] } },
    select: SUMMARY_SELECT,
  });
  return rows.find((r) => r.code === code.trim()) ?? rows.find((r) => r.code === typed) ?? rows[0] ?? null;
}

const SEARCH_STOP_WORDS = new Set([
  "nhiem",
  "vu",
  "nv",
  "cai",
  "cua",
  "ve",
  "la",
  "cho",
  "voi",
  "viec",
  "cong",
]);

function words(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/**
 * Tasks in the actor's scope whose code, title or product contains the words of `text`,
 * diacritics folded ("niem yet thu tuc" finds "Niêm yết thủ tục…"). A query word matches a
 * whole word (a Vietnamese syllable); the last one may also be the start of a word when it
 * has 3 letters or more (a word being typed). Tasks matching every word
 * come first; when none does, tasks matching at least half of the words are returned.
 * Best matches first, then by due date.
 */
export async function searchTasks(
  prisma: Db,
  actor: Actor,
  text: string,
  limit = 10,
): Promise<TaskSummary[]> {
  const all = words(text);
  const query = all.filter((w) => !SEARCH_STOP_WORDS.has(w));
  const terms = query.length > 0 ? query : all;
  if (terms.length === 0) return [];
  const code = normaliseTaskCode(text);
  const rows = await prisma.task.findMany({ where: taskScopeWhere(actor), select: SUMMARY_SELECT });
  const exact = rows.filter((r) => r.code.toUpperCase() === code);
  if (exact.length > 0) return exact;

  const scored = rows
    .map((row) => {
      const haystack = new Set(words(`${row.code} ${row.title} ${row.product ?? ""}`));
      const last = terms.length - 1;
      const matched = terms.filter(
        (term, i) =>
          haystack.has(term) ||
          (i === last && term.length >= 3 && [...haystack].some((w) => w.startsWith(term))),
      ).length;
      return { row, score: matched / terms.length };
    })
    .filter((s) => s.score > 0);
  const full = scored.filter((s) => s.score === 1);
  const chosen = full.length > 0 ? full : scored.filter((s) => s.score >= 0.5);
  chosen.sort((a, b) => b.score - a.score || compareTasks(a.row, b.row));
  return chosen.slice(0, limit).map((s) => s.row);
}

export interface ExtensionRequestView {
  id: string;
  taskId: string;
  status: string;
  requestedDueAt: Date;
  reason: string | null;
  requestedBy: OfficialRef;
  createdAt: Date;
  decidedBy: OfficialRef | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

const EXTENSION_SELECT = {
  id: true,
  taskId: true,
  status: true,
  requestedDueAt: true,
  reason: true,
  requestedBy: { select: { id: true, name: true } },
  createdAt: true,
  decidedBy: { select: { id: true, name: true } },
  decidedAt: true,
  decisionNote: true,
} as const satisfies Prisma.TaskExtensionRequestSelect;

export interface TaskDetail extends Omit<TaskSummary, "cooperators"> {
  section: string | null;
  sectionTitle: string | null;
  leadText: string | null;
  cooperatingText: string | null;
  assignedBy: string | null;
  cooperators: { departmentId: string; code: string; name: string }[];
  /** Every due date of the task, earliest first. */
  deadlines: { id: string; dueAt: Date; label: string; metAt: Date | null }[];
  evidenceCount: number;
  pendingExtension: ExtensionRequestView | null;
  updatedAt: Date;
}

/** Everything the chat shows about one task. Does not check scope: use canSeeTask. */
export async function taskDetail(prisma: Db, taskId: string): Promise<TaskDetail | null> {
  const row = await prisma.task.findUnique({
    where: { id: taskId },
    select: {
      ...SUMMARY_SELECT,
      section: true,
      sectionTitle: true,
      leadText: true,
      cooperatingText: true,
      assignedBy: true,
      updatedAt: true,
      cooperators: { select: { departmentId: true, department: { select: { code: true, name: true } } } },
      deadlines: { select: { id: true, dueAt: true, label: true, metAt: true }, orderBy: { dueAt: "asc" } },
      _count: { select: { evidence: true } },
      extensionRequests: {
        where: { status: "pending" },
        select: EXTENSION_SELECT,
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  if (!row) return null;
  const { _count, extensionRequests, cooperators, ...rest } = row;
  return {
    ...rest,
    cooperators: cooperators
      .map((c) => ({ departmentId: c.departmentId, code: c.department.code, name: c.department.name }))
      .sort((a, b) => naturalCompare(a.code, b.code)),
    evidenceCount: _count.evidence,
    pendingExtension: extensionRequests[0] ?? null,
  };
}

/** Pending extension requests a leader has to decide, oldest first (empty for non-leaders). */
export async function listPendingExtensions(
  prisma: Db,
  actor: Actor,
): Promise<
  (ExtensionRequestView & { task: { id: string; code: string; title: string; dueAt: Date | null } })[]
> {
  if (actor.role !== "leader") return [];
  return prisma.taskExtensionRequest.findMany({
    where: { communeId: actor.communeId, status: "pending" },
    select: { ...EXTENSION_SELECT, task: { select: { id: true, code: true, title: true, dueAt: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export interface TaskHistoryEntry {
  id: string;
  at: Date;
  action: string;
  channel: string;
  actor: OfficialRef | null;
  actorLabel: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** What happened to a task, newest first, from the audit log (entityType "task"). */
export async function taskHistory(prisma: Db, taskId: string, limit = 20): Promise<TaskHistoryEntry[]> {
  const rows = await prisma.auditLog.findMany({
    where: { entityType: "task", entityId: taskId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      action: true,
      channel: true,
      actor: { select: { id: true, name: true } },
      actorLabel: true,
      before: true,
      after: true,
      note: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    action: r.action,
    channel: r.channel,
    actor: r.actor,
    actorLabel: r.actorLabel,
    before: parseJson(r.before),
    after: parseJson(r.after),
    note: r.note,
  }));
}

// ---------------------------------------------------------------------------
// Departments as people type them

export interface DepartmentMatch extends DepartmentRef {
  isOneStop: boolean;
}

/** The commune's department a user's phrase names, or null: see departmentNamedBy. */
export async function matchDepartment(
  prisma: Db,
  communeId: string,
  words: string,
): Promise<DepartmentMatch | null> {
  if (typedDepartmentPhrase(words) === "") return null; // nothing to look for: spare the query
  const departments = await prisma.department.findMany({
    where: { communeId },
    select: { id: true, code: true, name: true, aliases: true, isOneStop: true },
    orderBy: { code: "asc" },
  });
  const named = departmentNamedBy(
    words,
    departments.map((d) => ({ ...d, aliases: d.aliases.split("|") })),
  );
  if (!named) return null;
  const { id, code, name, isOneStop } = named;
  return { id, code, name, isOneStop };
}
