import { describe, expect, it } from "vitest";
import { choiceTitles, procedureButtonTitle } from "../../src/bot/templates/citizens.js";

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
    expect(titles).toEqual(["1. …sinh", "2. …sinh nước ngoài", "3. …tử nước ngoài"]);
  });

  it("use the names themselves when they share nothing", () => {
    expect(choiceTitles(["Đăng ký thường trú", "Khai báo tạm vắng"])).toEqual([
      "1. Đăng ký thường t…",
      "2. Khai báo tạm vắng",
    ]);
    expect(procedureButtonTitle("Thủ tục đăng ký kết hôn có yếu tố nước ngoài")).toBe("Đăng ký kết hôn có…");
  });
});
