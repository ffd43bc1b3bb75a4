import { describe, expect, it } from "vitest";
import { choiceTitles, procedureButtonTitle } from "../../src/bot/features/questions/templates.js";
import { dialable } from "../../src/bot/templates/text.js";

describe("choice buttons", () => {
  it("tell variants of one procedure apart within Zalo's 20 characters", () => {
    const titles = choiceTitles([
      "Thủ tục đăng ký khai sinh",
      "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
      "Thủ tục đăng ký khai sinh lưu động",
    ]);
    expect(titles).toEqual(["1. Đăng ký khai sinh", "2. …nước ngoài", "3. …lưu động"]);
  });

  it("show what differs after the shared words, clipped", () => {
    const titles = choiceTitles([
      "Thủ tục đăng ký lại khai sinh",
      "Thủ tục đăng ký lại khai sinh có yếu tố nước ngoài",
      "Thủ tục đăng ký lại khai tử có yếu tố nước ngoài",
    ]);
    expect(new Set(titles).size).toBe(3);
    expect(titles.every((t) => t.length <= 20)).toBe(true);
    expect(titles).toEqual(["1. Đăng ký lại khai…", "2. …nước ngoài", "3. …tử nước ngoài"]);
  });

  it("compare each option with its closest sibling, not with all of them", () => {
    expect(
      choiceTitles([
        "Thủ tục đăng ký khai sinh",
        "Thủ tục đăng ký khai sinh lưu động",
        "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
      ]),
    ).toEqual(["1. Đăng ký khai sinh", "2. …lưu động", "3. Cấp bản sao Tríc…"]);
  });

  it("make a hotline dialable, or leave the call button out", () => {
    expect(dialable("0200 3 812 345")).toBe("02003812345");
    expect(dialable("(028) 3829.1234")).toBe("02838291234");
    expect(dialable("Zalo OA của xã")).toBeNull();
    expect(dialable("0203 812 345 / 0912 345 678")).toBeNull();
  });

  it("use the names themselves when they share nothing", () => {
    expect(choiceTitles(["Đăng ký thường trú", "Khai báo tạm vắng"])).toEqual([
      "1. Đăng ký thường t…",
      "2. Khai báo tạm vắng",
    ]);
    expect(procedureButtonTitle("Thủ tục đăng ký kết hôn có yếu tố nước ngoài")).toBe("Đăng ký kết hôn có…");
  });
});
