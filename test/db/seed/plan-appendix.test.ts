import { describe, expect, it } from "vitest";
import { parsePlanAppendix, readPlanAppendixFixture } from "../../../src/db/seed/plan-appendix.js";

describe("parsePlanAppendix on the committed plan (Kế hoạch 11/KH-UBND)", () => {
  const tasks = readPlanAppendixFixture();
  const bySection = (section: string) => tasks.filter((t) => t.section === section);
  const task = (section: string, ordinal: number) => {
    const found = tasks.find((t) => t.section === section && t.ordinal === ordinal);
    if (!found) throw new Error(`no task ${section}.${ordinal}`);
    return found;
  };

  it("finds every task of every section", () => {
    const counts = Object.fromEntries(
      ["I", "II", "III", "IV", "V", "VI", "VII"].map((s) => [s, bySection(s).length]),
    );
    expect(counts).toEqual({ I: 3, II: 13, III: 4, IV: 4, V: 2, VI: 5, VII: 8 });
    expect(tasks).toHaveLength(39);
  });

  it("numbers tasks 1..n within each section, reading the '2..' and '7' typos", () => {
    for (const section of new Set(tasks.map((t) => t.section))) {
      expect(bySection(section).map((t) => t.ordinal)).toEqual(bySection(section).map((_, i) => i + 1));
    }
    expect(task("I", 2).title).toMatch(/^Xây dựng kế hoạch và tiến hành kiểm tra, rà soát/);
    expect(task("II", 7).title).toMatch(/^Tỷ lệ số lượng hồ sơ TTHC được giải quyết đúng hạn/);
  });

  it("keeps section titles without their markup", () => {
    expect(task("II", 1).sectionTitle).toBe("CẢI CÁCH THỦ TỤC HÀNH CHÍNH");
    expect(task("VI", 1).sectionTitle).toBe("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ");
    expect(tasks.every((t) => !/[<>]/.test(t.sectionTitle + t.title))).toBe(true);
  });

  it("merges rows broken across a page into the task above", () => {
    expect(task("II", 6)).toEqual({
      section: "II",
      sectionTitle: "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
      ordinal: 6,
      title:
        "Phản đầu 80% người dân, doanh nghiệp khí thực hiện TTHC không phải cung cấp các loại thông tin, " +
        "giấy tờ, tài liệu đã được chấp nhận khi thực hiện thành công TTHC trước đó",
      product: "Hồ sơ TTHC",
      leadText: "Bộ phận TN & TKQ",
      cooperatingText: "Các ngành chuyên môn; CBCC xã",
      deadlineText: "Thường xuyên",
    });
    expect(task("III", 3).title).toMatch(/cán bộ, công chức trong bộ máy nhà nước tại địa phương\.$/);
    expect(task("VI", 4)).toMatchObject({
      product: "Số lượng kiểm tra trực tuyển được thực hiện",
      leadText: "Các ngành liên quan thuộc UBND xã",
      cooperatingText: "Các ngành liên quan, Bộ phận TN & TKQ",
    });
  });

  it("reads the deadline column as written", () => {
    expect(task("III", 2).deadlineText).toBe("Quý II và Quý IV");
    expect(task("VII", 8).deadlineText).toBe("Cuối Quý II hoặc đầu Quý III");
    expect(task("III", 4).deadlineText).toBe("Tháng 5 và tháng 11/2023");
  });
});

describe("parsePlanAppendix on edge cases", () => {
  const header = "TT\tNhiệm vụ cụ thể\tSản phẩm\tNgành chủ trì\tNgành phối hợp\tThời gian hoàn thành";

  it("accepts CRLF, short rows and NFD text", () => {
    const text = [
      header,
      "<b>I.</b>\t<b>CẢI CÁCH THỂ CHẾ</b>",
      "1.\tNhiệm vụ\tSản phẩm\tTư pháp".normalize("NFD"),
    ].join("\r\n");
    expect(parsePlanAppendix(text)).toEqual([
      {
        section: "I",
        sectionTitle: "CẢI CÁCH THỂ CHẾ",
        ordinal: 1,
        title: "Nhiệm vụ",
        product: "Sản phẩm",
        leadText: "Tư pháp",
        cooperatingText: "",
        deadlineText: "",
      },
    ]);
  });

  it("rejects rows it cannot place", () => {
    expect(() => parsePlanAppendix("1.\tNhiệm vụ\t\t\t\t")).toThrow(/task before any section/);
    expect(() => parsePlanAppendix("<b>I</b>\t<b>X</b>\n\tmồ côi\t\t\t\t")).toThrow(/continuation row/);
    expect(() => parsePlanAppendix("<b>I</b>\t<b>X</b>\na)\tNhiệm vụ")).toThrow(
      /line 2: unexpected TT cell "a\)"/,
    );
  });
});
