import { describe, expect, it } from "vitest";
import { DEMO_DEPARTMENTS } from "../../../src/demo/demo-commune.js";
import {
  departmentMentions,
  matchDepartment,
  matchDepartments,
  normaliseDepartmentText,
  resolveTaskDepartments,
  splitDepartmentList,
} from "../../../src/domain/departments/department-match.js";
import { readPlanRows } from "../../../src/domain/imports/plan-rows.js";
import { APPENDIX } from "../imports/plan-fixtures.js";

const match = (text: string) => matchDepartment(text, DEMO_DEPARTMENTS);

describe("department names in plans", () => {
  it("folds case, diacritics, '&' spacing and extra spaces", () => {
    expect(normaliseDepartmentText("  Bộ phận TN&TKQ ")).toBe("bo phan tn & tkq");
    expect(normaliseDepartmentText("Bộ phận  TN & TKQ")).toBe("bo phan tn & tkq");
    expect(normaliseDepartmentText("Địa chính – Xây dựng")).toBe("dia chinh xay dung");
  });

  it("splits lists on ';', ',' and 'và'", () => {
    expect(splitDepartmentList("Tư pháp và cá nhân liên quan")).toEqual(["Tư pháp", "cá nhân liên quan"]);
    expect(splitDepartmentList("UBND xã; VP UBND xã")).toEqual(["UBND xã", "VP UBND xã"]);
    expect(splitDepartmentList("Cán bộ TTTT, Bộ phận TN&TKQ")).toEqual(["Cán bộ TTTT", "Bộ phận TN&TKQ"]);
  });

  it.each([
    ["Văn phòng UBND", "VP"],
    ["VP UBND xã", "VP"],
    ["vp ubnd", "VP"],
    ["Tư pháp", "TP"],
    ["Tư pháp xã", "TP"],
    ["Ngành VH TT", "VHXH"],
    ["Cán bộ TTTT", "VHXH"],
    ["Kế toán Tài chính xã", "TCKT"],
    ["Địa chính", "DCXD"],
    ["Bộ phận TN & TKQ", "MC"],
    ["Bộ phận TN&TKQ", "MC"],
    ["BỘ PHẬN MỘT CỬA", "MC"],
  ])("maps %s to %s", (text, code) => {
    expect(match(text)).toBe(code);
  });

  it("matches a department's name with its parts in another order", () => {
    const named = [
      { code: "TCKT", name: "Tài chính – Kế toán", aliases: ["Kế toán", "Tài chính"] },
      { code: "VHXH", name: "Văn hóa – Xã hội", aliases: [] },
    ];
    expect(matchDepartment("Kế toán Tài chính xã", named)).toBe("TCKT");
    expect(matchDepartment("Kế toán - Tài chính", named)).toBe("TCKT");
    expect(matchDepartment("Xã hội Văn hóa", named)).toBe("VHXH");
    expect(matchDepartment("Kế toán Văn hóa", named)).toBeNull();
  });

  it.each([
    "Các ngành chuyên môn",
    "Các ngành, cá nhân liên quan",
    "CBCC xã",
    "Trạm y tế",
    "Hội đồng GD xã",
    "tổ TTTT",
  ])("maps the generic or outside unit %s to nothing", (text) => {
    expect(match(text)).toBeNull();
  });

  it.each([
    ["Văn phòng phường.", "VP"],
    ["Bộ phận Tư pháp phường", "TP"],
    ["Địa chính - Xây dựng phường", "DCXD"],
    ["Tài chính - Kế toán phường.", "TCKT"],
    ["Một cửa thị trấn", "MC"],
  ])("reads %s without the words around the name", (text, code) => {
    expect(match(text)).toBe(code);
  });

  it('keeps a name with "và" in it whole, and splits a list on it otherwise', () => {
    expect(departmentMentions("Bộ phận TN và TKQ; Tư pháp và cá nhân liên quan", DEMO_DEPARTMENTS)).toEqual([
      { text: "Bộ phận TN và TKQ", code: "MC" },
      { text: "Tư pháp", code: "TP" },
      { text: "cá nhân liên quan", code: null },
    ]);
  });

  it("lists every department a cell names, once, in order", () => {
    expect(matchDepartments("Cán bộ TTTT, Bộ phận TN&TKQ", DEMO_DEPARTMENTS)).toEqual(["VHXH", "MC"]);
    expect(matchDepartments("VP UBND, CBCC các ngành UBND xã", DEMO_DEPARTMENTS)).toEqual(["VP"]);
    expect(matchDepartments("UBND xã; VP UBND xã", DEMO_DEPARTMENTS)).toEqual(["VP"]);
    expect(matchDepartments("Các ngành chuyên môn; CBCC xã", DEMO_DEPARTMENTS)).toEqual([]);
  });

  it("keeps co-leads as cooperators and never the lead itself", () => {
    expect(
      resolveTaskDepartments("Tư pháp; Địa chính", "Văn phòng UBND và Tư pháp", DEMO_DEPARTMENTS),
    ).toEqual({
      leadCode: "TP",
      cooperatorCodes: ["DCXD", "VP"],
    });
    expect(resolveTaskDepartments("Trạm y tế", "CB, nhân viên y tế xã", DEMO_DEPARTMENTS)).toEqual({
      leadCode: null,
      cooperatorCodes: [],
    });
  });

  it("finds a lead department for every appendix task but those led outside the commune's departments", async () => {
    const unmatched = (await readPlanRows(APPENDIX)).records
      .filter((t) => resolveTaskDepartments(t.lead, t.cooperating, DEMO_DEPARTMENTS).leadCode === null)
      .map((t) => t.lead);
    expect(unmatched).toEqual([
      "Các ngành, cá nhân liên quan",
      "Trạm y tế",
      "Các trường học",
      "Các ngành liên quan thuộc UBND xã",
    ]);
  });
});
