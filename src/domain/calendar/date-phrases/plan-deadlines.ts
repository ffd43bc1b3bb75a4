/**
 * Parses the free-text deadline ("Thời gian hoàn thành") of a task in a
 * commune's CCHC plan into due days.
 *
 * Interpretation rules (each due day is the LAST day that still meets the
 * deadline; tasks are due at 17:00 of that day, see dueInstant):
 * - A named period is due on its last day: "Tháng 01/2023" → 31/01/2023,
 *   "Quý II" → 30/06, "Năm 2023" / "Trong năm 2023" → 31/12,
 *   "6 tháng đầu năm" → 30/06, "6 tháng cuối năm" → 31/12.
 * - "Đầu <tháng|quý>" = its first 10 days (→ day 10 of the first month);
 *   "đầu năm" = January; "giữa tháng" → 15th, "giữa quý" → 15th of its
 *   middle month, "giữa năm" → 30/06; "cuối X" = end of X.
 * - "Trước X" is strict: the day before X starts ("Trước 01/2023" →
 *   31/12/2022, "trước ngày 15/12" → 14/12). "Chậm nhất / hạn chót X" → X.
 * - "A và B", "A, B" → several deadlines; "A hoặc B", "A đến B", "A - B" →
 *   one deadline, the later bound ("Cuối Quý II hoặc đầu Quý III" → 10/07).
 * - No year in the phrase → the nearest year written next to another item of
 *   the phrase ("Tháng 5 và tháng 11/2023"), else planYear.
 * - "Hằng tháng" → 12 month ends (or day N of each month with "ngày N"),
 *   "Hằng quý" → 4 quarter ends, "Hằng năm" → the plan-year deadline(s).
 * - "Định kỳ 6 tháng", "6 tháng một lần" → half-yearly: 30/06 and 31/12.
 * - "Thường xuyên", "Theo yêu cầu", "Khi có yêu cầu", "Hằng ngày/tuần"… →
 *   continuous, no deadlines; so is "Thường xuyên trong năm": the year there
 *   says how long the work goes on, not when it is due. A continuous phrase
 *   that also names a period ("Thường xuyên; báo cáo Quý II") keeps that
 *   period's deadline. Anything else, or any "sau" (after) phrase → unknown,
 *   no deadlines. Never throws.
 */
import {
  type DaySpan,
  daysInMonth,
  halfYearDays,
  monthDays,
  monthsDays,
  quarterDays,
  yearDays,
} from "../periods.js";
import { addCalendarDays, toDayKey, VIETNAM_TIME_ZONE, zonedInstant } from "../working-days.js";
import { foldVietnamese, nfc } from "../../text/vietnamese.js";
import {
  isPhraseDay,
  isPhraseYear,
  QUARTER_NUMBER,
  QUARTER_WORD,
  quarterNumber,
  ROMAN_QUARTER,
  romanQuarter,
} from "./vocabulary.js";

export type DeadlineKind = "date" | "period" | "multiple" | "continuous" | "unknown";
export type DeadlineRecurrence =
  "none" | "continuous" | "monthly" | "quarterly" | "half-yearly" | "yearly" | "multiple";

export type PhraseDeadline = {
  /** YYYY-MM-DD: the last day of the named period (or the named day). */
  dueOn: string;
  /** Short Vietnamese label, e.g. "Quý I/2024", "31/01/2024". */
  label: string;
};

export type ParsedDeadline = {
  kind: DeadlineKind;
  recurrence: DeadlineRecurrence;
  deadlines: PhraseDeadline[];
  /** The original phrase, trimmed and NFC-normalised. */
  text: string;
};

/** 17:00 Asia/Ho_Chi_Minh (end of office hours) of `dueOn`, as an instant. */
export function dueInstant(dueOn: string, timeZone: string = VIETNAM_TIME_ZONE): Date {
  return zonedInstant(dueOn, 17, 0, timeZone);
}

// ---------------------------------------------------------------------------
// Periods

type Period =
  | { unit: "day"; year?: number | undefined; month: number; day: number }
  | { unit: "month"; year?: number | undefined; month: number }
  | { unit: "quarter"; year?: number | undefined; quarter: number }
  /** "N tháng đầu năm" (from: "first") / "N tháng cuối năm" (from: "last"). */
  | { unit: "months"; year?: number | undefined; count: number; from: "first" | "last" }
  | { unit: "year"; year?: number | undefined };

type Position = "start" | "mid" | "end";

type Item = { period: Period; position?: Position | undefined; before: boolean };

const pad2 = (n: number): string => String(n).padStart(2, "0");

function isValidPeriod(p: Period): boolean {
  if (p.year !== undefined && !isPhraseYear(p.year)) return false;
  switch (p.unit) {
    case "day":
      // Without a year, "29/02" may still be a day: resolve() checks it once the year is known.
      return isPhraseDay(p.year ?? 2000, p.month, p.day);
    case "month":
      return p.month >= 1 && p.month <= 12;
    case "quarter":
      return p.quarter >= 1 && p.quarter <= 4;
    case "months":
      return p.count >= 1 && p.count <= 12;
    case "year":
      return true;
  }
}

/** The days of a period. */
function daysOf(p: Period, year: number): DaySpan {
  switch (p.unit) {
    case "day": {
      const key = toDayKey(year, p.month, p.day);
      return { from: key, to: key };
    }
    case "month":
      return monthDays(year, p.month);
    case "quarter":
      return quarterDays(year, p.quarter);
    case "months":
      return p.from === "first" ? monthsDays(year, 1, p.count) : monthsDays(year, 13 - p.count, 12);
    case "year":
      return yearDays(year);
  }
}

function dueOf(item: Item, year: number): string {
  const { from: first, to: last } = daysOf(item.period, year);
  if (item.before) return addCalendarDays(first, -1);
  const p = item.period;
  if (item.position === "start") {
    if (p.unit === "month" || p.unit === "quarter") return addCalendarDays(first, 9);
    if (p.unit === "year") return monthDays(year, 1).to;
  }
  if (item.position === "mid") {
    if (p.unit === "month") return addCalendarDays(first, 14);
    if (p.unit === "quarter") return toDayKey(year, p.quarter * 3 - 1, 15);
    if (p.unit === "year") return halfYearDays(year, 1).to;
  }
  return last;
}

const monthLabel = (year: number, month: number): string => `Tháng ${pad2(month)}/${year}`;
const quarterLabel = (year: number, q: number): string => `Quý ${romanQuarter(q)}/${year}`;

/** "Quý I/2024", "Tháng 01/2024", "31/01/2024", "Năm 2024", "6 tháng đầu năm 2024". */
function periodLabel(p: Period, year: number): string {
  switch (p.unit) {
    case "day":
      return `${pad2(p.day)}/${pad2(p.month)}/${year}`;
    case "month":
      return monthLabel(year, p.month);
    case "quarter":
      return quarterLabel(year, p.quarter);
    case "months":
      return `${p.count} tháng ${p.from === "first" ? "đầu" : "cuối"} năm ${year}`;
    case "year":
      return `Năm ${year}`;
  }
}

const POSITION_WORD: Record<Position, string> = { start: "Đầu", mid: "Giữa", end: "Cuối" };

function itemLabel(item: Item, year: number): string {
  const base = periodLabel(item.period, year);
  // "Tháng"/"Năm" lose their capital after a prefix; "Quý" keeps it.
  const inner = base.replace(/^(Tháng|Năm) /, (w) => w.toLowerCase());
  const positional = item.period.unit !== "day" && item.period.unit !== "months";
  if (item.before) return `Trước ${inner}`;
  if (item.position && positional) return `${POSITION_WORD[item.position]} ${inner}`;
  return base;
}

// ---------------------------------------------------------------------------
// Lexer (on folded text)

type Token =
  | { t: "item"; period: Period }
  | { t: "num"; n: number }
  | { t: "roman"; n: number }
  | { t: "year4"; year: number }
  | { t: "yearWord" }
  | { t: "pos"; position: Position }
  | { t: "before" | "by" | "after" | "and" | "or" | "in" };

const YEAR_SUFFIX = String.raw`(?:\s*[/.-]\s*(\d{4})|\s*nam\s*(\d{4}))?(?!\d)`;
const optYear = (a?: string, b?: string): number | undefined => {
  const y = a ?? b;
  return y === undefined ? undefined : Number(y);
};

type Rule = [RegExp, (m: RegExpExecArray) => Token];

const RULES: Rule[] = [
  [
    /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/y,
    (m) => ({
      t: "item",
      period: { unit: "day", day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) },
    }),
  ],
  [
    /(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/y,
    (m) => ({
      t: "item",
      period: { unit: "month", month: Number(m[1]), year: Number(m[2]) },
    }),
  ],
  [
    /(\d{1,2})\s*[/.-]\s*(\d{1,2})(?!\d)/y,
    (m) => ({
      t: "item",
      period: { unit: "day", day: Number(m[1]), month: Number(m[2]) },
    }),
  ],
  [
    new RegExp(String.raw`ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})${YEAR_SUFFIX}`, "y"),
    (m) => ({
      t: "item",
      period: { unit: "day", day: Number(m[1]), month: Number(m[2]), year: optYear(m[3], m[4]) },
    }),
  ],
  [
    /(\d{1,2})\s*thang\s*(dau|cuoi)\s*(?:cua\s*)?nam(?:\s*(\d{4}))?(?!\d)/y,
    (m) => ({
      t: "item",
      period: {
        unit: "months",
        count: Number(m[1]),
        from: m[2] === "dau" ? "first" : "last",
        year: optYear(m[3]),
      },
    }),
  ],
  [
    /nua\s*(dau|cuoi)\s*nam(?:\s*(\d{4}))?(?!\d)/y,
    (m) => ({
      t: "item",
      period: { unit: "months", count: 6, from: m[1] === "dau" ? "first" : "last", year: optYear(m[2]) },
    }),
  ],
  [
    new RegExp(String.raw`thang\s*(\d{1,2})${YEAR_SUFFIX}`, "y"),
    (m) => ({
      t: "item",
      period: { unit: "month", month: Number(m[1]), year: optYear(m[2], m[3]) },
    }),
  ],
  [
    new RegExp(String.raw`${QUARTER_WORD}\s*${QUARTER_NUMBER}(?![a-z0-9])${YEAR_SUFFIX}`, "y"),
    (m) => ({
      t: "item",
      period: {
        unit: "quarter",
        quarter: quarterNumber(m[1] as string),
        year: optYear(m[2], m[3]),
      },
    }),
  ],
  [/nam\s*(\d{4})(?!\d)/y, (m) => ({ t: "item", period: { unit: "year", year: Number(m[1]) } })],
  [/nam(?![a-z])/y, () => ({ t: "yearWord" })],
  [/(\d{4})(?!\d)/y, (m) => ({ t: "year4", year: Number(m[1]) })],
  [
    new RegExp(`(${ROMAN_QUARTER})(?![a-z0-9])`, "y"),
    (m) => ({ t: "roman", n: quarterNumber(m[1] as string) }),
  ],
  [/(\d{1,2})(?!\d)/y, (m) => ({ t: "num", n: Number(m[1]) })],
  [/truoc(?![a-z])/y, () => ({ t: "before" })],
  [/(?:cham nhat|muon nhat|han chot|khong qua|khong muon hon)(?![a-z])/y, () => ({ t: "by" })],
  [/sau(?![a-z])/y, () => ({ t: "after" })],
  [/dau(?![a-z])/y, () => ({ t: "pos", position: "start" })],
  [/giua(?![a-z])/y, () => ({ t: "pos", position: "mid" })],
  [/cuoi(?![a-z])/y, () => ({ t: "pos", position: "end" })],
  [/(?:hoac|den|toi)(?![a-z])|[-–—]/y, () => ({ t: "or" })],
  [/va(?![a-z])|[,;&+]/y, () => ({ t: "and" })],
  [/(?:trong|ca)(?![a-z])/y, () => ({ t: "in" })],
];

function lex(folded: string): Token[] {
  const s = folded.replace(/[()[\]{}"'“”‘’:!?]/g, " ");
  const tokens: Token[] = [];
  let i = 0;
  outer: while (i < s.length) {
    if (s[i] === " ") {
      i++;
      continue;
    }
    for (const [re, make] of RULES) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (m && m[0].length > 0) {
        tokens.push(make(m));
        i = re.lastIndex;
        continue outer;
      }
    }
    // Unknown word (or stray punctuation): skip it.
    const skip = /[^\s,;&+\-–—]+|./y;
    skip.lastIndex = i;
    skip.exec(s);
    i = skip.lastIndex;
  }
  return tokens;
}

// ---------------------------------------------------------------------------
// Parser

type Parsed = { items: Item[]; connectors: ("and" | "or")[]; after: boolean };

function parseItems(tokens: Token[]): Parsed {
  const items: Item[] = [];
  const connectors: ("and" | "or")[] = [];
  let connector: "and" | "or" = "and";
  let connectorSeen = false;
  let position: Position | undefined;
  let before = false;
  let after = false;
  let prev: Token | undefined;

  const push = (period: Period): void => {
    if (items.length > 0) connectors.push(connector);
    items.push({ period, position, before });
    position = undefined;
    connector = "and";
    connectorSeen = false;
  };

  for (const tok of tokens) {
    const last = items[items.length - 1];
    switch (tok.t) {
      case "item":
        push(tok.period);
        break;
      case "num": // "Tháng 3, 6, 9" → more months
        if (last?.period.unit === "month" && connectorSeen) push({ unit: "month", month: tok.n });
        break;
      case "roman": // "Quý II và IV" → more quarters
        if (last?.period.unit === "quarter" && connectorSeen) push({ unit: "quarter", quarter: tok.n });
        break;
      case "year4":
        if (last && last.period.year === undefined && !connectorSeen) last.period.year = tok.year;
        else push({ unit: "year", year: tok.year });
        break;
      case "yearWord": // bare "năm" only after "cuối/đầu/giữa/trong/cả"
        if (prev?.t === "pos" || prev?.t === "in") push({ unit: "year" });
        break;
      case "pos":
        position = tok.position;
        break;
      case "before":
        before = true;
        break;
      case "by":
        before = false;
        break;
      case "after":
        after = true;
        break;
      case "and":
      case "or":
        // "or" wins over "and" in "A, hoặc B".
        if (!connectorSeen || tok.t === "or") connector = tok.t;
        connectorSeen = true;
        break;
      case "in":
        break;
    }
    prev = tok;
  }
  return { items: items.filter((it) => isValidPeriod(it.period)), connectors, after };
}

/** Year of each item: its own, else the nearest later one, else the nearest earlier, else planYear. */
function resolveYears(items: Item[], planYear: number): number[] {
  return items.map((item, i) => {
    if (item.period.year !== undefined) return item.period.year;
    const later = items.slice(i + 1).find((it) => it.period.year !== undefined);
    const earlier = items
      .slice(0, i)
      .reverse()
      .find((it) => it.period.year !== undefined);
    return later?.period.year ?? earlier?.period.year ?? planYear;
  });
}

type Resolved = PhraseDeadline & { exactDay: boolean };

function resolve(parsed: Parsed, planYear: number): Resolved[] {
  const { items, connectors } = parsed;
  const years = resolveYears(items, planYear);
  const groups: Resolved[][] = [];
  items.forEach((item, i) => {
    const year = years[i] as number;
    const group = i > 0 && connectors[i - 1] === "or" ? groups[groups.length - 1] : undefined;
    const target = group ?? [];
    if (!group) groups.push(target);
    // "29/02" without a year is only valid once the year is known.
    if (item.period.unit === "day" && item.period.day > daysInMonth(year, item.period.month)) return;
    target.push({
      dueOn: dueOf(item, year),
      label: itemLabel(item, year),
      exactDay: item.period.unit === "day" || item.before,
    });
  });
  // "A hoặc B" / ranges: the later bound is the deadline.
  const chosen = groups
    .filter((g) => g.length > 0)
    .map((g) => g.reduce((a, b) => (b.dueOn > a.dueOn ? b : a)));
  const unique = new Map<string, Resolved>();
  for (const r of chosen) if (!unique.has(r.dueOn)) unique.set(r.dueOn, r);
  return [...unique.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

// ---------------------------------------------------------------------------
// Phrase-level markers

/** "(trong) năm 2024" with nothing before or around it: a span of work, not a due day. */
function isWholeYear(item: Item): boolean {
  return item.period.unit === "year" && !item.position && !item.before;
}

const MONTHLY = /(?:hang|moi) thang(?![a-z])/;
const QUARTERLY = /(?:hang|moi) (?:quy|qui)(?![a-z])/;
const SEMIANNUAL = /(?:dinh ky|hang|moi) 6 thang(?! (?:dau|cuoi))|6 thang (?:mot|1) lan|6 thang ?\/ ?lan/;
const YEARLY = /(?:hang|moi) nam(?![a-z])/;
const CONTINUOUS =
  /thuong xuyen|lien tuc|theo yeu cau|khi co yeu cau|khi co phat sinh|khi phat sinh|dot xuat|theo chi dao|(?:hang|moi) (?:ngay|tuan)(?![a-z])/;

function monthly(folded: string, planYear: number): PhraseDeadline[] {
  // "(trước) ngày 20 hằng tháng" → day 20 (19) of every month.
  const dayMatch = /ngay\s*(\d{1,2})(?!\d|\s*[/.-]\s*\d|\s*thang\s*\d)/.exec(folded);
  const day = dayMatch ? Number(dayMatch[1]) : undefined;
  const before = /truoc(?![a-z])/.test(folded);
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    let dueOn = monthDays(planYear, month).to;
    if (day !== undefined && day >= 1 && day <= 31) {
      const clamped = toDayKey(planYear, month, Math.min(day, daysInMonth(planYear, month)));
      dueOn = before ? addCalendarDays(clamped, -1) : clamped;
    }
    return { dueOn, label: monthLabel(planYear, month) };
  });
}

function result(
  text: string,
  kind: DeadlineKind,
  recurrence: DeadlineRecurrence,
  deadlines: PhraseDeadline[] = [],
): ParsedDeadline {
  return { kind, recurrence, deadlines, text };
}

/** Parses a deadline phrase of a plan for `planYear`. Never throws. */
export function parseDeadlinePhrase(text: string, planYear: number): ParsedDeadline {
  const original = nfc(text).trim();
  try {
    const folded = foldVietnamese(original);
    if (folded === "") return result(original, "unknown", "none");

    if (MONTHLY.test(folded)) {
      return result(original, "multiple", "monthly", monthly(folded, planYear));
    }
    if (QUARTERLY.test(folded)) {
      const deadlines = [1, 2, 3, 4].map((q) => ({
        dueOn: quarterDays(planYear, q).to,
        label: quarterLabel(planYear, q),
      }));
      return result(original, "multiple", "quarterly", deadlines);
    }
    if (SEMIANNUAL.test(folded)) {
      return result(original, "multiple", "half-yearly", [
        { dueOn: halfYearDays(planYear, 1).to, label: `6 tháng đầu năm ${planYear}` },
        { dueOn: yearDays(planYear).to, label: `Năm ${planYear}` },
      ]);
    }

    const yearly = YEARLY.test(folded);
    const parsed = parseItems(lex(folded.replace(YEARLY, " ")));
    if (parsed.after) return result(original, "unknown", "none");
    if (CONTINUOUS.test(folded) && parsed.items.every(isWholeYear)) {
      return result(original, "continuous", "continuous");
    }
    if (parsed.items.length > 0) {
      const resolved = resolve(parsed, planYear);
      if (resolved.length === 0) return result(original, "unknown", "none");
      const deadlines = resolved.map(({ dueOn, label }) => ({ dueOn, label }));
      if (deadlines.length > 1) {
        return result(original, "multiple", yearly ? "yearly" : "multiple", deadlines);
      }
      const kind: DeadlineKind = resolved[0]?.exactDay ? "date" : "period";
      return result(original, kind, yearly ? "yearly" : "none", deadlines);
    }
    if (CONTINUOUS.test(folded)) return result(original, "continuous", "continuous");
    if (yearly) {
      return result(original, "period", "yearly", [
        { dueOn: yearDays(planYear).to, label: `Năm ${planYear}` },
      ]);
    }
    return result(original, "unknown", "none");
  } catch {
    return result(original, "unknown", "none");
  }
}
