import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { DOSSIER_COLUMNS } from "../../../src/domain/imports/dossier-row.js";
import { columnsOf, readTable, TableHeaderError, TableReadError } from "../../../src/domain/imports/table.js";

const dir = mkdtempSync(join(tmpdir(), "table-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
async function rows(source: Parameters<typeof readTable>[0], kind: Parameters<typeof readTable>[1]) {
  const table = await readTable(source, kind);
  const out = [];
  for await (const row of table.rows) out.push(row);
  return { table, out };
}

describe("reading an office's table", () => {
  it("skips the titles above the header, matches headers however they are written, and numbers rows as the file does", async () => {
    const path = file(
      "ke-hoach.csv",
      [
        "UBND XÃ THỬ;;;;;",
        "PHỤ LỤC: NHIỆM VỤ CCHC NĂM 2024;;;;;",
        "TT;NHIEM VU CU THE (1);Sản phẩm (2);Ngành  chủ trì;Ngành phối hợp;Thời gian hoàn thành;Ghi chú",
        "I.;CẢI CÁCH THỂ CHẾ;;;;;",
        '1.;"Rà soát văn bản; báo cáo";Báo cáo;Tư pháp;VP UBND;Quý II;',
        ";;;;;;",
      ].join("\n"),
    );
    const { table, out } = await rows(path, "plan");
    expect(table.headerLine).toBe(3);
    expect(table.unknownHeaders).toEqual(["Ghi chú"]);
    expect(table.columns).toEqual(["ordinal", "task", "product", "lead", "cooperating", "deadline"]);
    expect(out).toEqual([
      { line: 4, cells: { ordinal: "I.", task: "CẢI CÁCH THỂ CHẾ" } },
      {
        line: 5,
        cells: {
          ordinal: "1.",
          task: "Rà soát văn bản; báo cáo",
          product: "Báo cáo",
          lead: "Tư pháp",
          cooperating: "VP UBND",
          deadline: "Quý II",
        },
      },
    ]);
  });

  it("reads the first worksheet of an XLSX upload, dates as wall-clock time", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Hồ sơ");
    sheet.addRow(["Mã hồ sơ", "Tên thủ tục", "Ngày tiếp nhận", "Trạng thái"]);
    sheet.addRow([
      "H45-261201-0001",
      "Đăng ký khai sinh",
      new Date(Date.UTC(2026, 11, 1, 9, 30)),
      "Đang xử lý",
    ]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const { out } = await rows({ name: "ho-so.xlsx", data }, "dossiers");
    expect(out).toEqual([
      {
        line: 2,
        cells: {
          receiptCode: "H45-261201-0001",
          procedureName: "Đăng ký khai sinh",
          receivedAt: "2026-12-01 09:30",
          status: "Đang xử lý",
        },
      },
    ]);
  });

  it("says which columns it expected when no header row is found", async () => {
    await expect(readTable(file("rong.csv", "a,b,c\n1,2,3\n"), "officials")).rejects.toThrow(
      TableHeaderError,
    );
    await expect(readTable(file("rong2.csv", "a,b,c\n1,2,3\n"), "officials")).rejects.toThrow(/"Họ và tên"/);
  });

  it("says a damaged workbook cannot be read, rather than failing somewhere inside", async () => {
    const data = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 1)]);
    await expect(readTable({ name: "ho-so.xlsx", data }, "dossiers")).rejects.toThrow(TableReadError);
  });

  it("knows every dossier column the import reads, and only those (and the row number)", () => {
    expect(Object.keys(columnsOf("dossiers")).sort()).toEqual([...DOSSIER_COLUMNS, "ordinal"].sort());
  });

  it("refuses a format it cannot read, before reading", async () => {
    await expect(readTable(file("ke-hoach.pdf", "%PDF"), "plan")).rejects.toThrow(
      /unsupported format ".pdf"/,
    );
  });
});
