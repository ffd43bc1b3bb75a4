import { describe, expect, it } from "vitest";
import { parseOfficeInstant } from "../../../src/domain/imports/office-dates.js";

const START = { hours: 0, minutes: 0 };
const CLOSE = { hours: 17, minutes: 0 };
const read = (text: string, dateOnly = START) => parseOfficeInstant(text, dateOnly)?.toISOString() ?? null;

describe("dates as offices write them, in Vietnam time", () => {
  it.each([
    ["07/12/2026 09:30", "2026-12-07T02:30:00.000Z"],
    ["7/12/2026 9:30", "2026-12-07T02:30:00.000Z"],
    ["07-12-2026 09:30:15", "2026-12-07T02:30:15.000Z"],
    ["07.12.2026 9h30", "2026-12-07T02:30:00.000Z"],
    ["7/12/26 14h", "2026-12-07T07:00:00.000Z"],
    ["09:30 ngày 07/12/2026", "2026-12-07T02:30:00.000Z"],
    ["lúc 14:05, ngày 7/12/2026", "2026-12-07T07:05:00.000Z"],
    ["7/12/2026 2:15:00 CH", "2026-12-07T07:15:00.000Z"],
    ["7/12/2026 12:10 SA", "2026-12-06T17:10:00.000Z"],
    ["7/12/2026 12:10 PM", "2026-12-07T05:10:00.000Z"],
    // How the sheet reader hands over an Excel date cell.
    ["2026-12-07 09:30", "2026-12-07T02:30:00.000Z"],
    ["2026-12-07T09:30:00", "2026-12-07T02:30:00.000Z"],
    // A system's push with its own offset is that instant.
    ["2026-12-07T09:30:00+07:00", "2026-12-07T02:30:00.000Z"],
    ["2026-12-07T02:30:00Z", "2026-12-07T02:30:00.000Z"],
    ["2026-12-07T04:30:00.000+0900", "2026-12-06T19:30:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(read(text)).toBe(iso);
  });

  it("takes a bare day at the time the caller says: a receipt at its start, a due day at 17:00", () => {
    expect(read("07/12/2026", START)).toBe("2026-12-06T17:00:00.000Z");
    expect(read("07/12/2026", CLOSE)).toBe("2026-12-07T10:00:00.000Z");
    expect(read("2026-12-07", CLOSE)).toBe("2026-12-07T10:00:00.000Z");
  });

  it("reads the day first, never the month", () => {
    expect(read("03/04/2026 08:00")).toBe("2026-04-03T01:00:00.000Z");
  });

  it.each([
    "31/02/2026",
    "07/13/2026",
    "32/12/2026",
    "07/12/2026 25:00",
    "07/12/2026 09:75",
    "7/12/2026 13:00 CH",
    "2026-02-30",
    "2026-12-07Z",
    "ngày mai",
    "46363",
    "07/12",
    "07/12/2026 09:30 abc",
    "",
  ])("refuses %j rather than guess", (text) => {
    expect(read(text)).toBeNull();
  });
});
