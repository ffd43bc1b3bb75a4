import { describe, expect, it } from "vitest";
import { parseCatalogueRecord } from "../../src/domain/procedures/catalogue-record.js";
import {
  collapseMethods,
  procedureAnswer,
  procedureButtons,
} from "../../src/bot/features/questions/procedure-answer.js";
import { realRecords } from "../domain/procedures/real-catalogue.js";

const contact = {
  name: "Xã Hòa An",
  address: "Thôn 1",
  hotline: "0200 3 812 345",
  officeHours: "7:00–17:00",
};

describe("procedure answers", () => {
  it("says a value once when every way of filing has the same one", () => {
    expect(collapseMethods("Trực tuyến: 1; Dịch vụ bưu chính: 1; Trực tiếp: 1")).toBe("1");
    expect(collapseMethods("Trực tuyến: Miễn phí ((x)); Trực tiếp: Miễn phí (((x)))")).toBe("Miễn phí (x)");
    expect(collapseMethods("Trực tuyến: 3 ngày; Trực tiếp: 5 ngày")).toBe(
      "Trực tuyến: 3 ngày; Trực tiếp: 5 ngày",
    );
  });

  it("leads with the asked aspect and stays short enough for a phone, for every procedure", () => {
    const records = realRecords().map((raw) => parseCatalogueRecord(raw));
    for (const parsed of records) {
      if (!parsed.ok) continue;
      const text = procedureAnswer(parsed.record, ["fee"], contact);
      expect(text.length, parsed.record.code).toBeLessThan(2000);
      if (parsed.record.commune_service)
        expect(text.split("\n\n")[1], parsed.record.code).toMatch(/^Lệ phí:/);
      else expect(text, parsed.record.code).toMatch(/không làm tại UBND xã/);
      expect(procedureButtons(parsed.record, ["fee"]).length).toBeLessThanOrEqual(5);
    }
  });
});
