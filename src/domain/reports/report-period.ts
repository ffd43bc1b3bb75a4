/**
 * The periods the CCHC report is made for: a quarter, the first six or nine months, the
 * year, a month, or any span of days; each with the label people read ("quý I/2026",
 * "6 tháng đầu năm 2026") and the half-open range of instants the figures are counted in.
 */
import { romanQuarter } from "../calendar/date-phrases/vocabulary.js";
import {
  type DateRange,
  type DaySpan,
  daySpanRange,
  monthDays,
  monthsDays,
  quarterDays,
  quarterOfDay,
  yearDays,
} from "../calendar/periods.js";
import { dayKey } from "../calendar/working-days.js";

export type ReportPeriodKind = "quarter" | "six-months" | "nine-months" | "year" | "month" | "custom";

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** "quý I/2026", "6 tháng đầu năm 2026", "năm 2026", "tháng 11/2026", "1/10/2026–15/11/2026". */
  label: string;
  days: DaySpan;
  range: DateRange;
}

const make = (kind: ReportPeriodKind, label: string, days: DaySpan): ReportPeriod => ({
  kind,
  label,
  days,
  range: daySpanRange(days),
});

export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  return make("quarter", `quý ${romanQuarter(quarter)}/${year}`, quarterDays(year, quarter));
}

/** "6 tháng đầu năm", "9 tháng đầu năm": months 1 … n. */
export function firstMonthsPeriod(year: number, months: 6 | 9): ReportPeriod {
  return make(
    months === 6 ? "six-months" : "nine-months",
    `${months} tháng đầu năm ${year}`,
    monthsDays(year, 1, months),
  );
}

export function yearPeriod(year: number): ReportPeriod {
  return make("year", `năm ${year}`, yearDays(year));
}

export function monthPeriod(year: number, month: number): ReportPeriod {
  return make("month", `tháng ${month}/${year}`, monthDays(year, month));
}

const shortDay = (key: string) => `${Number(key.slice(8, 10))}/${Number(key.slice(5, 7))}/${key.slice(0, 4)}`;

/** Any span of days, with a label of its own or "d/m/yyyy–d/m/yyyy". */
export function customPeriod(days: DaySpan, label?: string): ReportPeriod {
  return make("custom", label ?? `${shortDay(days.from)}–${shortDay(days.to)}`, days);
}

/** The quarter `now` falls in (Vietnam time): "báo cáo" without a period. */
export function currentQuarterPeriod(now: Date): ReportPeriod {
  const today = dayKey(now);
  return quarterPeriod(Number(today.slice(0, 4)), quarterOfDay(today));
}

/** The period a span of days is, when it is exactly a quarter, 6/9 months, a year or a month. */
export function periodOfDays(days: DaySpan, label?: string): ReportPeriod {
  const year = Number(days.from.slice(0, 4));
  const same = (p: ReportPeriod) => p.days.from === days.from && p.days.to === days.to;
  const candidates = [
    yearPeriod(year),
    firstMonthsPeriod(year, 6),
    firstMonthsPeriod(year, 9),
    ...[1, 2, 3, 4].map((q) => quarterPeriod(year, q)),
    ...Array.from({ length: 12 }, (_, m) => monthPeriod(year, m + 1)),
  ];
  return candidates.find(same) ?? customPeriod(days, label);
}

/**
 * A period as an operator writes it on the command line or in a query: "q1-2026" (or
 * "quy-1-2026"), "6t-2026" / "6m-2026", "9t-2026", "2026", "2026-11" (a month) or
 * "2026-04-15..2026-05-20"; undefined when it is none of these.
 */
export function parseReportPeriod(text: string): ReportPeriod | undefined {
  const t = text.trim().toLowerCase();
  let m = /^(?:q|quy-?)([1-4])[-/](\d{4})$/.exec(t);
  if (m) return quarterPeriod(Number(m[2]), Number(m[1]));
  m = /^([69])[tm][-/](\d{4})$/.exec(t);
  if (m) return firstMonthsPeriod(Number(m[2]), Number(m[1]) as 6 | 9);
  m = /^(\d{4})$/.exec(t);
  if (m) return yearPeriod(Number(m[1]));
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (m && m[1]! <= m[2]!) {
    try {
      return customPeriod({ from: m[1]!, to: m[2]! });
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export const REPORT_PERIOD_HINT =
  'period as "q1-2026", "6t-2026", "9t-2026", "2026", "2026-11" or "2026-04-01..2026-06-30"';
