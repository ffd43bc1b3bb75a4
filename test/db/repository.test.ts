import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { migrationState } from "../../src/db/migrate.js";
import { createTestDatabase, providers } from "../support/test-database.js";

describe.each(providers())("database on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.close();
  });

  it("has every committed migration applied", async () => {
    expect(await migrationState(db)).toMatchObject({ current: true, pending: [] });
  });

  it("stores a commune with nested rows and reads them back with relations", async () => {
    const commune = await db.prisma.commune.create({
      data: {
        slug: `x-${provider}`,
        name: "Xã Thử Nghiệm",
        kind: "xa",
        departments: { create: [{ code: "VP", name: "Văn phòng – Thống kê" }] },
      },
      include: { departments: true },
    });
    expect(commune.departments).toHaveLength(1);
    const dept = commune.departments[0]!;
    await db.prisma.official.create({
      data: {
        communeId: commune.id,
        departmentId: dept.id,
        name: "Lê Văn A",
        title: "Công chức",
        role: "officer",
        phone: "0912345678",
      },
    });
    const found = await db.prisma.official.findFirstOrThrow({
      where: { communeId: commune.id },
      include: { department: true },
    });
    expect(found.department?.name).toBe("Văn phòng – Thống kê");
  });

  it("keeps instants in UTC round trip", async () => {
    const commune = await db.prisma.commune.create({
      data: { slug: `t-${provider}`, name: "X", kind: "xa" },
    });
    const receivedAt = new Date("2026-02-13T09:15:00.000Z");
    const d = await db.prisma.dossier.create({
      data: {
        communeId: commune.id,
        receiptCode: "000.00.00.H01-260213-0001",
        procedureName: "Đăng ký khai sinh",
        applicantName: "Nguyễn Thị B",
        channel: "direct",
        receivedAt,
        processingDays: 3,
        dueAt: new Date("2026-02-25T10:00:00.000Z"),
        status: "processing",
      },
    });
    const back = await db.prisma.dossier.findUniqueOrThrow({ where: { id: d.id } });
    expect(back.receivedAt.toISOString()).toBe(receivedAt.toISOString());
  });

  it("enforces one receipt code per commune", async () => {
    const commune = await db.prisma.commune.create({
      data: { slug: `u-${provider}`, name: "X", kind: "xa" },
    });
    const row = {
      communeId: commune.id,
      receiptCode: "DUP-1",
      procedureName: "P",
      applicantName: "A",
      channel: "online",
      receivedAt: new Date(),
      processingDays: 1,
      dueAt: new Date(),
      status: "received",
    };
    await db.prisma.dossier.create({ data: row });
    await expect(db.prisma.dossier.create({ data: row })).rejects.toThrow(/Unique constraint/);
  });

  it("cascades a commune's rows when it is deleted (foreign keys are enforced)", async () => {
    const commune = await db.prisma.commune.create({
      data: {
        slug: `c-${provider}`,
        name: "X",
        kind: "xa",
        departments: { create: [{ code: "TP", name: "Tư pháp" }] },
      },
    });
    await db.prisma.commune.delete({ where: { id: commune.id } });
    expect(await db.prisma.department.count({ where: { communeId: commune.id } })).toBe(0);
  });

  it("keeps work from outside a transaction out of it: a rollback loses only the transaction's rows", async () => {
    const inside = db.prisma
      .$transaction(async (tx) => {
        await tx.commune.create({ data: { slug: `in-tx-${provider}`, name: "A", kind: "xa" } });
        await new Promise((r) => setTimeout(r, 50));
        throw new Error("rollback");
      })
      .catch((error: Error) => error.message);
    await new Promise((r) => setTimeout(r, 10));
    await db.prisma.commune.create({ data: { slug: `outside-${provider}`, name: "B", kind: "xa" } });
    const rows = await db.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS n FROM "Commune" WHERE slug = '${"outside-" + provider}'`,
    );
    expect(await inside).toBe("rollback");
    expect(Number(rows[0]!.n)).toBe(1);
    expect(await db.prisma.commune.count({ where: { slug: `in-tx-${provider}` } })).toBe(0);
  });
});
