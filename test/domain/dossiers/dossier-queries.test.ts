import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import {
  CLOSED_DOSSIER_STATUSES,
  findDossierByReceiptCode,
  isOpenDossierStatus,
  listDossiers,
} from "../../../src/domain/dossiers/dossier-queries.js";
import { publicDossierStatus } from "../../../src/domain/dossiers/public-status.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { addDossier, at17, createSmallCommune, type SmallCommune, vn } from "../tasks/small-commune.js";

const NOW = vn("2026-06-15", 10);
const ALL = { offset: 0, limit: 100 };
const receipts = (items: readonly { receiptCode: string }[]) => items.map((d) => d.receiptCode);

describe("dossier statuses", () => {
  it("treats completed, returned, withdrawn and rejected as closed", () => {
    expect([...CLOSED_DOSSIER_STATUSES].sort()).toEqual(["completed", "rejected", "returned", "withdrawn"]);
    expect(["received", "processing", "supplement"].every(isOpenDossierStatus)).toBe(true);
    expect(CLOSED_DOSSIER_STATUSES.some(isOpenDossierStatus)).toBe(false);
  });
});

describe.each(providers())("dossier queries on %s", (provider) => {
  let db: Database;
  let c: SmallCommune;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    c = await createSmallCommune(db.prisma);
    const add = (
      code: string,
      due: string,
      status: string,
      handler: keyof SmallCommune["officials"] | null,
      department: keyof SmallCommune["departments"],
    ) =>
      addDossier(db.prisma, c.communeId, {
        receiptCode: `000.00.21.H45-${code}`,
        receivedAt: vn("2026-06-08"),
        dueAt: at17(due),
        status,
        returnedAt: ["returned", "completed", "rejected"].includes(status) ? vn("2026-06-10") : null,
        handlerId: handler ? c.officials[handler] : null,
        departmentId: c.departments[department],
      });
    await add("260608-0001", "2026-06-10", "returned", "tp1", "TP");
    await add("260608-0002", "2026-06-11", "processing", "tp1", "TP"); // overdue
    await add("260608-0003", "2026-06-12", "supplement", "tp2", "TP"); // overdue
    await add("260608-0004", "2026-06-15", "received", null, "TP"); // due today 17:00
    await add("260608-0005", "2026-06-18", "processing", "dc", "DCXD");
    await add("260608-0006", "2026-06-09", "withdrawn", "dc", "DCXD");
    await add("260608-0007", "2026-06-16", "processing", "mc", "MC");
    await add("260609-0001", "2026-06-19", "completed", "tp1", "TP");
    // Same suffix as 260608-0001 under another unit prefix: the suffix alone is ambiguous.
    await add("X.99-260608-0002", "2026-06-20", "processing", "dc", "DCXD");
    const other = await createSmallCommune(db.prisma);
    await addDossier(db.prisma, other.communeId, {
      receiptCode: "000.00.21.H45-260608-0009",
      receivedAt: vn("2026-06-08"),
      dueAt: at17("2026-06-09"),
      status: "processing",
    });
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const suffixes = (items: readonly { receiptCode: string }[]) => receipts(items).map((r) => r.slice(-11));

  it("lists open dossiers by due date for the one-stop desk and leaders", async () => {
    for (const key of ["mc", "leader"] as const) {
      const { items, total } = await listDossiers(db.prisma, c.actor(key), {}, ALL);
      expect(suffixes(items)).toEqual([
        "260608-0002",
        "260608-0003",
        "260608-0004",
        "260608-0007",
        "260608-0005",
        "260608-0002",
      ]);
      expect(total).toBe(6);
    }
    const all = await listDossiers(db.prisma, c.actor("leader"), { open: false }, ALL);
    expect(all.total).toBe(9);
    expect(all.items[0]).toMatchObject({
      receiptCode: "000.00.21.H45-260608-0006",
      status: "withdrawn",
      handler: { id: c.officials.dc },
      department: { code: "DCXD" },
    });
    expect(all.items[0]).not.toHaveProperty("applicantPhone");
  });

  it("limits officers to what they handle and their department's unassigned dossiers", async () => {
    const tp1 = await listDossiers(db.prisma, c.actor("tp1"), {}, ALL);
    expect(suffixes(tp1.items)).toEqual(["260608-0002", "260608-0004"]);
    const dc = await listDossiers(db.prisma, c.actor("dc"), { open: false }, ALL);
    expect(suffixes(dc.items)).toEqual(["260608-0006", "260608-0005", "260608-0002"]);
  });

  it("filters overdue dossiers and due ranges, and pages", async () => {
    const overdue = await listDossiers(db.prisma, c.actor("mc"), { overdueAt: NOW }, ALL);
    expect(suffixes(overdue.items)).toEqual(["260608-0002", "260608-0003"]);
    // Overdue is about open dossiers even when open: false is asked.
    const overdueAll = await listDossiers(db.prisma, c.actor("mc"), { overdueAt: NOW, open: false }, ALL);
    expect(overdueAll.total).toBe(2);
    const thisWeek = await listDossiers(
      db.prisma,
      c.actor("leader"),
      { dueFrom: vn("2026-06-15", 0), dueTo: vn("2026-06-18", 0) },
      ALL,
    );
    expect(suffixes(thisWeek.items)).toEqual(["260608-0004", "260608-0007"]);
    const page = await listDossiers(db.prisma, c.actor("leader"), {}, { offset: 2, limit: 2 });
    expect(suffixes(page.items)).toEqual(["260608-0004", "260608-0007"]);
    expect(page.total).toBe(6);
  });

  it("finds a dossier by its full receipt code or a unique suffix, within scope", async () => {
    const leader = c.actor("leader");
    const full = await findDossierByReceiptCode(db.prisma, leader, " 000.00.21.h45-260608-0005 ");
    expect(full).toMatchObject({ ok: true, dossier: { receiptCode: "000.00.21.H45-260608-0005" } });
    for (const typed of ["260608-0005", "260608-5", "H45-260608-0005"]) {
      expect(await findDossierByReceiptCode(db.prisma, leader, typed), typed).toMatchObject({
        ok: true,
        dossier: { receiptCode: "000.00.21.H45-260608-0005" },
      });
    }
    expect(await findDossierByReceiptCode(db.prisma, leader, "260608-0002")).toEqual({
      ok: false,
      reason: "ambiguous",
    });
    // tp1 handles only one of the two "260608-0002": for tp1 it is unique.
    expect(await findDossierByReceiptCode(db.prisma, c.actor("tp1"), "260608-0002")).toMatchObject({
      ok: true,
      dossier: { receiptCode: "000.00.21.H45-260608-0002" },
    });
    // Someone else's dossier, another commune's, and nonsense are not found.
    expect(await findDossierByReceiptCode(db.prisma, c.actor("tp1"), "260608-0005")).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await findDossierByReceiptCode(db.prisma, leader, "260608-0009")).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await findDossierByReceiptCode(db.prisma, leader, "hello")).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await findDossierByReceiptCode(db.prisma, leader, "")).toEqual({ ok: false, reason: "not_found" });
  });

  it("tells a citizen the status by the same rule, but not from a short guess or an ambiguous tail", async () => {
    const status = (typed: string) => publicDossierStatus(db.prisma, c.communeId, typed);
    expect(await status("000.00.21.h45-260608-0005")).toMatchObject({
      receiptCode: "000.00.21.H45-260608-0005",
    });
    expect(await status("260608-0005")).toMatchObject({ receiptCode: "000.00.21.H45-260608-0005" });
    expect(await status("260608-5")).toBeNull();
    expect(await status("260608-0002")).toBeNull();
    expect(await status("0260608-0005")).toBeNull();
    // A prefix that is not this dossier's does not find it.
    expect(await status("H46-260608-0005")).toBeNull();
    expect(await status("h45-260608-0005")).toMatchObject({ receiptCode: "000.00.21.H45-260608-0005" });
  });
});
