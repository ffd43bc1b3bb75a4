/**
 * Who may open the web console (/console), and for how long.
 *
 * - The operator signs in with the admin token; a leader asks in chat ("mở bảng điều khiển")
 *   and gets a one-time link. A link is a random token stored only as sha256, valid
 *   CONSOLE_LINK_TTL_MS, and spent by its first use (a second use is refused).
 * - Either way a session follows: a random token in an HttpOnly cookie (stored as sha256),
 *   valid CONSOLE_SESSION_TTL_MS, with a CSRF token every change must send back.
 * - Link creation and sign-ins are audited; tokens never are.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import { type Actor, loadActor } from "../officials/scope.js";

export const CONSOLE_LINK_TTL_MS = 10 * 60 * 1000;
export const CONSOLE_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export type ConsoleRole = "operator" | "official";

export interface ConsoleSessionInfo {
  id: string;
  role: ConsoleRole;
  csrfToken: string;
  expiresAt: Date;
  /** The official a leader's session acts as; null for the operator. */
  actor: Actor | null;
  officialName: string | null;
}

const token = () => randomBytes(32).toString("base64url");

export function hashConsoleToken(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** A one-time link token for an active official; the official's earlier unused links are spent. */
export async function createConsoleLink(
  prisma: Db,
  officialId: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const value = token();
  const expiresAt = new Date(now.getTime() + CONSOLE_LINK_TTL_MS);
  const official = await prisma.official.findUniqueOrThrow({
    where: { id: officialId },
    select: { communeId: true },
  });
  await prisma.$transaction([
    prisma.consoleLink.updateMany({ where: { officialId, usedAt: null }, data: { usedAt: now } }),
    prisma.consoleLink.create({
      data: { officialId, tokenHash: hashConsoleToken(value), expiresAt, createdAt: now },
    }),
    prisma.auditLog.create({
      data: {
        communeId: official.communeId,
        actorOfficialId: officialId,
        channel: "zalo",
        entityType: "official",
        entityId: officialId,
        action: "console_link_created",
        after: JSON.stringify({ expiresAt: expiresAt.toISOString() }),
        createdAt: now,
      },
    }),
  ]);
  return { token: value, expiresAt };
}

export type RedeemedLink =
  { ok: true; officialId: string } | { ok: false; reason: "unknown" | "expired" | "used" | "inactive" };

/** Spends a link: the first use wins (a conditional update), any later one is refused. */
export async function redeemConsoleLink(prisma: Db, value: string, now: Date): Promise<RedeemedLink> {
  const link = await prisma.consoleLink.findUnique({ where: { tokenHash: hashConsoleToken(value) } });
  if (!link) return { ok: false, reason: "unknown" };
  if (link.usedAt) return { ok: false, reason: "used" };
  if (link.expiresAt <= now) return { ok: false, reason: "expired" };
  const spent = await prisma.consoleLink.updateMany({
    where: { id: link.id, usedAt: null },
    data: { usedAt: now },
  });
  if (spent.count !== 1) return { ok: false, reason: "used" };
  const actor = await loadActor(prisma, link.officialId);
  if (!actor) return { ok: false, reason: "inactive" };
  return { ok: true, officialId: link.officialId };
}

/** A new session; the token goes into the cookie and is not stored. */
export async function createConsoleSession(
  prisma: Db,
  who: { role: "operator" } | { role: "official"; officialId: string },
  now: Date,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const value = token();
  const csrfToken = token();
  const expiresAt = new Date(now.getTime() + CONSOLE_SESSION_TTL_MS);
  const officialId = who.role === "official" ? who.officialId : null;
  await prisma.consoleSession.create({
    data: {
      tokenHash: hashConsoleToken(value),
      kind: who.role,
      officialId,
      csrfToken,
      expiresAt,
      createdAt: now,
    },
  });
  if (officialId) {
    const official = await prisma.official.findUniqueOrThrow({
      where: { id: officialId },
      select: { communeId: true },
    });
    await prisma.auditLog.create({
      data: {
        communeId: official.communeId,
        actorOfficialId: officialId,
        channel: "console",
        entityType: "official",
        entityId: officialId,
        action: "console_signed_in",
        createdAt: now,
      },
    });
  }
  // Expired sessions have no use: cleared as new ones are made.
  await prisma.consoleSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return { token: value, csrfToken, expiresAt };
}

/** The live session a cookie's token names, or null (unknown, expired, or its official gone). */
export async function findConsoleSession(
  prisma: Db,
  value: string,
  now: Date,
): Promise<ConsoleSessionInfo | null> {
  const row = await prisma.consoleSession.findUnique({
    where: { tokenHash: hashConsoleToken(value) },
    include: { official: { select: { name: true } } },
  });
  if (!row || row.expiresAt <= now) return null;
  let actor: Actor | null = null;
  if (row.officialId) {
    actor = await loadActor(prisma, row.officialId);
    // Only leaders get links; one who is no longer a leader loses the session too.
    if (!actor || actor.role !== "leader") return null;
  }
  return {
    id: row.id,
    role: row.kind === "official" ? "official" : "operator",
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    actor,
    officialName: row.official?.name ?? null,
  };
}

export async function endConsoleSession(prisma: Db, id: string): Promise<void> {
  await prisma.consoleSession.deleteMany({ where: { id } });
}
