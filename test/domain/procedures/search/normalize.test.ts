import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldText,
  foldedSyllables,
  normalizeText,
  repairTelex,
  splitGlued,
} from "../../../../src/domain/procedures/search/normalize.js";

describe("foldText", () => {
  it("lower-cases, folds tone marks and đ, and turns punctuation into spaces", () => {
    expect(foldText("Đăng ký KHAI SINH, cho con!!")).toBe("dang ky khai sinh cho con");
    expect(foldText("  Sổ   hộ-khẩu / CCCD? ")).toBe("so ho khau cccd");
  });

  it("treats composed and decomposed Vietnamese alike", () => {
    const composed = "Chứng thực bản sao";
    expect(foldText(composed.normalize("NFD"))).toBe(foldText(composed));
  });
});

describe("normalizeText", () => {
  const cases: Array<[string, string]> = [
    ["gks cho bé", "giay khai sinh cho be"],
    ["làm ks", "lam khai sinh"],
    ["đkkh ở đâu", "dang ki ket hon o dau"],
    ["dkkh", "dang ki ket hon"],
    ["xn tthn", "xac nhan tinh trang hon nhan"],
    ["cccd", "can cuoc cong dan"],
    ["cmnd 9 so", "chung minh nhan dan 9 so"],
    ["ko biết", "khong biet"],
    ["k đc", "khong duoc"],
    ["hok dc", "khong duoc"],
    ["cần j", "can gi"],
    ["làm ntn", "lam nhu the nao"],
    ["bn tiền", "bao nhieu tien"],
    ["ms sinh", "moi sinh"],
    ["đi vs ck", "di voi chong"],
    ["xong r", "xong roi"],
    ["e hỏi c", "em hoi chi"],
    ["ubnd xã", "uy ban nhan dan xa"],
    ["tthc", "thu tuc hanh chinh"],
    ["gcn", "giay chung nhan"],
    ["làm sổ đỏ", "lam giay chung nhan quyen su dung dat"],
    ["sổ hồng", "giay chung nhan quyen su dung dat"],
    ["mua bhyt", "mua bao hiem y te"],
    ["giấy sinh", "giay khai sinh"],
    ["nc ngoài", "nuoc ngoai"],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it("reads hk as hộ khẩu before a word and as không at the end", () => {
    expect(normalizeText("nhập hk cho con")).toBe("nhap ho khau cho con");
    expect(normalizeText("làm online được hk")).toBe("lam online duoc khong");
    expect(normalizeText("có được hk ạ")).toBe("co duoc khong a");
  });

  it("spells kí/ký, lí/lý the same way", () => {
    expect(normalizeText("đăng kí")).toBe(normalizeText("đăng ký"));
    expect(normalizeText("lí lịch")).toBe(normalizeText("lý lịch"));
  });

  it("undoes Telex keystrokes and splits glued syllables (dictionary-vi)", () => {
    expect(normalizeText("ddawng kys khai sinh")).toBe("dang ki khai sinh");
    expect(normalizeText("khaisinh cho con")).toBe("khai sinh cho con");
    expect(normalizeText("ddawng kys", { repairSpelling: false })).toBe("ddawng kys");
  });

  it("splits digits from letters", () => {
    expect(normalizeText("con 15tuoi")).toBe("con 15 tuoi");
  });

  it("gives the same result with or without tone marks", () => {
    const words = [
      "đăng",
      "ký",
      "khai",
      "sinh",
      "kết",
      "hôn",
      "chứng",
      "thực",
      "căn",
      "cước",
      "hộ",
      "khẩu",
      "giấy",
      "tờ",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }), (picked) => {
        const text = picked.join(" ");
        expect(normalizeText(text)).toBe(normalizeText(foldText(text)));
      }),
    );
  });

  it("is idempotent and only emits a-z, 0-9 and single spaces", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const once = normalizeText(text);
        expect(once).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe("dictionary-vi helpers", () => {
  it("loads the Vietnamese syllables, folded", () => {
    const syllables = foldedSyllables();
    expect(syllables.size).toBeGreaterThan(1000);
    expect(syllables.has("khai")).toBe(true);
    expect(syllables.has("cccd")).toBe(false);
  });

  it("repairs Telex only when that makes a syllable", () => {
    expect(repairTelex("ddawng")).toBe("dang");
    expect(repairTelex("keets")).toBe("ket");
    expect(repairTelex("online")).toBe("online");
    expect(repairTelex("khai")).toBe("khai");
  });

  it("splits two glued syllables, and nothing else", () => {
    expect(splitGlued("thuongtru")).toEqual(["thuong", "tru"]);
    expect(splitGlued("online")).toEqual(["online"]);
    expect(splitGlued("sinh")).toEqual(["sinh"]);
  });
});
