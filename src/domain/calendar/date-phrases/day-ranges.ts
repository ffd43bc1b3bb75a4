/**
 * Vietnamese date and period expressions in an official's normalised chat message
 * (src/bot/intents/normalize.ts) → an inclusive DayRange of Asia/Ho_Chi_Minh calendar
 * days, relative to today.
 *
 * Decisions on ambiguous phrases:
 * - A day or month without a year is in the current year, even when it is long past
 *   ("30/6" asked in November → 30/6 of this year, not next year): officials ask about
 *   old deadlines as often as future ones. (The parser rolls an extension date that is
 *   over ~6 months past to next year; `yearGiven` tells it when it may.)
 * - Weeks run Monday–Sunday. "thứ sáu" = the coming Friday, today if today is Friday;
 *   "thứ sáu tuần sau" = Friday of next week.
 * - "cuối tuần/tháng/quý/năm" = from today to the last day of that period;
 *   "cuối tháng 12" (a named month) = its last third, 21st to the last day.
 * - "N ngày tới" = today … today + N; "trong N tuần" likewise with 7N days.
 * - "sắp tới" = the next 7 days; "trước Tết" = today … the eve of the coming lunar new year.
 * - "trước 15/7" is strict (… 14/7, like the plan deadlines), from today; if that is
 *   already past, from 1 January of that year. "đến 30/6" = today … 30/6.
 */
import { WEEKDAY_NAMES_VI } from "../format.js";
import { lunarNewYear } from "../lunar.js";
import {
  addCalendarMonths,
  halfYearDays,
  monthDays,
  quarterDays,
  quarterOfDay,
  shiftMonth,
  shiftQuarter,
  weekDays,
  yearDays,
} from "../periods.js";
import { addCalendarDays, parseDayKey, toDayKey, weekdayOf } from "../working-days.js";
import {
  isPhraseDay,
  isPhraseYear,
  QUARTER_NUMBER,
  QUARTER_WORD,
  quarterNumber,
  romanQuarter,
} from "./vocabulary.js";

/** An inclusive range of calendar days, YYYY-MM-DD in Asia/Ho_Chi_Minh. */
export interface DayRange {
  from: string;
  to: string;
  /** How the person said it, for the reply ("tuần này", "quý 3"). */
  label: string;
}

export interface FoundRange {
  range: DayRange;
  /** Offsets of the phrase in the normalised text. */
  start: number;
  end: number;
  /** Whether the phrase named its year ("30/6/2027", "quý 3 năm 2027"). */
  yearGiven: boolean;
}

type Made = { from: string; to: string; label: string; yearGiven?: boolean } | undefined;
type Rule = { re: RegExp; make: (m: RegExpMatchArray, today: string) => Made };

const yearOf = (key: string): number => parseDayKey(key).year;
const monthOf = (key: string): number => parseDayKey(key).month;
const mondayOf = (key: string): string => weekDays(key).from;
const dm = (key: string): string => {
  const { day, month } = parseDayKey(key);
  return `${day}/${month}`;
};

function monthSpan(year: number, month: number, label: string): Made {
  if (month < 1 || month > 12 || !isPhraseYear(year)) return undefined;
  return { ...monthDays(year, month), label };
}

function quarterSpan(year: number, q: number, label: string): Made {
  if (q < 1 || q > 4 || !isPhraseYear(year)) return undefined;
  return { ...quarterDays(year, q), label };
}

function yearSpan(year: number, label: string): Made {
  if (!isPhraseYear(year)) return undefined;
  return { ...yearDays(year), label };
}

/** A "d/m[/yyyy]" day from regex groups; undefined when not a real day. */
function dayFrom(
  today: string,
  d?: string,
  m?: string,
  y?: string,
): { key: string; label: string } | undefined {
  const year = y ? Number(y) : yearOf(today);
  const [day, month] = [Number(d), Number(m)];
  if (!isPhraseDay(year, month, day)) return undefined;
  return { key: toDayKey(year, month, day), label: y ? `${day}/${month}/${year}` : `${day}/${month}` };
}

const B = "(?<![a-z0-9])";
const E = "(?![a-z0-9/])";
const DATE = String.raw`(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?(?![\d])`;
/** The word after "năm" that names a year from this one: "năm sau", "năm ngoái". */
const RELATIVE_YEAR = "(nay|sau|toi|truoc|ngoai)";
/** "năm 2027", " 2027", "/2027", "năm sau" after a day, month or quarter: three groups. */
const YEAR_SUFFIX = String.raw`(?:(?: nam)? (\d{4})|/(\d{4})| nam ${RELATIVE_YEAR})?`;

/** The period after this one for "sau"/"tới", before it for "trước"/"ngoái", else this one. */
function relativeShift(word: string | undefined): number {
  return word === "sau" || word === "toi" ? 1 : word === "truoc" || word === "ngoai" ? -1 : 0;
}

/** "quý sau", "tháng trước", "năm nay": the unit and the word for the shift. */
function relativeLabel(unit: string, shift: number, current = "này"): string {
  return `${unit} ${shift === 1 ? "sau" : shift === -1 ? "trước" : current}`;
}

/** The year named by YEAR_SUFFIX's groups, else the current one. */
function suffixYear(
  today: string,
  a?: string,
  b?: string,
  relative?: string,
): { year: number; given: boolean } {
  if (a ?? b) return { year: Number(a ?? b), given: true };
  return { year: yearOf(today) + relativeShift(relative), given: relative !== undefined };
}
const re = (source: string): RegExp => new RegExp(`${B}${source}${E}`, "g");

const WEEKDAY: Record<string, number> = {
  hai: 1,
  "2": 1,
  ba: 2,
  "3": 2,
  tu: 3,
  "4": 3,
  nam: 4,
  "5": 4,
  sau: 5,
  "6": 5,
  bay: 6,
  "7": 6,
};

const RULES: Rule[] = [
  {
    // "từ 1/12 đến 15/12", "1/12 - 15/12"
    re: re(`(?:tu )?(?:ngay )?${DATE} ?(?:(?:den|toi) (?:het )?)?(?:ngay )?${DATE}`),
    make: (m, today) => {
      const a = dayFrom(today, m[1], m[2], m[3]);
      const b = dayFrom(today, m[4], m[5], m[6] ?? m[3]);
      if (!a || !b || b.key < a.key) return undefined;
      return { from: a.key, to: b.key, label: `${a.label}–${b.label}`, yearGiven: Boolean(m[3] || m[6]) };
    },
  },
  {
    // "trước 15/7": strict, from today
    re: re(`truoc (?:ngay )?${DATE}`),
    make: (m, today) => {
      const a = dayFrom(today, m[1], m[2], m[3]);
      if (!a) return undefined;
      const to = addCalendarDays(a.key, -1);
      const from = today <= to ? today : toDayKey(yearOf(to), 1, 1);
      return { from, to, label: `trước ${a.label}`, yearGiven: Boolean(m[3]) };
    },
  },
  {
    // "đến 30/6", "tới ngày 30/6"
    re: re(`(?:den|toi|han den) (?:het )?(?:ngay )?${DATE}`),
    make: (m, today) => {
      const a = dayFrom(today, m[1], m[2], m[3]);
      if (!a) return undefined;
      return {
        from: a.key < today ? a.key : today,
        to: a.key,
        label: `đến ${a.label}`,
        yearGiven: Boolean(m[3]),
      };
    },
  },
  {
    // "ngày 5 tháng 7 (năm 2027)"
    re: re(String.raw`(?:ngay )?(\d{1,2}) thang (\d{1,2})${YEAR_SUFFIX}`),
    make: (m, today) => {
      const { year, given } = suffixYear(today, m[3], m[4], m[5]);
      const a = dayFrom(today, m[1], m[2], given ? String(year) : undefined);
      return a && { from: a.key, to: a.key, label: a.label, yearGiven: given };
    },
  },
  {
    // "30/6", "30-6", "30/6/2027", "ngày 30/6"
    re: re(`(?:ngay )?${DATE}`),
    make: (m, today) => {
      const a = dayFrom(today, m[1], m[2], m[3]);
      return a && { from: a.key, to: a.key, label: a.label, yearGiven: Boolean(m[3]) };
    },
  },
  {
    // "7 ngày tới", "trong 2 tuần tới", "trong 10 ngày"
    re: re(
      String.raw`(?:(?:trong )?(\d{1,3}) (ngay|tuan|thang) (?:sap toi|toi|nua|ke tiep|tiep theo)|trong (\d{1,3}) (ngay|tuan|thang))`,
    ),
    make: (m, today) => {
      const n = Number(m[1] ?? m[3]);
      const unit = (m[2] ?? m[4]) as string;
      if (n < 1 || n > 366) return undefined;
      let to: string;
      if (unit === "thang") to = addCalendarMonths(today, n);
      else to = addCalendarDays(today, unit === "tuan" ? 7 * n : n);
      const unitVi = { ngay: "ngày", tuan: "tuần", thang: "tháng" }[unit];
      return { from: today, to, label: `${n} ${unitVi} tới` };
    },
  },
  {
    // "thứ sáu", "thứ 6 tuần sau", "chủ nhật", "trước thứ 6" (strict)
    re: re(
      String.raw`(truoc )?(?:thu (hai|ba|tu|nam|sau|bay|[2-7])|(chu nhat))(?: tuan (nay|sau nua|sau|toi|truoc))?`,
    ),
    make: (m, today) => {
      const weekday = m[3] ? 0 : (WEEKDAY[m[2] as string] as number);
      const offset = (weekday + 6) % 7; // days after Monday
      const week = m[4];
      let key: string;
      if (week === undefined) key = addCalendarDays(today, (weekday - weekdayOf(today) + 7) % 7);
      else {
        const shift = { nay: 0, sau: 7, toi: 7, "sau nua": 14, truoc: -7 }[week] ?? 0;
        key = addCalendarDays(mondayOf(today), shift + offset);
      }
      const label = `${WEEKDAY_NAMES_VI[weekday]} ${dm(key)}`;
      if (m[1]) {
        // "trước thứ 4" asked on a Wednesday: before next Wednesday.
        if (key <= today) key = addCalendarDays(key, 7);
        return {
          from: today,
          to: addCalendarDays(key, -1),
          label: `trước ${WEEKDAY_NAMES_VI[weekday]} ${dm(key)}`,
        };
      }
      return { from: key, to: key, label };
    },
  },
  {
    // "cuối tháng 12": its last third
    re: re(String.raw`cuoi thang (\d{1,2})${YEAR_SUFFIX}`),
    make: (m, today) => {
      const { year, given } = suffixYear(today, m[2], m[3], m[4]);
      const month = Number(m[1]);
      const r = monthSpan(year, month, `cuối tháng ${month}`);
      return r && { ...r, from: toDayKey(year, month, 21), yearGiven: given };
    },
  },
  {
    // "cuối tháng (này)": from today to the end of the period
    re: re(String.raw`cuoi (tuan|thang|quy|nam)(?! (?:sau|toi|truoc|\d))(?: nay)?`),
    make: (m, today) => {
      const { year, month } = parseDayKey(today);
      const unit = m[1] as string;
      const to =
        unit === "tuan"
          ? weekDays(today).to
          : unit === "thang"
            ? monthDays(year, month).to
            : unit === "quy"
              ? quarterDays(year, quarterOfDay(today)).to
              : yearDays(year).to;
      const unitVi = { tuan: "tuần", thang: "tháng", quy: "quý", nam: "năm" }[unit];
      return { from: today, to, label: `cuối ${unitVi}` };
    },
  },
  {
    // "sắp tới", "thời gian tới": the next 7 days
    re: re(String.raw`(?:sap toi|thoi gian toi|nhung ngay toi)`),
    make: (_m, today) => ({ from: today, to: addCalendarDays(today, 7), label: "sắp tới" }),
  },
  {
    // "trước Tết" (strict), "đến Tết": the coming lunar new year
    re: re(String.raw`(truoc|den|toi) tet(?: nguyen dan| am lich)?`),
    make: (m, today) => {
      let tet = lunarNewYear(yearOf(today));
      if (tet <= today) tet = lunarNewYear(yearOf(today) + 1);
      const before = m[1] === "truoc";
      return {
        from: today,
        to: before ? addCalendarDays(tet, -1) : tet,
        label: before ? "trước Tết" : "đến Tết",
      };
    },
  },
  {
    // A bare "mai" after a title or "của" is a name ("chị Mai", "Nguyễn Thị Mai").
    re: re(
      String.raw`(hom nay|ngay hom nay|trong ngay|ngay mai|(?<!(?:chi|anh|em|co|ba|ong|chu|bac|thi|cua|ban) )mai|ngay kia|ngay mot|hom qua)`,
    ),
    make: (m, today) => {
      const word = m[1] as string;
      const [shift, label] =
        word === "hom qua"
          ? [-1, "hôm qua"]
          : word === "ngay mai" || word === "mai"
            ? [1, "ngày mai"]
            : word === "ngay kia" || word === "ngay mot"
              ? [2, "ngày kia"]
              : [0, "hôm nay"];
      const key = addCalendarDays(today, shift);
      return { from: key, to: key, label };
    },
  },
  {
    re: re(
      String.raw`(tuan nay|trong tuan|tuan hien tai|tuan sau nua|tuan sau|tuan toi|tuan ke tiep|tuan truoc)`,
    ),
    make: (m, today) => {
      const word = m[1] as string;
      const [shift, label] =
        word === "tuan sau nua"
          ? [14, "tuần sau nữa"]
          : word === "tuan truoc"
            ? [-7, "tuần trước"]
            : word === "tuan sau" || word === "tuan toi" || word === "tuan ke tiep"
              ? [7, "tuần sau"]
              : [0, "tuần này"];
      const monday = addCalendarDays(mondayOf(today), shift);
      return { from: monday, to: addCalendarDays(monday, 6), label };
    },
  },
  {
    // "quý 3", "quý III/2026", "Q3", "quý 4 năm 2027"
    re: re(String.raw`${QUARTER_WORD} ?${QUARTER_NUMBER}${YEAR_SUFFIX}`),
    make: (m, today) => {
      const q = quarterNumber(m[1] as string);
      const { year, given } = suffixYear(today, m[2], m[3], m[4]);
      const r = quarterSpan(year, q, `quý ${romanQuarter(q)}/${year}`);
      return r && { ...r, yearGiven: given };
    },
  },
  {
    re: re(String.raw`(?:quy|qui) (nay|hien tai|sau|toi|truoc)`),
    make: (m, today) => {
      const shift = relativeShift(m[1]);
      const [year, quarter] = shiftQuarter(today, shift);
      return quarterSpan(year, quarter, relativeLabel("quý", shift));
    },
  },
  {
    // "6 tháng đầu năm", "nửa cuối năm 2026"
    re: re(String.raw`(?:6 thang|nua) (dau|cuoi) nam(?: (\d{4}))?`),
    make: (m, today) => {
      const year = Number(m[2] ?? yearOf(today));
      const first = m[1] === "dau";
      return {
        ...halfYearDays(year, first ? 1 : 2),
        label: `6 tháng ${first ? "đầu" : "cuối"} năm ${year}`,
        yearGiven: Boolean(m[2]),
      };
    },
  },
  {
    // "tháng 7", "tháng 7/2026", "7/2026"
    re: re(String.raw`(?:thang (\d{1,2})${YEAR_SUFFIX}|(\d{1,2})/(\d{4}))`),
    make: (m, today) => {
      const month = Number(m[1] ?? m[5]);
      const { year, given } = suffixYear(today, m[2] ?? m[6], m[3], m[4]);
      const r = monthSpan(year, month, `tháng ${month}/${year}`);
      return r && { ...r, yearGiven: given };
    },
  },
  {
    re: re(String.raw`(thang nay|trong thang|thang hien tai|thang sau|thang toi|thang truoc)`),
    make: (m, today) => {
      const shift = relativeShift(m[1]?.replace(/^thang /, ""));
      const [year, month] = shiftMonth(today, shift);
      return monthSpan(year, month, relativeLabel("tháng", shift));
    },
  },
  {
    re: re(String.raw`(?:nam ${RELATIVE_YEAR}|trong nam|nam (\d{4}))`),
    make: (m, today) => {
      if (m[2]) {
        const r = yearSpan(Number(m[2]), `năm ${m[2]}`);
        return r && { ...r, yearGiven: true };
      }
      const shift = relativeShift(m[1]);
      return yearSpan(yearOf(today) + shift, relativeLabel("năm", shift, "nay"));
    },
  },
  {
    // "ngày 25" (of this month)
    re: re(String.raw`ngay (\d{1,2})(?! (?:thang|ngay|tuan))`),
    make: (m, today) => {
      const a = dayFrom(today, m[1], String(monthOf(today)));
      return a && { from: a.key, to: a.key, label: a.label };
    },
  },
];

/** The first date or period phrase in normalised `text` (rules in priority order). */
export function findDayRange(text: string, today: string): FoundRange | undefined {
  for (const { re: pattern, make } of RULES) {
    for (const m of text.matchAll(pattern)) {
      const made = make(m, today);
      if (made) {
        const { yearGiven, ...range } = made;
        return { range, start: m.index, end: m.index + m[0].length, yearGiven: yearGiven ?? false };
      }
    }
  }
  return undefined;
}
