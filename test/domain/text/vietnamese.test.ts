import { describe, expect, it } from "vitest";
import { foldText, foldVietnamese, nfc } from "../../../src/domain/text/vietnamese.js";

describe("Vietnamese text", () => {
  it("composes decomposed input, and turns a non-string into an empty text", () => {
    expect(nfc("Quý".normalize("NFD"))).toBe("Quý");
    expect(nfc(undefined as unknown as string)).toBe("");
  });

  it("folds tone marks and đ, keeping punctuation; foldText keeps only the words", () => {
    expect(foldVietnamese("Đăng ký  KHAI SINH, cho con!")).toBe("dang ky khai sinh, cho con!");
    expect(foldText("Đăng ký  KHAI SINH, cho con!")).toBe("dang ky khai sinh cho con");
    expect(foldVietnamese("Chứng thực".normalize("NFD"))).toBe("chung thuc");
  });
});
