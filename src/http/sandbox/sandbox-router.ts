import { randomBytes } from "node:crypto";
import { join } from "node:path";
import express, { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { reminderJob, REMINDER_JOBS } from "../../jobs/index.js";
import type { JobRunner } from "../../jobs/runner.js";
import { parseWallClock, slotOf } from "../../jobs/slots.js";
import type { Logger } from "../../logger.js";
import { projectRoot } from "../../paths.js";
import type { FakeZalo } from "../../zalo/fake-zalo.js";
import { signZaloBody, type SignatureKeys } from "../../zalo/signature.js";

export interface SandboxDeps {
  prisma: Db;
  /** The reminder jobs, which the page can run now at a clock of its choosing. */
  jobs: JobRunner;
  timeZone: string;
  fakeZalo: FakeZalo;
  keys: SignatureKeys;
  log: Logger;
  /** The service's own address: messages go through the real webhook over HTTP. */
  selfUrl: () => string;
}

export interface Persona {
  id: string;
  label: string;
  zaloUserId: string;
  kind: "citizen" | "official";
  officialId?: string;
}

const runBody = z.object({
  at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "giờ phải có dạng 2026-12-08T07:30")
    .optional(),
});

const sendBody = z.union([
  z.object({
    zaloUserId: z.string().min(1).max(100),
    text: z.string().trim().min(1, "tin nhắn trống").max(2000),
  }),
  /** A photo, as Zalo delivers one: only its URL reaches the bot. */
  z.object({ zaloUserId: z.string().min(1).max(100), imageUrl: z.url() }),
]);

/**
 * /sandbox: chat with the bot as a citizen or as any demo official without Zalo.
 * Messages are signed and POSTed to the real webhook; replies come back through the
 * real outbox, OA client and HTTP, received by the fake Zalo mounted at /sandbox/zalo.
 * Only the last hop differs from production.
 */
export function sandboxRouter(deps: SandboxDeps): Router {
  const router = Router();
  router.use("/sandbox/zalo", deps.fakeZalo.router());
  router.use("/sandbox/assets", express.static(join(projectRoot, "assets/sandbox")));
  router.get("/sandbox", (_req, res) => res.sendFile(join(projectRoot, "assets/sandbox/index.html")));

  router.get("/sandbox/api/personas", async (_req, res) => {
    res.json({ personas: await personas(deps.prisma) });
  });

  router.post("/sandbox/api/send", express.json({ limit: "16kb" }), async (req: Request, res: Response) => {
    const parsed = sendBody.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: parsed.error.issues[0]?.message ?? "invalid" });
    const { zaloUserId } = parsed.data;
    await linkPersona(deps.prisma, zaloUserId);
    const timestamp = String(Date.now());
    const msgId = randomBytes(10).toString("hex");
    const raw = JSON.stringify({
      app_id: deps.keys.appId,
      user_id_by_app: `app-${zaloUserId}`,
      event_name: "text" in parsed.data ? "user_send_text" : "user_send_image",
      timestamp,
      sender: { id: zaloUserId },
      recipient: { id: deps.keys.oaId },
      message:
        "text" in parsed.data
          ? { msg_id: msgId, text: parsed.data.text }
          : { msg_id: msgId, attachments: [{ type: "image", payload: { url: parsed.data.imageUrl } }] },
    });
    const response = await fetch(`${deps.selfUrl()}/webhooks/zalo`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-ZEvent-Signature": signZaloBody(deps.keys.appId, raw, timestamp, deps.keys.oaSecretKey),
      },
      body: raw,
    });
    res.status(response.ok ? 202 : 502).json({ webhookStatus: response.status });
  });

  router.get("/sandbox/api/groups", async (_req, res) => {
    const groups = await deps.prisma.zaloGroup.findMany({
      select: { groupId: true, name: true, purpose: true },
      orderBy: { name: "asc" },
    });
    res.json({ groups });
  });

  router.get("/sandbox/api/jobs", (_req, res) => {
    res.json({ jobs: REMINDER_JOBS.map((j) => ({ name: j.name, description: j.description })) });
  });

  router.post("/sandbox/api/jobs/:name/run", express.json({ limit: "4kb" }), async (req, res) => {
    const job = reminderJob(req.params.name);
    if (!job) return res.status(404).json({ error: "không có việc nhắc này" });
    const body = runBody.safeParse(req.body ?? {});
    if (!body.success) return res.status(400).json({ error: body.error.issues[0]?.message ?? "invalid" });
    // The page's clock: a wall-clock time in Vietnam ("2026-12-08T07:30"), so tomorrow's
    // alerts can be shown today.
    const at = body.data.at === undefined ? new Date() : parseWallClock(body.data.at, deps.timeZone);
    if (!at) return res.status(400).json({ error: `không có ngày giờ ${body.data.at}` });
    await linkAllPersonas(deps.prisma, at);
    const summary = await deps.jobs.run(job, { slot: slotOf(at, deps.timeZone), now: at, force: true });
    res.json(summary);
  });

  router.get("/sandbox/api/messages", (req, res) => {
    const since = Number(req.query.since ?? 0) || 0;
    const userId = String(req.query.zaloUserId ?? "");
    const direct = userId ? deps.fakeZalo.since(since, { type: "user", id: userId }) : [];
    const groups = deps.fakeZalo.since(since).filter((m) => m.recipient.type === "group");
    res.json({ direct, groups, last: deps.fakeZalo.messages.at(-1)?.seq ?? since });
  });
  return router;
}

const SANDBOX_PREFIX = "sandbox-";

async function personas(prisma: Db): Promise<Persona[]> {
  const officials = await prisma.official.findMany({
    where: { active: true },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    include: { department: { select: { name: true } } },
  });
  return [
    { id: "citizen", label: "Người dân", zaloUserId: `${SANDBOX_PREFIX}citizen`, kind: "citizen" },
    ...officials.map((o) => ({
      id: o.id,
      label: `${o.name} — ${o.title}${o.department ? ` (${o.department.name})` : ""}`,
      zaloUserId: `${SANDBOX_PREFIX}official-${o.id}`,
      kind: "official" as const,
      officialId: o.id,
    })),
  ];
}

/**
 * Links every demo official's persona before a job runs, as if each had chatted with the OA
 * recently, so reminders reach them; one (the land officer) last wrote 8 days ago, so the
 * page also shows an alert going to their department's group instead.
 */
async function linkAllPersonas(prisma: Db, at: Date): Promise<void> {
  const officials = await prisma.official.findMany({
    where: { active: true, zaloUser: null },
    select: { id: true, communeId: true, title: true },
  });
  for (const o of officials) {
    const silent = /Địa chính/.test(o.title);
    const lastInteractionAt = new Date(at.getTime() - (silent ? 8 : 0) * 86_400_000);
    await prisma.zaloUser.upsert({
      where: {
        communeId_zaloUserId: { communeId: o.communeId, zaloUserId: `${SANDBOX_PREFIX}official-${o.id}` },
      },
      create: {
        communeId: o.communeId,
        zaloUserId: `${SANDBOX_PREFIX}official-${o.id}`,
        officialId: o.id,
        linkedAt: at,
        lastInteractionAt,
        displayName: "sandbox",
      },
      update: { officialId: o.id, linkedAt: at, lastInteractionAt },
    });
  }
}

/** Binds a demo official's sandbox persona to their record, as linking would in Zalo. */
async function linkPersona(prisma: Db, zaloUserId: string): Promise<void> {
  const match = /^sandbox-official-(.+)$/.exec(zaloUserId);
  if (!match?.[1]) return;
  const official = await prisma.official.findUnique({
    where: { id: match[1] },
    select: { id: true, communeId: true },
  });
  if (!official) return;
  const linked = await prisma.zaloUser.findUnique({ where: { officialId: official.id } });
  if (linked) return;
  await prisma.zaloUser.upsert({
    where: { communeId_zaloUserId: { communeId: official.communeId, zaloUserId } },
    create: {
      communeId: official.communeId,
      zaloUserId,
      officialId: official.id,
      linkedAt: new Date(),
      displayName: "sandbox",
    },
    update: { officialId: official.id, linkedAt: new Date() },
  });
}
