import { describe, expect, it } from "vitest";
import { isContactRequest } from "../../src/bot/citizens/contact-request.js";

describe("isContactRequest", () => {
  it.each([
    "số điện thoại cán bộ địa chính",
    "cho em xin sdt của xã",
    "hotline ubnd",
    "xã có làm việc thứ 7 không ạ",
    "ubnd xa lam viec may gio",
    "địa chỉ ủy ban xã ở đâu vậy",
    "ubnd xã nằm ở đâu",
    "tôi muốn liên hệ với cán bộ tư pháp",
  ])("recognises %j", (text) => {
    expect(isContactRequest(text)).toBe(true);
  });

  it.each([
    "đăng ký khai sinh nộp ở đâu",
    "lam giay khai sinh can gi",
    "đổi địa chỉ thường trú thì làm sao",
    "đăng ký kết hôn mất bao lâu",
    "chứng thực bản sao ở xã có mất phí không",
    "cập nhật số điện thoại trong hồ sơ cư trú",
  ])("leaves %j to the procedure search", (text) => {
    expect(isContactRequest(text)).toBe(false);
  });
});
