import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import {
  createLinkCode,
  findOfficialByPhone,
  hashLinkCode,
  LINK_RATE_LIMIT,
  normaliseVietnamesePhone,
  redeemLinkCode,
  revokeLinks,
  unlinkZaloUser,
} from "../../../src/domain/officials/link-codes.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { createSmallCommune, type SmallCommune, vn } from "../tasks/small-commune.js";

const NOW = vn("2026-06-15", 9);
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("normaliseVietnamesePhone", () => {
  it.each([
    ["0912 345 678", "0912345678"],
    ["+84912345678", "0912345678"],
    ["+84 912 345 678", "0912345678"],
    ["84912345678", "0912345678"],
    ["0084912345678", "0912345678"],
    ["0912.345.678", "0912345678"],
    ["912345678", "0912345678"],
    ["0200 3 812 345", "02003812345"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseVietnamesePhone(input)).toBe(expected);
  });

  it.each(["", "12345", "09123456789012", "abc", "+1 415 555 0100"])("rejects %j", (input) => {
    expect(normaliseVietnamesePhone(input)).toBeNull();
  });
});

describe.each(providers())("link codes on %s", (provider) => {
  let db: Database;
  let c: SmallCommune;
  let other: SmallCommune;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    c = await createSmallCommune(db.prisma);
    other = await createSmallCommune(db.prisma);
  });

  const redeem = (code: string, zaloUserId = "zalo-1", now = NOW, communeId = c.communeId) =>
    redeemLinkCode(db.prisma, { communeId, zaloUserId, code, now, channel: "zalo" });
  const zaloUser = (zaloUserId: string) =>
    db.prisma.zaloUser.findUnique({
      where: { communeId_zaloUserId: { communeId: c.communeId, zaloUserId } },
    });
  const audits = (action: string, entityId?: string) =>
    db.prisma.auditLog.findMany({
      where: { communeId: c.communeId, action, ...(entityId ? { entityId } : {}) },
      orderBy: { createdAt: "asc" },
    });

  it("creates a 6-digit code stored only as its hash, and revokes the official's earlier codes", async () => {
    const first = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    expect(first.code).toMatch(/^\d{6}$/);
    expect(first.expiresAt).toEqual(new Date(NOW.getTime() + 24 * 3600_000));
    const second = await createLinkCode(db.prisma, c.officials.tp1, { now: minutes(1), ttlMs: 3600_000 });
    expect(second.expiresAt).toEqual(new Date(minutes(1).getTime() + 3600_000));

    const rows = await db.prisma.linkCode.findMany({
      where: { officialId: c.officials.tp1 },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => r.codeHash)).toEqual([hashLinkCode(first.code), hashLinkCode(second.code)]);
    expect(JSON.stringify(rows)).not.toContain(first.code);
    expect(rows[0]!.revokedAt).toEqual(minutes(1));
    expect(rows[1]!.revokedAt).toBeNull();

    const created = await audits("link_code_created", c.officials.tp1);
    expect(created).toHaveLength(2);
    expect(created[1]).toMatchObject({
      entityType: "official",
      actorLabel: "operator",
      channel: "admin_api",
    });
    expect(JSON.parse(created[1]!.after!)).toEqual({
      expiresAt: second.expiresAt.toISOString(),
      revokedCodes: 1,
    });
    expect(created.map((a) => `${a.after}`).join()).not.toContain(second.code);

    // The revoked first code no longer works.
    expect(await redeem(first.code)).toEqual({ ok: false, reason: "revoked" });
    expect((await redeem(second.code)).ok).toBe(true);
  });

  it("refuses to create a code for an unknown or inactive official", async () => {
    await expect(createLinkCode(db.prisma, "nope", { now: NOW })).rejects.toThrow(/No official/);
    await db.prisma.official.update({ where: { id: c.officials.tp2 }, data: { active: false } });
    await expect(createLinkCode(db.prisma, c.officials.tp2, { now: NOW })).rejects.toThrow(/not active/);
  });

  it("binds the Zalo account with a good code, once", async () => {
    const { code } = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    const result = await redeem(` ${code.slice(0, 3)} ${code.slice(3)} `, "zalo-1", minutes(5));
    expect(result).toEqual({
      ok: true,
      official: {
        id: c.officials.tp1,
        communeId: c.communeId,
        name: "Nguyễn Thị Tư",
        title: "Công chức",
        role: "officer",
        departmentId: c.departments.TP,
      },
    });
    expect(await zaloUser("zalo-1")).toMatchObject({ officialId: c.officials.tp1, linkedAt: minutes(5) });
    const stored = await db.prisma.linkCode.findUniqueOrThrow({ where: { codeHash: hashLinkCode(code) } });
    expect(stored.usedAt).toEqual(minutes(5));
    const linked = await audits("linked", "zalo-1");
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({
      actorOfficialId: c.officials.tp1,
      entityType: "zalo_user",
      channel: "zalo",
    });

    // Reused, even by the same account.
    expect(await redeem(code, "zalo-2", minutes(6))).toEqual({ ok: false, reason: "used" });
    expect(await redeem(code, "zalo-1", minutes(6))).toEqual({ ok: false, reason: "used" });
    expect(await zaloUser("zalo-2")).toBeNull();
  });

  it("refuses wrong, expired and other communes' codes, logging each failure", async () => {
    const { code } = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW, ttlMs: 60 * 60_000 });
    const wrong = code === "000000" ? "000001" : "000000";
    expect(await redeem(wrong)).toEqual({ ok: false, reason: "invalid" });
    expect(await redeem("12ab56")).toEqual({ ok: false, reason: "invalid" });
    expect(await redeem(code, "zalo-1", minutes(60))).toEqual({ ok: false, reason: "expired" });
    // A code of this commune's official sent to another commune's OA.
    expect(await redeem(code, "zalo-1", NOW, other.communeId)).toEqual({ ok: false, reason: "invalid" });

    const failed = await audits("link_failed", "zalo-1");
    expect(failed.map((f) => f.note)).toEqual(["invalid", "invalid", "expired"]);
    expect(failed.every((f) => f.entityType === "zalo_user" && f.actorOfficialId === null)).toBe(true);
    expect(await zaloUser("zalo-1")).toBeNull();
  });

  it("refuses a code of an official who has been deactivated", async () => {
    const { code } = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    await db.prisma.official.update({ where: { id: c.officials.tp1 }, data: { active: false } });
    expect(await redeem(code)).toEqual({ ok: false, reason: "invalid" });
  });

  it("rate-limits a Zalo user after 5 failures in 15 minutes, without checking the code", async () => {
    const { code } = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    const wrong = code === "999999" ? "999998" : "999999";
    for (let i = 0; i < LINK_RATE_LIMIT.maxFailures; i++) {
      expect(await redeem(wrong, "zalo-1", minutes(i))).toEqual({ ok: false, reason: "invalid" });
    }
    // Even the right code is refused now, and the code stays unused.
    expect(await redeem(code, "zalo-1", minutes(5))).toEqual({ ok: false, reason: "rate_limited" });
    const stored = await db.prisma.linkCode.findUniqueOrThrow({ where: { codeHash: hashLinkCode(code) } });
    expect(stored.usedAt).toBeNull();
    expect(await audits("link_rate_limited", "zalo-1")).toHaveLength(1);
    // Another Zalo user is not affected.
    expect(await redeem(wrong, "zalo-2", minutes(5))).toEqual({ ok: false, reason: "invalid" });
    // 15 minutes after the first failure, one failure has left the window.
    expect(await redeem(code, "zalo-1", minutes(14))).toEqual({ ok: false, reason: "rate_limited" });
    expect((await redeem(code, "zalo-1", minutes(15))).ok).toBe(true);
  });

  it("moves the binding when the official links another Zalo account", async () => {
    const first = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    expect((await redeem(first.code, "old-phone")).ok).toBe(true);
    const second = await createLinkCode(db.prisma, c.officials.tp1, { now: minutes(10) });
    expect((await redeem(second.code, "new-phone", minutes(11))).ok).toBe(true);

    expect(await zaloUser("old-phone")).toMatchObject({ officialId: null, linkedAt: null });
    expect(await zaloUser("new-phone")).toMatchObject({ officialId: c.officials.tp1, linkedAt: minutes(11) });
    const linked = await audits("linked", "new-phone");
    expect(JSON.parse(linked[0]!.before!)).toEqual({ officialId: null, previousZaloUserId: "old-phone" });
  });

  it("refuses to bind an account already bound to another official, keeping the code usable", async () => {
    const tp1 = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    expect((await redeem(tp1.code, "shared-phone")).ok).toBe(true);
    const tp2 = await createLinkCode(db.prisma, c.officials.tp2, { now: NOW });
    expect(await redeem(tp2.code, "shared-phone")).toEqual({ ok: false, reason: "already_linked_other" });
    expect(await audits("link_failed", "shared-phone")).toHaveLength(0);
    expect(await audits("link_refused", "shared-phone")).toHaveLength(1);
    expect(await zaloUser("shared-phone")).toMatchObject({ officialId: c.officials.tp1 });

    // After unlinking, the same code binds the account to tp2.
    expect(
      await unlinkZaloUser(db.prisma, {
        communeId: c.communeId,
        zaloUserId: "shared-phone",
        channel: "zalo",
      }),
    ).toEqual({ ok: true, officialId: c.officials.tp1 });
    expect((await redeem(tp2.code, "shared-phone")).ok).toBe(true);
    expect(await zaloUser("shared-phone")).toMatchObject({ officialId: c.officials.tp2 });
  });

  it("relinking with a new code of the same official is fine", async () => {
    const a = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    expect((await redeem(a.code)).ok).toBe(true);
    const b = await createLinkCode(db.prisma, c.officials.tp1, { now: minutes(1) });
    expect((await redeem(b.code, "zalo-1", minutes(2))).ok).toBe(true);
    expect(await zaloUser("zalo-1")).toMatchObject({ officialId: c.officials.tp1, linkedAt: minutes(2) });
  });

  it("unlinks a Zalo account and audits who did it", async () => {
    const { code } = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    await redeem(code);
    const result = await unlinkZaloUser(db.prisma, {
      communeId: c.communeId,
      zaloUserId: "zalo-1",
      actor: { label: "operator" },
      channel: "admin_api",
      now: minutes(3),
    });
    expect(result).toEqual({ ok: true, officialId: c.officials.tp1 });
    expect(await zaloUser("zalo-1")).toMatchObject({ officialId: null, linkedAt: null });
    const rows = await audits("unlinked", "zalo-1");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorLabel: "operator", actorOfficialId: null, channel: "admin_api" });
    expect(JSON.parse(rows[0]!.before!)).toEqual({
      officialId: c.officials.tp1,
      linkedAt: NOW.toISOString(),
    });
    expect(
      await unlinkZaloUser(db.prisma, { communeId: c.communeId, zaloUserId: "zalo-1", channel: "zalo" }),
    ).toEqual({ ok: false, reason: "not_linked" });
  });

  it("revokeLinks unbinds the account and revokes unused codes", async () => {
    const used = await createLinkCode(db.prisma, c.officials.tp1, { now: NOW });
    await redeem(used.code);
    const pending = await createLinkCode(db.prisma, c.officials.tp1, { now: minutes(1) });
    const result = await revokeLinks(db.prisma, c.officials.tp1, { label: "operator" }, { now: minutes(2) });
    expect(result).toEqual({ unlinkedZaloUserId: "zalo-1", revokedCodes: 1 });
    expect(await zaloUser("zalo-1")).toMatchObject({ officialId: null });
    expect(await redeem(pending.code, "zalo-1", minutes(3))).toEqual({ ok: false, reason: "revoked" });
    const rows = await audits("links_revoked", c.officials.tp1);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after!)).toEqual({ zaloUserId: null, revokedCodes: 1 });
  });

  it("finds officials by phone however it is written", async () => {
    // The fixture stores dc as "0912 000 004" and mc as "+84912000005".
    expect((await findOfficialByPhone(db.prisma, c.communeId, "0912000002"))?.id).toBe(c.officials.tp1);
    expect((await findOfficialByPhone(db.prisma, c.communeId, "+84 912 000 002"))?.id).toBe(c.officials.tp1);
    expect((await findOfficialByPhone(db.prisma, c.communeId, "84912000004"))?.id).toBe(c.officials.dc);
    const mc = await findOfficialByPhone(db.prisma, c.communeId, "0912.000.005");
    expect(mc).toMatchObject({ id: c.officials.mc, phone: "0912000005", role: "officer" });
    expect(await findOfficialByPhone(db.prisma, c.communeId, "0912999999")).toBeNull();
    expect(await findOfficialByPhone(db.prisma, c.communeId, "not a phone")).toBeNull();
    // Every commune of this database has these numbers: ambiguous without a commune.
    expect(await findOfficialByPhone(db.prisma, undefined, "0912000002")).toBeNull();
  });
});
