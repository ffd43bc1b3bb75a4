import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDayRange } from "../../../src/domain/calendar/date-phrases/index.js";
import { INTENT_NAMES, type Intent } from "../../../src/bot/intents/intent.js";
import { normalizeMessage, normalizeText, originalSlice } from "../../../src/bot/intents/normalize.js";
import { parseOfficialIntent } from "../../../src/bot/intents/parse-official-intent.js";
import { findReceiptCode } from "../../../src/bot/intents/receipt-code.js";
import { findTaskCode } from "../../../src/bot/intents/task-ref.js";
import { NOW, UTTERANCES } from "./utterances.js";

/** Every key given in `expected` matches `actual` (recursively; `undefined` means absent). */
function matches(expected: unknown, actual: unknown): boolean {
  if (expected === undefined) return actual === undefined;
  if (expected === null || typeof expected !== "object") return Object.is(expected, actual);
  if (actual === null || typeof actual !== "object") return false;
  return Object.entries(expected).every(([k, v]) => matches(v, (actual as Record<string, unknown>)[k]));
}

const parse = (text: string, now: Date = NOW): Intent => parseOfficialIntent(text, now);

/** Rows the parser is known to get wrong, each for the reason its row gives (`hard`). */
const KNOWN_FAILURES = new Set([
  "đăng ký 48 29 13", // a code typed with spaces
  "t6 có việc gì", // t6 = thứ 6 or tháng 6
  "nv mười hai", // a number in words
  "em xong cái báo cáo quý rồi nhé", // no task word before the title
  "NV21 mới làm được một nửa", // a fraction in words
]);

describe("utterance table", () => {
  it("has at least 220 rows covering every intent", () => {
    expect(UTTERANCES.length).toBeGreaterThanOrEqual(220);
    for (const name of INTENT_NAMES) {
      expect(UTTERANCES.filter((u) => u.intent.name === name).length, name).toBeGreaterThanOrEqual(3);
    }
  });

  it("parses every row exactly, except the named known failures", () => {
    const failing = new Set<string>();
    for (const u of UTTERANCES) {
      const actual = parse(u.text);
      if (!matches(u.intent, actual)) {
        failing.add(u.text);
        if (!KNOWN_FAILURES.has(u.text))
          console.log(
            `  ✗ ${JSON.stringify(u.text)}${u.hard ? ` [hard: ${u.hard}]` : ""}\n` +
              `    expected ${JSON.stringify(u.intent)}\n    actual   ${JSON.stringify(actual)}`,
          );
      }
    }
    const ok = UTTERANCES.length - failing.size;
    console.log(
      `intent accuracy: ${((ok / UTTERANCES.length) * 100).toFixed(1)}% (${ok}/${UTTERANCES.length})`,
    );
    // A new failure fails the test; so does a known failure that now passes (take it off the list).
    expect(
      [...failing].filter((t) => !KNOWN_FAILURES.has(t)),
      "new failures",
    ).toEqual([]);
    expect(
      [...KNOWN_FAILURES].filter((t) => !failing.has(t)),
      "known failures that now pass",
    ).toEqual([]);
  });
});

describe("normalisation", () => {
  it("folds diacritics, splits letters from digits and expands teencode", () => {
    expect(normalizeText("Việc ĐÃ Quá Hạn")).toBe("viec da qua han");
    expect(normalizeText("NV12")).toBe("nhiem vu 12");
    expect(normalizeText("DK482913")).toBe("dang ky 482913");
    expect(normalizeText("hs qh ko")).toBe("ho so qua han khong");
    expect(normalizeText("bn việc, dc k?")).toBe("bao nhieu viec duoc khong ?");
    expect(normalizeText("quá hạ")).toBe("qua han");
    expect(normalizeText("hoan thnah")).toBe("hoan thanh");
    expect(normalizeText("quahan")).toBe("qua han");
    expect(normalizeText("30/6/2026 60%")).toBe("30/6/2026 60 %");
  });

  it("accepts decomposed (NFD) input", () => {
    expect(normalizeText("việc quá hạn".normalize("NFD"))).toBe("viec qua han");
  });

  it("maps normalised characters back to the original text", () => {
    const msg = normalizeMessage("NV12 đã hoàn thành, đã gửi báo cáo huyện");
    const at = msg.text.indexOf("da gui");
    expect(originalSlice(msg, at, msg.text.length)).toBe("đã gửi báo cáo huyện");
    expect(originalSlice(msg, 0, "nhiem vu 12".length)).toBe("NV12");
  });
});

describe("date phrases", () => {
  // Wednesday 18/11/2026.
  const today = "2026-11-18";
  const range = (phrase: string, day = today) => findDayRange(normalizeText(phrase), day)?.range;
  const cases: [phrase: string, from: string, to: string, label: string][] = [
    ["việc tuần này", "2026-11-16", "2026-11-22", "tuần này"],
    ["nv đến hạn tuần sau", "2026-11-23", "2026-11-29", "tuần sau"],
    ["việc trong tháng này", "2026-11-01", "2026-11-30", "tháng này"],
    ["việc hạn 30/6", "2026-06-30", "2026-06-30", "30/6"],
    ["việc đến hạn trước 15/12", "2026-11-18", "2026-12-14", "trước 15/12"],
    ["hạn trong quý 3", "2026-07-01", "2026-09-30", "quý III/2026"],
    ["việc cuối tháng", "2026-11-18", "2026-11-30", "cuối tháng"],
    ["việc hôm nay", "2026-11-18", "2026-11-18", "hôm nay"],
    ["việc ngày mai", "2026-11-19", "2026-11-19", "ngày mai"],
    ["việc thứ sáu", "2026-11-20", "2026-11-20", "thứ Sáu 20/11"],
    ["ngày 5 tháng 7", "2026-07-05", "2026-07-05", "5/7"],
    ["30/6", "2026-06-30", "2026-06-30", "30/6"],
    ["quý 3", "2026-07-01", "2026-09-30", "quý III/2026"],
    ["quý III", "2026-07-01", "2026-09-30", "quý III/2026"],
    ["Q3", "2026-07-01", "2026-09-30", "quý III/2026"],
    ["tháng 7", "2026-07-01", "2026-07-31", "tháng 7/2026"],
    ["tháng sau", "2026-12-01", "2026-12-31", "tháng sau"],
    ["tuần này", "2026-11-16", "2026-11-22", "tuần này"],
    ["tuần sau", "2026-11-23", "2026-11-29", "tuần sau"],
    ["7 ngày tới", "2026-11-18", "2026-11-25", "7 ngày tới"],
    ["cuối tháng", "2026-11-18", "2026-11-30", "cuối tháng"],
    ["cuối năm", "2026-11-18", "2026-12-31", "cuối năm"],
    ["quý này", "2026-10-01", "2026-12-31", "quý này"],
    ["quý 2/2027", "2027-04-01", "2027-06-30", "quý II/2027"],
    ["quý IV năm 2025", "2025-10-01", "2025-12-31", "quý IV/2025"],
    ["tháng 2 năm 2028", "2028-02-01", "2028-02-29", "tháng 2/2028"],
    ["tháng 12/2026", "2026-12-01", "2026-12-31", "tháng 12/2026"],
    ["30/6/2027", "2027-06-30", "2027-06-30", "30/6/2027"],
    ["từ 1/12 đến 15/12", "2026-12-01", "2026-12-15", "1/12–15/12"],
    ["đến 30/11", "2026-11-18", "2026-11-30", "đến 30/11"],
    ["thứ 6 tuần sau", "2026-11-27", "2026-11-27", "thứ Sáu 27/11"],
    ["chủ nhật", "2026-11-22", "2026-11-22", "Chủ nhật 22/11"],
    ["thứ 2", "2026-11-23", "2026-11-23", "thứ Hai 23/11"],
    ["thứ tư", "2026-11-18", "2026-11-18", "thứ Tư 18/11"],
    ["tuần trước", "2026-11-09", "2026-11-15", "tuần trước"],
    ["tháng trước", "2026-10-01", "2026-10-31", "tháng trước"],
    ["trong 2 tuần tới", "2026-11-18", "2026-12-02", "2 tuần tới"],
    ["năm nay", "2026-01-01", "2026-12-31", "năm nay"],
    ["năm 2027", "2027-01-01", "2027-12-31", "năm 2027"],
    ["6 tháng đầu năm", "2026-01-01", "2026-06-30", "6 tháng đầu năm 2026"],
    ["cuối tháng 12", "2026-12-21", "2026-12-31", "cuối tháng 12"],
    ["hom qua", "2026-11-17", "2026-11-17", "hôm qua"],
  ];
  it.each(cases)("%s → %s … %s", (phrase, from, to, label) => {
    expect(range(phrase)).toEqual({ from, to, label });
  });

  it("'thứ sáu' on a Friday is today; the week containing a Sunday starts the Monday before", () => {
    expect(range("thứ sáu", "2026-11-20")).toMatchObject({ from: "2026-11-20", to: "2026-11-20" });
    expect(range("tuần này", "2026-11-22")).toMatchObject({ from: "2026-11-16", to: "2026-11-22" });
    expect(range("tuần sau", "2026-11-22")).toMatchObject({ from: "2026-11-23", to: "2026-11-29" });
  });

  it("keeps a long-past day in the current year (no roll-over)", () => {
    expect(range("15/1")).toMatchObject({ from: "2026-01-15", to: "2026-01-15" });
    expect(range("việc đến hạn trước 15/7", "2026-06-10")).toMatchObject({
      from: "2026-06-10",
      to: "2026-07-14",
    });
    // Already past: from 1 January.
    expect(range("việc đến hạn trước 15/7")).toMatchObject({ from: "2026-01-01", to: "2026-07-14" });
  });

  it("month and year boundaries", () => {
    expect(range("tháng sau", "2026-12-05")).toMatchObject({ from: "2027-01-01", to: "2027-01-31" });
    expect(range("quý sau", "2026-12-05")).toMatchObject({ from: "2027-01-01", to: "2027-03-31" });
    expect(range("cuối tháng", "2028-02-10")).toMatchObject({ from: "2028-02-10", to: "2028-02-29" });
    expect(range("ngày mai", "2026-12-31")).toMatchObject({ from: "2027-01-01", to: "2027-01-01" });
  });

  it("uses the Vietnamese day of the instant, not the UTC day", () => {
    // 2026-11-19T18:00Z is already Friday 01:00 in Vietnam.
    const intent = parse("việc hôm nay", new Date("2026-11-19T18:00:00Z"));
    expect(intent).toMatchObject({ name: "tasks_due", range: { from: "2026-11-20", to: "2026-11-20" } });
  });

  it("rejects impossible days and ignores non-dates", () => {
    expect(range("31/2")).toBeUndefined();
    expect(range("13/13")).toBeUndefined();
    expect(range("quý 5")).toBeUndefined();
    expect(range("tháng 13")).toBeUndefined();
    expect(range("báo cáo")).toBeUndefined();
  });
});

describe("task references", () => {
  const code = (text: string) => findTaskCode(normalizeText(text))?.ref.code;
  it.each([
    ["NV12", "NV12"],
    ["nv 12", "NV12"],
    ["#12", "NV12"],
    ["nhiệm vụ 12", "NV12"],
    ["Nhiệm vụ số 12", "NV12"],
    ["nv012", "NV12"],
    ["NV-7", "NV7"],
    ["việc số 3", "NV3"],
    ["xong nv12 rồi", "NV12"],
  ])("%s → %s", (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it.each(["việc 7 ngày tới", "nhiệm vụ 2 tuần", "việc 30/6", "nhiệm vụ 2026", "nv", "nv 0", "việc 50%"])(
    "%s has no task code",
    (text) => {
      expect(code(text)).toBeUndefined();
    },
  );

  it("names a task by title words when there is no code", () => {
    expect(parse("xem việc báo cáo quý")).toEqual({
      name: "task_detail",
      task: { kind: "query", text: "bao cao quy" },
    });
    expect(parse("xong việc báo cáo quý nhé")).toEqual({
      name: "mark_done",
      task: { kind: "query", text: "bao cao quy" },
    });
  });
});

describe("receipt codes", () => {
  it.each([
    ["000.00.21.H45-260213-0001", "000.00.21.H45-260213-0001"],
    ["tra cứu hồ sơ 000.00.21.h45-260213-0001 giúp em", "000.00.21.H45-260213-0001"],
    ["H45-260213-0001", "H45-260213-0001"],
    ["hs 260213-0001", "260213-0001"],
    ["mã hs: H45-261105-0123.", "H45-261105-0123"],
  ])("%s → %s", (text, expected) => {
    expect(findReceiptCode(text)).toBe(expected);
  });

  it.each(["482913", "30/6/2026", "261340-0001", "0912-345-678", "NV12"])(
    "%s is not a receipt code",
    (text) => {
      expect(findReceiptCode(text)).toBeUndefined();
    },
  );
});

describe("set_progress percent", () => {
  it.each([
    ["NV12 0%", 0],
    ["NV12 1%", 1],
    ["NV12 99 %", 99],
    ["NV12 100%", 100],
    ["nv12 lên 80 phần trăm", 80],
    ["NV12 62.6%", 63],
  ])("%s → %i", (text, percent) => {
    expect(parse(text)).toMatchObject({ name: "set_progress", task: { code: "NV12" }, percent });
  });

  it.each(["NV12 101%", "NV12 150%", "nv12 1000 phần trăm"])("%s is rejected", (text) => {
    expect(parse(text)).toEqual({ name: "unknown" });
  });

  it("keeps the note with its diacritics", () => {
    expect(parse("tiến độ NV12 60% đang chờ ký")).toEqual({
      name: "set_progress",
      task: { kind: "code", code: "NV12" },
      percent: 60,
      note: "đang chờ ký",
    });
  });
});

describe("task actions", () => {
  it("mark_done keeps the rest as a note", () => {
    expect(parse("NV12 đã hoàn thành, đã gửi báo cáo huyện")).toEqual({
      name: "mark_done",
      task: { kind: "code", code: "NV12" },
      note: "đã gửi báo cáo huyện",
    });
    expect(parse("xong NV12")).toEqual({ name: "mark_done", task: { kind: "code", code: "NV12" } });
  });

  it("a question or a negation is not a report", () => {
    expect(parse("NV12 xong chưa?")).toMatchObject({ name: "task_detail" });
    expect(parse("NV12 chưa hoàn thành")).toMatchObject({ name: "task_detail" });
  });

  it("request_extension: until and reason", () => {
    expect(parse("gia hạn NV12 đến 30/7/2027 vì chờ huyện")).toEqual({
      name: "request_extension",
      task: { kind: "code", code: "NV12" },
      until: "2027-07-30",
      reason: "chờ huyện",
    });
    expect(parse("NV12 xin thêm 1 tuần")).toEqual({
      name: "request_extension",
      task: { kind: "code", code: "NV12" },
      reason: "xin thêm 1 tuần",
    });

    // "độ" of "tiến độ" is not "do" (because).
    expect(parse("xin gia hạn nv12, tiến độ chậm do thiếu kinh phí")).toMatchObject({
      reason: "thiếu kinh phí",
    });
    // Far past → next year; recently past → as written (the handler refuses it).
    expect(parse("lùi hạn NV12 sang 15/1")).toMatchObject({ until: "2027-01-15" });
    expect(parse("gia hạn NV12 đến 30/7")).toMatchObject({ until: "2026-07-30" });
  });

  it("notes drop a closing thank-you and punctuation left by removed words", () => {
    expect(parse("NV12 hoàn thành rồi, cảm ơn em")).toEqual({
      name: "mark_done",
      task: { kind: "code", code: "NV12" },
    });
    expect(parse("báo cáo kết quả NV12: đã xong, gửi kèm file")).toMatchObject({
      note: "báo cáo kết quả, gửi kèm file",
    });
  });

  it("a bare 'mai' after a title is a name, not tomorrow", () => {
    expect(parse("việc của chị Mai")).toEqual({ name: "department_tasks", department: "chi mai" });
    expect(parse("mai có việc gì không")).toMatchObject({ name: "tasks_due", range: { from: "2026-11-19" } });
  });

  it("a link code needs a link word (or to be sent alone)", () => {
    expect(parse("mã 482913")).toEqual({ name: "link", code: "482913" });
    expect(parse("mã hồ sơ 1234")).toEqual({ name: "unknown" });
    expect(parse("đăng ký kết hôn năm 2026")).toEqual({ name: "unknown" });
  });
});

describe("robustness", () => {
  const NAMES = new Set<string>(INTENT_NAMES);
  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  function assertValid(intent: Intent): void {
    expect(NAMES.has(intent.name)).toBe(true);
    const range = "range" in intent ? intent.range : undefined;
    if (range) {
      expect(range.from).toMatch(DAY);
      expect(range.to).toMatch(DAY);
      expect(range.from <= range.to).toBe(true);
      expect(range.label.length).toBeGreaterThan(0);
    }
    if ("task" in intent) {
      if (intent.task.kind === "code") expect(intent.task.code).toMatch(/^NV[1-9]\d*$/);
      else expect(intent.task.text.length).toBeGreaterThan(0);
    }
    if (intent.name === "set_progress") {
      expect(Number.isInteger(intent.percent)).toBe(true);
      expect(intent.percent).toBeGreaterThanOrEqual(0);
      expect(intent.percent).toBeLessThanOrEqual(100);
    }
    if (intent.name === "link") expect(intent.code).toMatch(/^\d{4,8}$/);
    if (intent.name === "request_extension" && intent.until) expect(intent.until).toMatch(DAY);
  }

  // Pieces of real messages, so that random strings also hit the interesting rules.
  const piece = fc.constantFrom(
    "nv",
    "NV12",
    "#",
    "việc",
    "hồ sơ",
    "quá hạn",
    "xong",
    "gia hạn",
    "đến",
    "vì",
    "%",
    "150%",
    "30/6",
    "31/2",
    "quý",
    "III",
    "tuần sau",
    "thứ",
    "của",
    "tư pháp",
    "đăng ký",
    "H45-260213-0001",
    "ạ",
    " ",
    "?",
    "đ",
    "\u0301",
    "😂",
  );

  it("never throws and always returns a valid Intent", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "grapheme" }),
          fc.array(piece).map((p) => p.join(" ")),
        ),
        fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        (text, now) => {
          assertValid(parseOfficialIntent(text, now));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("tolerates bad inputs", () => {
    expect(parseOfficialIntent(undefined as unknown as string, NOW)).toEqual({ name: "unknown" });
    expect(parseOfficialIntent("việc hôm nay", new Date(Number.NaN))).toEqual({ name: "unknown" });
    expect(parseOfficialIntent("x".repeat(100_000), NOW)).toEqual({ name: "unknown" });
  });
});

describe("link and unlink only when the whole message is about linking", () => {
  const now = new Date("2026-11-18T03:00:00Z");
  it.each([
    "NV12 60% đã xóa đăng ký tạm trú cho 3 hộ",
    "hồ sơ xóa đăng ký thường trú quá hạn chưa",
    "xong NV5 đã hủy đăng ký kết hôn cho 2 trường hợp",
  ])("%s is not an unlink", (text) => {
    expect(parseOfficialIntent(text, now).name).not.toBe("unlink");
  });
  it.each(["NV7 80% đã kích hoạt 2500 tài khoản định danh", "xác nhận cư trú số nhà 1234"])(
    "%s is not a link attempt",
    (text) => {
      expect(parseOfficialIntent(text, now).name).not.toBe("link");
    },
  );
});
