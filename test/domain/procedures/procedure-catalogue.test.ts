import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { parseCatalogueRecord } from "../../../src/domain/procedures/catalogue-record.js";
import { readCatalogue } from "../../../src/domain/procedures/catalogue-source.js";
import { importCatalogue } from "../../../src/domain/procedures/import-catalogue.js";
import { ProcedureCatalogue } from "../../../src/domain/procedures/procedure-catalogue.js";
import { ProcedureIndex } from "../../../src/domain/procedures/search/procedure-index.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { CATALOGUE_PATH, realRecord } from "./real-catalogue.js";

const QUESTIONS = [
  "làm giấy khai sinh cho con cần gì",
  "dang ky ket hon o dau",
  "sao y giấy tờ mất bao nhiêu tiền",
  "nhập hộ khẩu cho vợ",
  "xin giấy xác nhận tình trạng hôn nhân để đi làm",
  "hỗ trợ phát triển sản xuất",
];

describe.each(providers())("the catalogue the bot answers from, on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await importCatalogue(db.prisma, readCatalogue(CATALOGUE_PATH));
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("searches exactly as an index built from the whole records, though it reads the table a page at a time and keeps only what the index needs", async () => {
    // The whole records, all at once, in the table's order (as the catalogue was read before).
    const rows = await db.prisma.procedure.findMany({
      where: { active: true },
      select: { details: true },
      orderBy: { code: "asc" },
    });
    expect(rows.length).toBeGreaterThan(100); // several pages
    const records = rows
      .map((row) => parseCatalogueRecord(JSON.parse(row.details)))
      .flatMap((p) => (p.ok ? [p.record] : []));
    const whole = ProcedureIndex.build(records);
    const catalogue = await ProcedureCatalogue.load(db.prisma);
    expect(catalogue.size).toBe(new Set(records.map((r) => r.code)).size);
    for (const question of QUESTIONS)
      expect(catalogue.search(question), question).toEqual(whole.search(question, { limit: 5 }));
  });

  it("reads a procedure's full record when answering, and none once it is withdrawn", async () => {
    const catalogue = await ProcedureCatalogue.load(db.prisma);
    const parsed = parseCatalogueRecord(realRecord("1.001193"));
    expect(parsed.ok).toBe(true);
    expect(await catalogue.record("1.001193")).toEqual(parsed.ok ? parsed.record : null);
    expect(await catalogue.record("9.999999")).toBeUndefined();

    await db.prisma.procedure.update({ where: { code: "1.001193" }, data: { active: false } });
    expect(await catalogue.record("1.001193")).toBeUndefined();
  });
});
