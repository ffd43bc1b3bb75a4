import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { type CatalogueRow, readCatalogue } from "../../../src/domain/procedures/catalogue-source.js";
import { importCatalogue } from "../../../src/domain/procedures/import-catalogue.js";
import { createTestDatabase } from "../../support/test-database.js";

const dir = mkdtempSync(join(tmpdir(), "tabular-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(path: string): Promise<CatalogueRow[]> {
  const out: CatalogueRow[] = [];
  for await (const row of readCatalogue(path)) out.push(row);
  return out;
}

const header = ["code", "name", "field", "steps", "documents", "fees", "commune_service"];

describe("CSV and XLSX catalogues", () => {
  it("reads a CSV with quoted multi-line cells, reporting each record's first line", async () => {
    const csv = [
      header.join(","),
      `1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,"Bước 1: nộp hồ sơ\nBước 2: nhận kết quả","[{""name"":""Tờ khai"",""quantity"":""1 bản chính""}]",Miễn phí,true`,
      `not-a-code,Thiếu mã,Hộ tịch,,,,true`,
      `2.000815,Chứng thực bản sao,Chứng thực,Nộp và nhận,"Bản chính giấy tờ\nBản sao",2.000 đồng/trang,false`,
    ].join("\n");
    const path = join(dir, "catalogue.csv");
    writeFileSync(path, `\uFEFF${csv}`);
    const read = await rows(path);
    expect(read.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(read[0]!.raw).toMatchObject({
      code: "1.001193",
      steps: ["Bước 1: nộp hồ sơ", "Bước 2: nhận kết quả"],
      documents: [{ name: "Tờ khai", quantity: "1 bản chính" }],
    });
    expect(read[2]!.raw).toMatchObject({ documents: [{ name: "Bản chính giấy tờ" }, { name: "Bản sao" }] });

    const db = await createTestDatabase();
    try {
      const report = await importCatalogue(db.prisma, readCatalogue(path), {});
      expect(report).toMatchObject({ created: 2 });
      expect(report.bad).toEqual([
        expect.objectContaining({ line: 4, error: expect.stringMatching(/^code: /) }),
      ]);
      const stored = await db.prisma.procedure.findUniqueOrThrow({ where: { code: "2.000815" } });
      expect(stored.communeService).toBe(false);
    } finally {
      await db.close();
    }
  });

  it("reads the first worksheet of an XLSX workbook with spreadsheet row numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("TTHC");
    sheet.addRow(header);
    sheet.addRow([
      "1.001193",
      "Thủ tục đăng ký khai sinh",
      "Hộ tịch",
      "Bước 1\nBước 2",
      "Tờ khai",
      "Miễn phí",
      "TRUE",
    ]);
    sheet.addRow([]);
    sheet.addRow(["1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch", "", "", "", "true"]);
    const path = join(dir, "catalogue.xlsx");
    await workbook.xlsx.writeFile(path);
    const read = await rows(path);
    expect(read.map((r) => r.line)).toEqual([2, 4]);
    expect(read[0]!.raw).toMatchObject({
      code: "1.001193",
      steps: ["Bước 1", "Bước 2"],
      documents: [{ name: "Tờ khai" }],
    });
  });
});
