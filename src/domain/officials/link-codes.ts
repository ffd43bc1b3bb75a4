/**
 * Binding an official's Zalo account: the operator creates a one-time 6-digit code, the
 * official sends "đăng ký 482913" to the OA from their own Zalo, and the account is bound.
 *
 * - Codes are stored only as sha256; a new code revokes the official's earlier unused ones.
 * - Guessing is rate-limited without a table of its own: failed attempts are AuditLog rows
 *   (action "link_failed", entityType "zalo_user", entityId = the Zalo user id), and a Zalo
 *   user with 5 of them in the last 15 minutes is refused before the code is even looked at.
 * - An official has one Zalo account: binding a new one unbinds the previous one.
 * - Every outcome is audited; the code itself never is.
 */
import { createHash, randomInt } from "node:crypto";
import type { Db, Prisma } from "../../db/client.js";
import { type AuditActor, auditActorColumns, type Channel, type OfficialRole, parseRole } from "./scope.js";

type Tx = Prisma.TransactionClient;

export const LINK_CODE_TTL_MS = 24 * 60 * 60 * 1000;
export const LINK_RATE_LIMIT = { maxFailures: 5, windowMs: 15 * 60 * 1000 } as const;
export const LINK_FAILED_ACTION = "link_failed";

const CODE_DIGITS = 6;

export function hashLinkCode(code: string): string {
  return createHash("sha256").update(code, "utf8").digest("hex");
}

/** "482 913", "482-913" → "482913"; null when it is not 6 digits. */
export function normaliseLinkCode(text: string): string | null {
  const digits = text.replace(/[\s.-]/g, "");
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export interface CreateLinkCodeOptions {
  now: Date;
  ttlMs?: number;
  /** Who asked for the code; the operator by default. */
  actor?: AuditActor;
  channel?: Channel;
}

/**
 * A new code for `officialId`, valid `ttlMs` (24 h). Shown once to the operator and never
 * stored in clear. Throws when the official does not exist or is inactive (operator error).
 */
export async function createLinkCode(
  prisma: Db,
  officialId: string,
  options: CreateLinkCodeOptions,
): Promise<{ code: string; expiresAt: Date }> {
  const { now } = options;
  const expiresAt = new Date(now.getTime() + (options.ttlMs ?? LINK_CODE_TTL_MS));
  return prisma.$transaction(async (tx) => {
    const official = await tx.official.findUnique({
      where: { id: officialId },
      select: { id: true, communeId: true, active: true },
    });
    if (!official) throw new Error(`No official ${officialId}`);
    if (!official.active) throw new Error(`Official ${officialId} is not active`);

    const { code, codeHash } = await drawUnusedCode(tx);
    const revoked = await tx.linkCode.updateMany({
      where: { officialId, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.linkCode.create({ data: { officialId, codeHash, expiresAt, createdAt: now } });
    await tx.auditLog.create({
      data: {
        communeId: official.communeId,
        ...auditActorColumns(options.actor ?? { label: "operator" }),
        channel: options.channel ?? "admin_api",
        entityType: "official",
        entityId: officialId,
        action: "link_code_created",
        after: JSON.stringify({ expiresAt: expiresAt.toISOString(), revokedCodes: revoked.count }),
        createdAt: now,
      },
    });
    return { code, expiresAt };
  });
}

/** codeHash is unique over every code ever issued: draw again on the rare collision. */
async function drawUnusedCode(tx: Tx): Promise<{ code: string; codeHash: string }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, "0");
    const codeHash = hashLinkCode(code);
    const taken = await tx.linkCode.findUnique({ where: { codeHash }, select: { id: true } });
    if (!taken) return { code, codeHash };
  }
  throw new Error("Could not draw an unused link code");
}

export interface LinkedOfficial {
  id: string;
  communeId: string;
  name: string;
  title: string;
  role: OfficialRole;
  departmentId: string | null;
}

export type RedeemFailure =
  "invalid" | "expired" | "used" | "revoked" | "rate_limited" | "already_linked_other";

export type RedeemResult = { ok: true; official: LinkedOfficial } | { ok: false; reason: RedeemFailure };

export interface RedeemInput {
  communeId: string;
  /** The OA-scoped Zalo user id of the sender. */
  zaloUserId: string;
  /** What the user typed after "đăng ký"; spaces and dashes are ignored. */
  code: string;
  now: Date;
  channel: Channel;
}

/**
 * Binds the sending Zalo account to the official whose code it is. Refusals:
 * - "rate_limited": 5 failed attempts by this Zalo user in the last 15 minutes (the code is
 *   not even checked);
 * - "invalid": no such code, or a code of another commune's official (not told apart, so
 *   nothing leaks), or the official is no longer active;
 * - "expired" / "used" / "revoked": the code's state;
 * - "already_linked_other": this Zalo account is bound to another official; it must be
 *   unlinked first. The code stays usable and the attempt does not count as a failure.
 */
export async function redeemLinkCode(prisma: Db, input: RedeemInput): Promise<RedeemResult> {
  const { communeId, zaloUserId, now, channel } = input;
  return prisma.$transaction(async (tx) => {
    const audit = (
      action: string,
      fields: { actorOfficialId?: string; note?: string; before?: unknown; after?: unknown },
    ) =>
      tx.auditLog.create({
        data: {
          communeId,
          actorOfficialId: fields.actorOfficialId ?? null,
          actorLabel: fields.actorOfficialId ? null : "zalo_user",
          channel,
          entityType: "zalo_user",
          entityId: zaloUserId,
          action,
          before: fields.before === undefined ? null : JSON.stringify(fields.before),
          after: fields.after === undefined ? null : JSON.stringify(fields.after),
          note: fields.note ?? null,
          createdAt: now,
        },
      });
    const fail = async (reason: RedeemFailure, codeId?: string): Promise<RedeemResult> => {
      await audit(LINK_FAILED_ACTION, { note: reason, ...(codeId ? { after: { linkCodeId: codeId } } : {}) });
      return { ok: false, reason };
    };

    const failures = await recentLinkFailures(tx, communeId, zaloUserId, now);
    if (failures >= LINK_RATE_LIMIT.maxFailures) {
      // Logged for the operator, but not as a failure: it would extend the lock forever.
      await audit("link_rate_limited", { note: `${failures} failed attempts in 15 minutes` });
      return { ok: false, reason: "rate_limited" };
    }

    const code = normaliseLinkCode(input.code);
    if (!code) return fail("invalid");
    const row = await tx.linkCode.findUnique({
      where: { codeHash: hashLinkCode(code) },
      include: {
        official: {
          select: {
            id: true,
            communeId: true,
            name: true,
            title: true,
            role: true,
            departmentId: true,
            active: true,
          },
        },
      },
    });
    if (!row || row.official.communeId !== communeId || !row.official.active) return fail("invalid");
    if (row.usedAt) return fail("used", row.id);
    if (row.revokedAt) return fail("revoked", row.id);
    if (row.expiresAt.getTime() <= now.getTime()) return fail("expired", row.id);
    const official = row.official;

    const current = await tx.zaloUser.findUnique({
      where: { communeId_zaloUserId: { communeId, zaloUserId } },
      select: { officialId: true },
    });
    if (current?.officialId && current.officialId !== official.id) {
      await audit("link_refused", {
        note: "already_linked_other",
        after: { officialId: official.id, linkedOfficialId: current.officialId },
      });
      return { ok: false, reason: "already_linked_other" };
    }

    // Consume the code; a concurrent redemption of the same code finds it used.
    const consumed = await tx.linkCode.updateMany({
      where: { id: row.id, usedAt: null, revokedAt: null },
      data: { usedAt: now },
    });
    if (consumed.count !== 1) return fail("used", row.id);

    // One Zalo account per official: unbind the previous one before binding this one
    // (ZaloUser.officialId is unique).
    const previous = await tx.zaloUser.findFirst({
      where: { officialId: official.id, NOT: { communeId, zaloUserId } },
      select: { id: true, zaloUserId: true },
    });
    if (previous) {
      await tx.zaloUser.update({ where: { id: previous.id }, data: { officialId: null, linkedAt: null } });
    }
    await tx.zaloUser.upsert({
      where: { communeId_zaloUserId: { communeId, zaloUserId } },
      create: { communeId, zaloUserId, officialId: official.id, linkedAt: now, lastInteractionAt: now },
      update: { officialId: official.id, linkedAt: now },
    });
    await audit("linked", {
      actorOfficialId: official.id,
      before: { officialId: current?.officialId ?? null, previousZaloUserId: previous?.zaloUserId ?? null },
      after: { officialId: official.id, linkCodeId: row.id },
    });
    return {
      ok: true,
      official: {
        id: official.id,
        communeId: official.communeId,
        name: official.name,
        title: official.title,
        role: parseRole(official.role),
        departmentId: official.departmentId,
      },
    };
  });
}

/** Failed link attempts of a Zalo user within the rate-limit window ending at `now`. */
export function recentLinkFailures(prisma: Db | Tx, communeId: string, zaloUserId: string, now: Date) {
  return prisma.auditLog.count({
    where: {
      communeId,
      entityType: "zalo_user",
      entityId: zaloUserId,
      action: LINK_FAILED_ACTION,
      createdAt: { gt: new Date(now.getTime() - LINK_RATE_LIMIT.windowMs), lte: now },
    },
  });
}

export type UnlinkResult = { ok: true; officialId: string } | { ok: false; reason: "not_linked" };

/**
 * Unbinds a Zalo account ("hủy liên kết"). Without `actor` the bound official is recorded
 * as having done it themselves (from the chat).
 */
export async function unlinkZaloUser(
  prisma: Db,
  input: { communeId: string; zaloUserId: string; actor?: AuditActor; channel: Channel; now?: Date },
): Promise<UnlinkResult> {
  const { communeId, zaloUserId, channel } = input;
  const now = input.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const row = await tx.zaloUser.findUnique({
      where: { communeId_zaloUserId: { communeId, zaloUserId } },
      select: { id: true, officialId: true, linkedAt: true },
    });
    if (!row?.officialId) return { ok: false, reason: "not_linked" };
    await tx.zaloUser.update({ where: { id: row.id }, data: { officialId: null, linkedAt: null } });
    await tx.auditLog.create({
      data: {
        communeId,
        ...auditActorColumns(input.actor ?? { officialId: row.officialId }),
        channel,
        entityType: "zalo_user",
        entityId: zaloUserId,
        action: "unlinked",
        before: JSON.stringify({ officialId: row.officialId, linkedAt: row.linkedAt?.toISOString() ?? null }),
        after: JSON.stringify({ officialId: null }),
        createdAt: now,
      },
    });
    return { ok: true, officialId: row.officialId };
  });
}

/**
 * Operator: cuts an official off the chat (lost phone, left the job): unbinds their Zalo
 * account and revokes their unused codes. Throws when the official does not exist.
 */
export async function revokeLinks(
  prisma: Db,
  officialId: string,
  actor: AuditActor,
  options: { now?: Date; channel?: Channel } = {},
): Promise<{ unlinkedZaloUserId: string | null; revokedCodes: number }> {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const official = await tx.official.findUnique({
      where: { id: officialId },
      select: { communeId: true, zaloUser: { select: { id: true, zaloUserId: true } } },
    });
    if (!official) throw new Error(`No official ${officialId}`);
    const bound = official.zaloUser;
    if (bound) {
      await tx.zaloUser.update({ where: { id: bound.id }, data: { officialId: null, linkedAt: null } });
    }
    const revoked = await tx.linkCode.updateMany({
      where: { officialId, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.auditLog.create({
      data: {
        communeId: official.communeId,
        ...auditActorColumns(actor),
        channel: options.channel ?? "admin_api",
        entityType: "official",
        entityId: officialId,
        action: "links_revoked",
        before: JSON.stringify({ zaloUserId: bound?.zaloUserId ?? null }),
        after: JSON.stringify({ zaloUserId: null, revokedCodes: revoked.count }),
        createdAt: now,
      },
    });
    return { unlinkedZaloUserId: bound?.zaloUserId ?? null, revokedCodes: revoked.count };
  });
}

// ---------------------------------------------------------------------------
// Phones

/**
 * A Vietnamese mobile or landline number in its national form: "0912 345 678",
 * "+84 912 345 678", "84912345678", "0084912345678" → "0912345678". Null when the
 * text is not a plausible number (9–10 digits after the leading 0).
 */
export function normaliseVietnamesePhone(text: string): string | null {
  let digits = text.trim().replace(/[\s.()-]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("00")) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith("84") && digits.length >= 11) digits = `0${digits.slice(2)}`;
  else if (!digits.startsWith("0") && digits.length === 9) digits = `0${digits}`;
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}

export interface OfficialByPhone {
  id: string;
  communeId: string;
  name: string;
  title: string;
  role: OfficialRole;
  departmentId: string | null;
  phone: string;
  active: boolean;
}

/**
 * The official with this phone number, however either side writes it. `communeId`
 * undefined searches every commune; a number found in several communes gives null.
 */
export async function findOfficialByPhone(
  prisma: Db,
  communeId: string | undefined,
  phone: string,
): Promise<OfficialByPhone | null> {
  const wanted = normaliseVietnamesePhone(phone);
  if (!wanted) return null;
  // Officials are a few dozen per commune, and stored numbers may be written any way.
  const rows = await prisma.official.findMany({
    where: { ...(communeId === undefined ? {} : { communeId }), phone: { not: null } },
    select: {
      id: true,
      communeId: true,
      name: true,
      title: true,
      role: true,
      departmentId: true,
      phone: true,
      active: true,
    },
  });
  const matches = rows.filter((r) => r.phone !== null && normaliseVietnamesePhone(r.phone) === wanted);
  if (new Set(matches.map((m) => m.communeId)).size > 1) return null;
  // Within a commune a number is unique as written, but two spellings of it may not be:
  // prefer the one active official.
  const active = matches.filter((m) => m.active);
  const pick = active.length === 1 ? active[0] : matches.length === 1 ? matches[0] : undefined;
  if (!pick) return null;
  return { ...pick, phone: wanted, role: parseRole(pick.role) };
}
