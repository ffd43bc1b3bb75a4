import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { readCatalogue } from "../../../src/domain/procedures/catalogue-source.js";
import { importCatalogue } from "../../../src/domain/procedures/import-catalogue.js";
import { createTestDatabase, providers } from "../../support/test-database.js";
import { BadLine, CATALOGUE_PATH, realRecord, rowsOf } from "./real-catalogue.js";

const A = "1.000253";
const B = "1.001193";
const C = "1.000005";

describe.each(providers())("importCatalogue on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.prisma.procedure.deleteMany();
  });

  const snapshot = () => db.prisma.procedure.findMany({ orderBy: { code: "asc" } });
  const activeCodes = async () =>
    (await db.prisma.procedure.findMany({ where: { active: true }, orderBy: { code: "asc" } })).map(
      (p) => p.code,
    );

  it("imports the good rows and reports each bad one with its line", async () => {
    const report = await importCatalogue(
      db.prisma,
      rowsOf(realRecord(A), { name: "Thủ tục không mã" }, realRecord(B), new BadLine("not valid JSON"), {
        code: "1.000999",
        name: "X",
        documents: [{ quantity: "1 bản" }],
      }),
    );
    expect(report).toEqual({
      total: 5,
      created: 2,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      bad: [
        { line: 2, error: "code: required" },
        { line: 4, error: "not valid JSON" },
        { line: 5, code: "1.000999", error: "documents[0].name: required" },
      ],
    });
    expect(await activeCodes()).toEqual([A, B]);
    const stored = await db.prisma.procedure.findUniqueOrThrow({ where: { code: A } });
    expect(stored).toMatchObject({
      whereToFile: "Công an Xã; Công an cấp Xã",
      processingDays: 7,
      active: true,
    });
    expect(JSON.parse(stored.details).steps).toHaveLength(3);
  });

  it("counts a re-import of the same rows as unchanged and writes nothing", async () => {
    await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B), realRecord(C)));
    const before = await snapshot();
    const report = await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B), realRecord(C)));
    expect(report).toMatchObject({ total: 3, created: 0, updated: 0, unchanged: 3, deactivated: 0, bad: [] });
    expect(await snapshot()).toEqual(before);
  });

  it("counts a changed record as updated and stores the change", async () => {
    await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B)));
    const changed = { ...realRecord(B), fees: "Miễn lệ phí", steps: ["Bước 1: Nộp hồ sơ."] };
    const report = await importCatalogue(db.prisma, rowsOf(realRecord(A), changed));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const stored = await db.prisma.procedure.findUniqueOrThrow({ where: { code: B } });
    expect(stored.fees).toBe("Miễn lệ phí");
    expect(JSON.parse(stored.details).steps).toEqual(["Bước 1: Nộp hồ sơ."]);
  });

  it("deactivates a procedure missing from an import and reactivates it when it comes back", async () => {
    await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B), realRecord(C)));

    const without = await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(C)));
    expect(without).toMatchObject({ unchanged: 2, deactivated: 1 });
    expect(await activeCodes()).toEqual([C, A]);

    const again = await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(C)));
    expect(again).toMatchObject({ unchanged: 2, deactivated: 0 });

    const back = await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B), realRecord(C)));
    expect(back).toMatchObject({ updated: 1, unchanged: 2, deactivated: 0 });
    expect(await activeCodes()).toEqual([C, A, B]);
  });

  it("keeps missing procedures active when asked to", async () => {
    await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B)));
    const report = await importCatalogue(db.prisma, rowsOf(realRecord(A)), { deactivateMissing: false });
    expect(report.deactivated).toBe(0);
    expect(await activeCodes()).toEqual([A, B]);
  });

  it("deactivates nothing for a bad row's code or a file with no good row", async () => {
    await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B)));
    const broken = { ...realRecord(B), processing_days: "bảy" };
    expect(await importCatalogue(db.prisma, rowsOf(realRecord(A), broken))).toMatchObject({
      deactivated: 0,
      bad: [{ line: 2, code: B, error: 'processing_days: expected a number, got "bảy"' }],
    });
    expect(await importCatalogue(db.prisma, rowsOf(new BadLine("not valid JSON")))).toMatchObject({
      total: 1,
      deactivated: 0,
    });
    expect(await activeCodes()).toEqual([A, B]);
  });

  it("keeps the later of two lines with the same code and reports the earlier", async () => {
    const first = { ...realRecord(A), fees: "first" };
    const second = { ...realRecord(A), fees: "second" };
    const report = await importCatalogue(db.prisma, rowsOf(first, realRecord(B), second));
    expect(report).toMatchObject({
      total: 3,
      created: 2,
      bad: [{ line: 1, code: A, error: "duplicate code, kept line 3" }],
    });
    expect((await db.prisma.procedure.findUniqueOrThrow({ where: { code: A } })).fees).toBe("second");
  });

  it("computes the report in a dry run without writing anything", async () => {
    const empty = await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B)), { dryRun: true });
    expect(empty).toMatchObject({ created: 2 });
    expect(await db.prisma.procedure.count()).toBe(0);

    await importCatalogue(db.prisma, rowsOf(realRecord(A), realRecord(B)));
    const before = await snapshot();
    const changed = { ...realRecord(A), name: "Tên mới" };
    const report = await importCatalogue(db.prisma, rowsOf(changed, realRecord(C)), { dryRun: true });
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 0, deactivated: 1 });
    expect(await snapshot()).toEqual(before);
  });

  it("imports the real 673-line catalogue, then finds it unchanged", async () => {
    const progress: number[] = [];
    const started = Date.now();
    const report = await importCatalogue(db.prisma, readCatalogue(CATALOGUE_PATH), {
      onProgress: (done) => progress.push(done),
    });
    const elapsed = Date.now() - started;
    expect(report).toEqual({ total: 673, created: 673, updated: 0, unchanged: 0, deactivated: 0, bad: [] });
    expect(progress.at(-1)).toBe(673);
    expect(elapsed).toBeLessThan(5000);

    expect(await db.prisma.procedure.count({ where: { communeService: true } })).toBe(316);
    expect(await db.prisma.procedure.count({ where: { communeService: false, agency: null } })).toBe(1);
    // The same procedure published under ten codes: kept apart, as the catalogue lists them.
    expect(
      await db.prisma.procedure.count({ where: { name: "Hỗ trợ phát triển sản xuất cộng đồng." } }),
    ).toBe(10);

    const again = await importCatalogue(db.prisma, readCatalogue(CATALOGUE_PATH));
    expect(again).toMatchObject({ total: 673, created: 0, updated: 0, unchanged: 673, deactivated: 0 });
  });
});
