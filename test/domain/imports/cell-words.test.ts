import { describe, expect, it } from "vitest";
import { AssetError } from "../../../src/assets.js";
import { IMPORT_VALUES, parseYesNo, wordReader } from "../../../src/domain/imports/cell-words.js";

describe("words in a cell", () => {
  it.each([
    ["có", true],
    ["Có", true],
    ["x", true],
    ["X", true],
    ["✓", true],
    ["1", true],
    ["đã", true],
    ["Đã số hóa", true],
    ["true", true],
    ["không", false],
    ["Chưa", false],
    ["0", false],
    ["-", false],
    ["false", false],
  ])("reads %j as %s", (cell, answer) => {
    expect(parseYesNo(cell)).toBe(answer);
  });

  it("leaves what is neither yes nor no undecided", () => {
    for (const cell of ["có lẽ", "2", "xx", "đang làm"]) expect(parseYesNo(cell)).toBeUndefined();
  });

  it.each([
    [
      "statuses",
      IMPORT_VALUES.dossiers.status,
      ["Mới tiếp nhận", "DANG XU LY", "Chờ bổ sung", "Đã có kết quả", "Đã trả", "Rút hồ sơ", "Từ chối"],
      ["received", "processing", "supplement", "completed", "returned", "withdrawn", "rejected"],
    ],
    // The whole cell is one word: "Trả lại hồ sơ" is a refusal, "Đã trả lại" nothing known.
    [
      "returns and refusals",
      IMPORT_VALUES.dossiers.status,
      ["Trả lại hồ sơ", "Đã trả lại"],
      ["rejected", undefined],
    ],
    [
      "channels",
      IMPORT_VALUES.dossiers.channel,
      ["Trực tiếp", "truc tuyen", "Qua mạng", "Bưu chính công ích"],
      ["direct", "online", "online", "postal"],
    ],
    [
      "online levels",
      IMPORT_VALUES.dossiers.onlineLevel,
      ["Toàn trình", "một phần", "Mức độ 4", "Mức độ 3"],
      ["full", "partial", "full", "partial"],
    ],
  ] as const)(
    "reads the one-stop system's %s, with or without diacritics",
    (name, lists, cells, meanings) => {
      const read = wordReader(name, lists as Readonly<Record<string, string[]>>);
      expect(cells.map((cell) => read(cell))).toEqual(meanings);
    },
  );

  it("refuses a word listed under two meanings, naming it", () => {
    expect(() => wordReader("status", { received: ["Đã nhận"], returned: ["da nhan"] })).toThrow(AssetError);
    expect(() => wordReader("status", { received: ["Đã nhận"], returned: ["da nhan"] })).toThrow(
      /Đã nhận|da nhan/,
    );
  });
});
