import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type CatalogueRecord,
  parseCatalogueRecord,
  toProcedureRow,
} from "../../../src/domain/procedures/catalogue-record.js";
import { DECISIONS_PATH, realRecord, realRecords } from "./real-catalogue.js";

function parsed(raw: unknown): CatalogueRecord {
  const result = parseCatalogueRecord(raw);
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

function errorOf(raw: unknown): string {
  const result = parseCatalogueRecord(raw);
  if (result.ok) throw new Error("expected a parse error");
  return result.error;
}

describe("parseCatalogueRecord on the real catalogue", () => {
  it("accepts every one of the 673 records", () => {
    const errors = realRecords()
      .map((raw) => parseCatalogueRecord(raw))
      .filter((r) => !r.ok);
    expect(realRecords()).toHaveLength(673);
    expect(errors).toEqual([]);
  });

  it("keeps the content of a commune-police record", () => {
    const record = parsed(realRecord("1.000253"));
    expect(record).toMatchObject({
      code: "1.000253",
      name: "Khai báo tạm trú cho người nước ngoài tại Việt Nam bằng Phiếu khai báo tạm trú",
      field: "Quản lý xuất nhập cảnh",
      level: "Cấp xã",
      processing_days: 7,
      commune_service: true,
      online_submission_listed: false,
      where: "Công an Xã; Công an cấp Xã",
    });
    expect(record.steps).toHaveLength(3);
    expect(record.documents[0]).toMatchObject({ quantity: "1 bản chính", count: 1, kind: "bản chính" });
    expect(record.submission_methods[0]).toEqual({
      method: "Trực tiếp",
      time: "7 Ngày",
      fee: "Không có thông tin",
      description: "Nộp trực tiếp tại trụ sở Công an cấp xã",
    });
  });

  it("keeps the Ministry of Defence document counts and fills what they lack", () => {
    const record = parsed(realRecord("1.013128"));
    expect(record.documents[0]).toMatchObject({ original_count: 1, copy_count: 0, count: null, kind: null });
    expect(record.source_url).toBeNull();
    expect(record.level).toBe("Cấp xã"); // "Cấp Xã" in the file
  });

  it("accepts a record with empty documents and one whose processing time lost its unit", () => {
    expect(parsed(realRecord("1.010038")).documents).toEqual([]);
    const unitless = realRecords().find((r) => r.processing_unit_missing === true)!;
    expect(parsed(unitless).processing_unit_missing).toBe(true);
  });

  it("collapses the line breaks scraped into a name", () => {
    const record = parsed(realRecord("2.001428"));
    expect(record.name).not.toMatch(/\n/);
    expect(record.name).toMatch(/^Công bố Danh mục và Quy trình nội bộ thủ tục hành chính thuộc thẩm quyền/);
  });
});

describe("parseCatalogueRecord cleaning and leniency", () => {
  it("needs only a code and a name, and fills the rest with empty values", () => {
    expect(parsed({ code: "1.001193", name: "Thủ tục đăng ký khai sinh" })).toMatchObject({
      steps: [],
      documents: [],
      submission_methods: [],
      processing_days: null,
      processing_unit_missing: false,
      commune_service: true,
      where: null,
    });
  });

  it("normalises strings to NFC and trims them; empty text becomes null", () => {
    const decomposed = "  Thủ tục đăng ký khai sinh\n".normalize("NFD");
    const record = parsed({ code: " 1.001193 ", name: decomposed, fees: "  ", steps: [" Bước 1 ", ""] });
    expect(record.code).toBe("1.001193");
    expect(record.name).toBe("Thủ tục đăng ký khai sinh".normalize("NFC"));
    expect(record.name).toHaveLength(25);
    expect(record.fees).toBeNull();
    expect(record.steps).toEqual(["Bước 1"]);
  });

  it("accepts numbers and flags written as text, as a CSV would give them", () => {
    const record = parsed({
      code: "1.001193",
      name: "X",
      processing_days: "7,5",
      commune_service: "False",
      online_submission_listed: "1",
    });
    expect(record).toMatchObject({
      processing_days: 7.5,
      commune_service: false,
      online_submission_listed: true,
    });
  });

  it.each([
    [{ name: "X" }, "code: required"],
    [{ code: "abc", name: "X" }, 'code: expected a national code like "1.001193", got "abc"'],
    [{ code: "1.001193", name: " " }, "name: must not be empty"],
    [{ code: 1.001193, name: "X" }, "code: expected string, got 1.001193"],
    [{ code: "1.001193", name: "X", steps: "Bước 1" }, 'steps: expected array, got "Bước 1"'],
    [
      { code: "1.001193", name: "X", documents: [{ name: "Tờ khai" }, { quantity: "1" }] },
      "documents[1].name: required",
    ],
    [
      { code: "1.001193", name: "X", processing_days: "bảy" },
      'processing_days: expected a number, got "bảy"',
    ],
    [
      { code: "1.001193", name: "X", commune_service: "có" },
      'commune_service: expected true or false, got "có"',
    ],
    [[], "record: expected object, got a list"],
    [null, "record: expected object, got null"],
  ])("rejects %j with %s", (raw, error) => {
    expect(errorOf(raw)).toBe(error);
  });
});

describe("toProcedureRow", () => {
  it("maps the columns and keeps the full record in details", () => {
    const record = parsed(realRecord("1.000253"));
    const row = toProcedureRow(record);
    expect(row).toMatchObject({
      code: "1.000253",
      whereToFile: "Công an Xã; Công an cấp Xã",
      processingDays: 7,
      processingTime: "Trực tiếp: 7 Ngày",
      communeService: true,
      agency: null,
      sourceUrl: "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bf7-4fc4-7716-bab8-167242b3fcda",
    });
    expect(JSON.parse(row.details)).toEqual(record);
  });

  it("gives the same details whatever the key order of the input", () => {
    const raw = realRecord("1.000253");
    const reversed = Object.fromEntries(Object.entries(raw).reverse());
    expect(toProcedureRow(parsed(reversed)).details).toBe(toProcedureRow(parsed(raw)).details);
  });

  it("names the agency of a branch-agency procedure", () => {
    expect(toProcedureRow(parsed(realRecord("1.000005")))).toMatchObject({
      communeService: false,
      agency: "Hải quan",
    });
  });
});

describe("agency of the real non-commune procedures", () => {
  const reasons = new Map(
    readFileSync(DECISIONS_PATH, "utf8")
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "")
      .map((line) => line.split("\t"))
      .map(([code, , , , reason]) => [code!, reason!]),
  );
  const rows = realRecords()
    .map((raw) => toProcedureRow(parsed(raw)))
    .filter((row) => !row.communeService);

  it("names one for all 357 but the housing-rent one whose where names nobody", () => {
    expect(rows).toHaveLength(357);
    expect(rows.filter((row) => row.agency === null).map((row) => row.code)).toEqual(["1.014535"]);
  });

  it.each([
    ["branch agency field (Hải quan)", "Hải quan", 124],
    ["branch agency field (Thuế)", "Cơ quan thuế", 111],
    ["branch agency field (Kho bạc Nhà nước)", "Kho bạc Nhà nước", 9],
    ["BHXH office", "Bảo hiểm xã hội", 23],
    ["border-guard checkpoint procedure", "Bộ đội Biên phòng", 41],
    ["court procedure", "Tòa án nhân dân", 3],
    ["military unit", "Đơn vị quân đội", 5],
  ])("agrees with the decisions file: %s → %s", (reason, agency, count) => {
    const matching = rows.filter((row) => reasons.get(row.code)?.startsWith(reason));
    expect(matching).toHaveLength(count);
    expect(new Set(matching.map((row) => row.agency))).toEqual(new Set([agency]));
  });
});
