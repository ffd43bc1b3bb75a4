import { createHash, timingSafeEqual } from "node:crypto";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import type { InboxStore } from "../zalo/inbox.js";
import type { OutboxStore } from "../zalo/outbox.js";
import type { Db } from "../db/client.js";
import {
  addHoliday,
  type HolidayEditContext,
  HolidayEditError,
  holidayYearSchema,
  listHolidays,
  removeHoliday,
} from "../domain/calendar/holidays.js";
import { dayKey } from "../domain/calendar/working-days.js";
import { createLinkCode, revokeLinks } from "../domain/officials/link-codes.js";
import { listOfficials } from "../domain/officials/list-officials.js";
import { resolveCommune } from "../domain/procedures/local-notes.js";

export interface AdminDeps {
  token: string | undefined;
  prisma: Db;
  inbox: InboxStore;
  outbox: OutboxStore;
}

/** Whether `given` is the admin token, compared in constant time; false when there is none. */
export function adminTokenMatches(token: string | undefined, given: string | undefined): boolean {
  if (!token || !given) return false;
  const expected = createHash("sha256").update(token).digest();
  return timingSafeEqual(createHash("sha256").update(given).digest(), expected);
}

/** Constant-time bearer check; the API is off when ADMIN_API_TOKEN is unset. */
export function requireAdmin(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!token) return res.status(503).json({ error: "admin_api_disabled", hint: "set ADMIN_API_TOKEN" });
    const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1];
    if (!adminTokenMatches(token, given)) return res.status(401).json({ error: "unauthorized" });
    next();
  };
}

const inboxQuery = z.object({
  status: z.enum(["pending", "processing", "done", "ignored", "parked"]).default("parked"),
});
const outboxQuery = z.object({
  status: z.enum(["pending", "sending", "sent", "failed", "unreachable"]).default("failed"),
});

const holidaysQuery = z.object({
  year: holidayYearSchema.optional(),
  commune: z.string({ error: "commune must be one slug" }).min(1).optional(),
});
const holidayBody = z.object({
  date: z.string({ error: "date is required, written YYYY-MM-DD" }),
  name: z.string({ error: "name is required, e.g. Nghỉ bù Tết Nguyên Đán" }),
  kind: z.enum(["holiday", "working_day"], { error: 'kind must be "holiday" or "working_day"' }).optional(),
  commune: z.string({ error: "commune must be a commune's slug" }).min(1).optional(),
});
const communeQuery = z.object({ commune: z.string({ error: "commune must be one slug" }).min(1).optional() });

/** The first problem of a request, as the reason of a 400. */
function reason(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.length ? `${issue.path.join(".")}: ` : ""}${issue?.message ?? "invalid request"}`;
}

/** Operator endpoints: see parked events and undelivered messages, and send them again. */
export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  router.use("/admin", requireAdmin(deps.token));

  router.get("/admin/inbox", async (req, res) => {
    const q = inboxQuery.safeParse(req.query);
    if (!q.success) return res.status(400).json({ error: q.error.issues[0]?.message });
    const rows = await deps.prisma.inboxEvent.findMany({
      where: { status: q.data.status },
      orderBy: { receivedAt: "desc" },
      take: 100,
      // The payload holds what citizens wrote: not listed here.
      select: { id: true, eventName: true, receivedAt: true, attempts: true, lastError: true, status: true },
    });
    res.json({ events: rows, counts: await deps.inbox.counts() });
  });

  router.post("/admin/inbox/:id/replay", async (req, res) => {
    const ok = await deps.inbox.replay(req.params.id);
    res
      .status(ok ? 200 : 404)
      .json(ok ? { replayed: req.params.id } : { error: "no parked event with that id" });
  });

  router.get("/admin/outbox", async (req, res) => {
    const q = outboxQuery.safeParse(req.query);
    if (!q.success) return res.status(400).json({ error: q.error.issues[0]?.message });
    const rows = await deps.prisma.outboxMessage.findMany({
      where: { status: q.data.status },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        idempotencyKey: true,
        recipientType: true,
        kind: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
      },
    });
    res.json({ messages: rows, counts: await deps.outbox.counts() });
  });

  router.get("/admin/officials", async (req, res) => {
    const commune = typeof req.query.commune === "string" ? req.query.commune : undefined;
    res.json({ officials: await listOfficials(deps.prisma, commune) });
  });

  router.post("/admin/officials/:id/link-code", async (req, res) => {
    const official = await deps.prisma.official.findUnique({
      where: { id: req.params.id },
      select: { active: true },
    });
    if (!official?.active) return res.status(404).json({ error: "no active official with that id" });
    const issued = await createLinkCode(deps.prisma, req.params.id, {
      now: new Date(),
      actor: { label: "operator" },
      channel: "admin_api",
    });
    res.status(201).json({
      code: issued.code,
      expiresAt: issued.expiresAt,
      hint: `the official sends "đăng ký ${issued.code}"`,
    });
  });

  router.post("/admin/officials/:id/revoke-link", async (req, res) => {
    const official = await deps.prisma.official.findUnique({
      where: { id: req.params.id },
      select: { id: true },
    });
    if (!official) return res.status(404).json({ error: "no official with that id" });
    res.json(await revokeLinks(deps.prisma, official.id, { label: "operator" }, { channel: "admin_api" }));
  });

  router.post("/admin/outbox/:id/retry", async (req, res) => {
    const ok = await deps.outbox.retry(req.params.id);
    res
      .status(ok ? 200 : 404)
      .json(ok ? { retried: req.params.id } : { error: "no failed message with that id" });
  });

  holidayRoutes(router, deps.prisma);
  return router;
}

/**
 * The working calendar: national days (no commune) or one commune's own. What the rows mean
 * is in src/domain/calendar/load-calendar.ts.
 */
function holidayRoutes(router: Router, prisma: Db): void {
  /** The commune's id for a slug, null for the national calendar, or undefined after a 404. */
  const communeOf = async (slug: string | undefined, res: Response) => {
    if (slug === undefined) return null;
    const commune = await resolveCommune(prisma, slug);
    if (!commune) res.status(404).json({ error: `no commune with slug "${slug}"` });
    return commune?.id;
  };
  const edit = (): HolidayEditContext => ({
    actor: { label: "operator" },
    channel: "admin_api",
    now: new Date(),
  });
  const refused = (error: unknown, res: Response) => {
    if (!(error instanceof HolidayEditError)) throw error;
    res.status(error.reason === "not_found" ? 404 : 400).json({ error: error.message });
  };

  router.get("/admin/holidays", async (req, res) => {
    const q = holidaysQuery.safeParse(req.query);
    if (!q.success) return res.status(400).json({ error: reason(q.error) });
    const communeId = await communeOf(q.data.commune, res);
    if (communeId === undefined) return;
    const year = q.data.year ?? Number(dayKey(new Date()).slice(0, 4));
    res.json({
      year,
      commune: q.data.commune ?? null,
      holidays: await listHolidays(prisma, year, communeId),
    });
  });

  router.post("/admin/holidays", express.json({ limit: "16kb" }), async (req, res) => {
    const body = holidayBody.safeParse(req.body);
    if (!body.success) return res.status(400).json({ error: reason(body.error) });
    const communeId = await communeOf(body.data.commune, res);
    if (communeId === undefined) return;
    try {
      const { date, name, kind } = body.data;
      const { holiday, created } = await addHoliday(prisma, { date, name, kind, communeId }, edit());
      const { communeId: _, ...day } = holiday;
      res
        .status(created ? 201 : 200)
        .json({ holiday: { ...day, commune: body.data.commune ?? null }, created });
    } catch (error) {
      refused(error, res);
    }
  });

  router.delete("/admin/holidays/:date", async (req, res) => {
    const q = communeQuery.safeParse(req.query);
    if (!q.success) return res.status(400).json({ error: reason(q.error) });
    const communeId = await communeOf(q.data.commune, res);
    if (communeId === undefined) return;
    try {
      const { removed } = await removeHoliday(prisma, { date: req.params.date, communeId }, edit());
      const { communeId: _, ...day } = removed;
      res.json({ removed: { ...day, commune: q.data.commune ?? null } });
    } catch (error) {
      refused(error, res);
    }
  });

  // A body that is not JSON is the operator's mistake, answered like any other bad input.
  router.use("/admin/holidays", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if ((error as { type?: string }).type === "entity.parse.failed") {
      return res.status(400).json({ error: "the body is not valid JSON" });
    }
    next(error);
  });
}
