import { describe, expect, it } from "vitest";
import { formatDateTimeVi, formatDayVi } from "../../../src/domain/calendar/format.js";
import { zonedInstant } from "../../../src/domain/calendar/working-days.js";

const now = zonedInstant("2024-03-01", 9, 0);

describe("formatDayVi", () => {
  it("writes the weekday and d/m without zero padding", () => {
    expect(formatDayVi(zonedInstant("2024-06-28", 10, 0), now)).toBe("thứ Sáu 28/6");
    expect(formatDayVi(zonedInstant("2024-09-01", 10, 0), now)).toBe("Chủ nhật 1/9");
    expect(formatDayVi(zonedInstant("2024-09-02", 10, 0), now)).toBe("thứ Hai 2/9");
    expect(formatDayVi(zonedInstant("2024-09-03", 10, 0), now)).toBe("thứ Ba 3/9");
    expect(formatDayVi(zonedInstant("2024-09-04", 10, 0), now)).toBe("thứ Tư 4/9");
    expect(formatDayVi(zonedInstant("2024-09-05", 10, 0), now)).toBe("thứ Năm 5/9");
    expect(formatDayVi(zonedInstant("2024-09-07", 10, 0), now)).toBe("thứ Bảy 7/9");
  });

  it("appends the year only when it differs from now's year", () => {
    expect(formatDayVi(zonedInstant("2027-06-25", 10, 0), now)).toBe("thứ Sáu 25/6/2027");
    expect(formatDayVi(zonedInstant("2023-12-29", 10, 0), now)).toBe("thứ Sáu 29/12/2023");
  });

  it("uses the Asia/Ho_Chi_Minh day and year", () => {
    // 17:30Z on Friday 28/6 is 00:30 Saturday 29/6 in Việt Nam.
    expect(formatDayVi(new Date("2024-06-28T17:30:00Z"), now)).toBe("thứ Bảy 29/6");
    // On 31/12/2024 at 17:30Z it is already 2025 in Việt Nam.
    expect(formatDayVi(new Date("2025-01-02T03:00:00Z"), new Date("2024-12-31T17:30:00Z"))).toBe(
      "thứ Năm 2/1",
    );
  });
});

describe("formatDateTimeVi", () => {
  it("prefixes the local 24-hour time", () => {
    expect(formatDateTimeVi(zonedInstant("2024-06-28", 17, 0), now)).toBe("17:00 thứ Sáu 28/6");
    expect(formatDateTimeVi(zonedInstant("2024-06-28", 7, 5), now)).toBe("07:05 thứ Sáu 28/6");
    expect(formatDateTimeVi(zonedInstant("2025-01-03", 11, 30), now)).toBe("11:30 thứ Sáu 3/1/2025");
  });
});
