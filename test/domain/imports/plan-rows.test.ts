import { describe, expect, it } from "vitest";
import { type PlanRecord, readPlanRows } from "../../../src/domain/imports/plan-rows.js";
import { APPENDIX, TASK_LIST } from "./plan-fixtures.js";

const sheet = (text: string, name = "ke-hoach.tsv") => ({ name, data: Buffer.from(text) });

describe("reading the appendix of a plan (seed 002)", async () => {
  const { records, bad, headerLine } = await readPlanRows(APPENDIX);
  const bySection = (section: string) => records.filter((t) => t.section === section);
  const task = (section: string, ordinal: number) => {
    const found = records.find((t) => t.section === section && t.ordinal === ordinal);
    if (!found) throw new Error(`no task ${section}.${ordinal}`);
    return found;
  };

  it("finds the header under the titles and every task of every section", () => {
    expect(headerLine).toBe(4);
    expect(bad).toEqual([]);
    const counts = Object.fromEntries(
      ["I", "II", "III", "IV", "V", "VI", "VII"].map((s) => [s, bySection(s).length]),
    );
    expect(counts).toEqual({ I: 3, II: 13, III: 4, IV: 4, V: 2, VI: 5, VII: 8 });
    expect(records).toHaveLength(39);
  });

  it("numbers tasks 1..n within each section, reading the '2..' and '7' typos", () => {
    for (const section of new Set(records.map((t) => t.section!))) {
      expect(bySection(section).map((t) => t.ordinal)).toEqual(bySection(section).map((_, i) => i + 1));
    }
    expect(task("I", 2).title).toMatch(/^Xây dựng kế hoạch và tiến hành kiểm tra, rà soát/);
    expect(task("II", 7).title).toMatch(/^Tỷ lệ số lượng hồ sơ TTHC được giải quyết đúng hạn/);
  });

  it("keeps section titles as written", () => {
    expect(task("II", 1).sectionTitle).toBe("CẢI CÁCH THỦ TỤC HÀNH CHÍNH");
    expect(task("VI", 1).sectionTitle).toBe("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ");
  });

  it("merges rows broken across a page into the task above", () => {
    expect(task("II", 6)).toEqual({
      line: 15,
      section: "II",
      sectionTitle: "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
      ordinal: 6,
      ordinalKey: "6",
      title:
        "Phản đầu 80% người dân, doanh nghiệp khí thực hiện TTHC không phải cung cấp các loại thông tin, " +
        "giấy tờ, tài liệu đã được chấp nhận khi thực hiện thành công TTHC trước đó",
      product: "Hồ sơ TTHC",
      lead: "Bộ phận TN & TKQ",
      cooperating: "Các ngành chuyên môn; CBCC xã",
      deadline: "Thường xuyên",
      district: false,
      assignedBy: "",
    } satisfies PlanRecord);
    expect(task("III", 3).title).toMatch(/cán bộ, công chức trong bộ máy nhà nước tại địa phương\.$/);
    expect(task("VI", 4)).toMatchObject({
      product: "Số lượng kiểm tra trực tuyển được thực hiện",
      lead: "Các ngành liên quan thuộc UBND xã",
      cooperating: "Các ngành liên quan, Bộ phận TN & TKQ",
    });
  });

  it("reads the deadline column as written", () => {
    expect(task("III", 2).deadline).toBe("Quý II và Quý IV");
    expect(task("VII", 8).deadline).toBe("Cuối Quý II hoặc đầu Quý III");
    expect(task("III", 4).deadline).toBe("Tháng 5 và tháng 11/2023");
  });
});

describe("reading a plan's task list made into a table (seed 004)", async () => {
  const { records, bad } = await readPlanRows(TASK_LIST);

  it("takes the numbered rows for sections and the lettered ones for tasks", () => {
    expect(bad).toEqual([]);
    expect(records.map((r) => `${r.section}.${r.ordinalKey}`).join(" ")).toBe(
      "1.a 1.b 1.c 1.d 1.đ 1.e 2.a 2.b 2.c 2.d 2.đ 2.e 2.g 2.h 2.i 2.k 3.a 4.a 4.b 5.a 5.b 5.c 6.a 6.b",
    );
    expect(records.map((r) => r.ordinal).slice(6, 16)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(records[0]!.sectionTitle).toBe("Cải cách thể chế");
    expect(records[16]).toMatchObject({
      sectionTitle: "Cải cách chế độ công vụ",
      title: expect.stringMatching(/Chỉ thị số 17\/CT-UBND ngày 10\/11\/2016 .* tỉnh Quảng Ngãi\.$/),
    });
  });
});

describe("reading plan rows as offices write them", () => {
  const header = "TT\tNhiệm vụ cụ thể\tSản phẩm\tNgành chủ trì\tNgành phối hợp\tThời gian hoàn thành";

  it("accepts CRLF, short rows, NFD text and the markup of a PDF conversion", async () => {
    const text = [
      header,
      "<b>I.</b>\t<b>CẢI CÁCH THỂ CHẾ</b>",
      "1.\tNhiệm vụ\tSản phẩm\tTư pháp".normalize("NFD"),
    ].join("\r\n");
    expect((await readPlanRows(sheet(text))).records).toEqual([
      {
        line: 3,
        section: "I",
        sectionTitle: "CẢI CÁCH THỂ CHẾ",
        ordinal: 1,
        ordinalKey: "1",
        title: "Nhiệm vụ",
        product: "Sản phẩm",
        lead: "Tư pháp",
        cooperating: "",
        deadline: "",
        district: false,
        assignedBy: "",
      },
    ]);
  });

  it("takes a task before any section, and reports rows it cannot place", async () => {
    const { records, bad } = await readPlanRows(
      sheet(
        [header, "\tmồ côi\t\t\t\t", "1.\tNhiệm vụ\t\tTư pháp\t\t", "1.a\tNhiệm vụ lạ\t\t\t\t"].join("\n"),
      ),
    );
    expect(records.map((r) => [r.section, r.ordinalKey, r.title])).toEqual([[null, "1", "Nhiệm vụ"]]);
    expect(bad).toEqual([
      { line: 2, message: "dòng không có số thứ tự và không nằm dưới nhiệm vụ nào" },
      { line: 4, message: 'không hiểu số thứ tự "1.a" (viết I., 1., a) …)' },
    ]);
  });

  it("reads a section named in its own column on each row", async () => {
    const { records } = await readPlanRows(
      sheet(
        [
          "TT,Lĩnh vực,Nhiệm vụ,Chủ trì,Thời hạn",
          "1,II. Cải cách thủ tục hành chính,Niêm yết TTHC,Một cửa,Quý II",
          "2,Cải cách tài chính công,Dự toán,Tài chính,Đầu năm",
        ].join("\n"),
        "ke-hoach.csv",
      ),
    );
    expect(records.map((r) => [r.section, r.sectionTitle, r.ordinalKey])).toEqual([
      ["II", "Cải cách thủ tục hành chính", "1"],
      [null, "Cải cách tài chính công", "2"],
    ]);
  });
});
