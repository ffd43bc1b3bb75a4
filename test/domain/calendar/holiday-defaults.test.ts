import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { Database } from "../../../src/db/client.js";
import { seedNationalHolidayDefaults } from "../../../src/domain/calendar/holiday-defaults.js";
import { publicHolidays } from "../../../src/domain/calendar/vietnam-holidays.js";
import { createLogger } from "../../../src/logger.js";
import { startService } from "../../../src/service.js";
import { createTestDatabase, freshSqliteUrl, providers } from "../../support/test-database.js";

// 00:30 on 1/1/2027 in Hà Nội, still 31/12/2026 in UTC: "this year" is 2027 in Việt Nam.
const NEW_YEAR_NIGHT = new Date("2026-12-31T17:30:00Z");

const nationalIds = async (db: Database) =>
  (await db.prisma.holiday.findMany({ where: { communeId: null }, orderBy: { date: "asc" } })).map(
    (h) => h.id,
  );

describe.each(providers())("seedNationalHolidayDefaults on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  beforeEach(async () => {
    await db.prisma.holiday.deleteMany();
  });
  afterAll(() => db.close());

  it("writes this year's and next year's defaults (Vietnam time) under stable ids, once", async () => {
    const first = await seedNationalHolidayDefaults(db.prisma, NEW_YEAR_NIGHT);
    expect(first).toEqual([
      { year: 2027, written: publicHolidays(2027).length },
      { year: 2028, written: publicHolidays(2028).length },
    ]);
    const expected = [...publicHolidays(2027), ...publicHolidays(2028)].map((h) => `vn-${h.date}`);
    expect(await nationalIds(db)).toEqual(expected);
    const stored = await db.prisma.holiday.findUniqueOrThrow({ where: { id: "vn-2027-02-06" } });
    expect(stored).toMatchObject({ name: "Tết Nguyên Đán (mùng 1)", kind: "holiday", communeId: null });

    const again = await seedNationalHolidayDefaults(db.prisma, NEW_YEAR_NIGHT);
    expect(again).toEqual([
      { year: 2027, written: 0 },
      { year: 2028, written: 0 },
    ]);
    expect(await nationalIds(db)).toEqual(expected);
  });

  it("never overwrites an operator's edit of a stored year", async () => {
    await seedNationalHolidayDefaults(db.prisma, NEW_YEAR_NIGHT);
    await db.prisma.holiday.delete({ where: { id: "vn-2027-02-11" } });
    await db.prisma.holiday.update({ where: { id: "vn-2027-02-10" }, data: { name: "Đã sửa" } });
    await seedNationalHolidayDefaults(db.prisma, NEW_YEAR_NIGHT);
    expect(await db.prisma.holiday.findUnique({ where: { id: "vn-2027-02-11" } })).toBeNull();
    expect((await db.prisma.holiday.findUniqueOrThrow({ where: { id: "vn-2027-02-10" } })).name).toBe(
      "Đã sửa",
    );
  });

  it("leaves a year alone when it holds any national row, and ignores commune rows", async () => {
    await db.prisma.commune.upsert({
      where: { slug: "s" },
      create: { id: "c-s", slug: "s", name: "Xã S", kind: "xa" },
      update: {},
    });
    await db.prisma.holiday.createMany({
      data: [
        { id: "mine", communeId: null, date: "2027-05-01", name: "Ngày Quốc tế Lao động", kind: "holiday" },
        { id: "c-s-2028-03-15", communeId: "c-s", date: "2028-03-15", name: "Lễ hội", kind: "holiday" },
      ],
    });
    const result = await seedNationalHolidayDefaults(db.prisma, NEW_YEAR_NIGHT);
    expect(result).toEqual([
      { year: 2027, written: 0 },
      { year: 2028, written: publicHolidays(2028).length },
    ]);
    expect(await db.prisma.holiday.count({ where: { communeId: null, date: { startsWith: "2027-" } } })).toBe(
      1,
    );
  });
});

describe("service start-up", () => {
  it("seeds the national defaults of this year and next after migrating", async () => {
    const config = loadConfig({ DATABASE_URL: freshSqliteUrl(), PORT: "0", SEED_DEMO: "false" });
    const service = await startService(config, createLogger("silent"), { now: () => NEW_YEAR_NIGHT });
    try {
      const rows = await service.db.prisma.holiday.findMany({ select: { date: true } });
      const years = new Set(rows.map((r) => r.date.slice(0, 4)));
      expect([...years].sort()).toEqual(["2027", "2028"]);
      expect(rows).toHaveLength(publicHolidays(2027).length + publicHolidays(2028).length);
    } finally {
      await service.stop();
    }
  });
});
