import { createHash, timingSafeEqual } from "node:crypto";
import { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import type { InboxStore } from "../zalo/inbox.js";
import type { OutboxStore } from "../zalo/outbox.js";
import type { Db } from "../db/client.js";
import { createLinkCode, revokeLinks } from "../domain/officials/link-codes.js";
import { listOfficials } from "../domain/officials/list-officials.js";

export interface AdminDeps {
  token: string | undefined;
  prisma: Db;
  inbox: InboxStore;
  outbox: OutboxStore;
}

/** Constant-time bearer check; the API is off when ADMIN_API_TOKEN is unset. */
function requireAdmin(token: string | undefined) {
  const expected = token ? createHash("sha256").update(token).digest() : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!expected) return res.status(503).json({ error: "admin_api_disabled", hint: "set ADMIN_API_TOKEN" });
    const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1];
    const digest = createHash("sha256")
      .update(given ?? "")
      .digest();
    if (!given || !timingSafeEqual(digest, expected)) return res.status(401).json({ error: "unauthorized" });
    next();
  };
}

const inboxQuery = z.object({
  status: z.enum(["pending", "processing", "done", "ignored", "parked"]).default("parked"),
});
const outboxQuery = z.object({
  status: z.enum(["pending", "sending", "sent", "failed", "unreachable"]).default("failed"),
});

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
  return router;
}
