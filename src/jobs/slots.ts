import cron from "node-cron";
import { TZDate } from "@date-fns/tz";

/** "2026-12-07T07:30": a schedule slot, the minute a run belongs to in the display time zone. */
export function slotOf(instant: Date, timeZone: string): string {
  const t = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** The instant at the start of the minute `instant` falls in. */
export function floorToMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
}

/**
 * The latest minute at or before `before` that the cron expression fires at, looking back
 * at most `lookbackMs`; null when there is none.
 */
export function lastOccurrence(
  expression: string,
  timeZone: string,
  before: Date,
  lookbackMs: number,
): Date | null {
  return scan(expression, timeZone, floorToMinute(before), -1, lookbackMs);
}

/** The first minute strictly after `after` that the cron expression fires at (within 8 days). */
export function nextOccurrence(expression: string, timeZone: string, after: Date): Date | null {
  return scan(expression, timeZone, new Date(floorToMinute(after).getTime() + 60_000), 1, 8 * 86_400_000);
}

function scan(expression: string, timeZone: string, from: Date, step: 1 | -1, spanMs: number): Date | null {
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  try {
    for (let t = from.getTime(), n = 0; n * 60_000 <= spanMs; t += step * 60_000, n++) {
      if (task.match(new Date(t))) return new Date(t);
    }
    return null;
  } finally {
    void task.destroy();
  }
}

const OPERATOR_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/** Whether year-month-day hour:minute:second names a real moment of the calendar. */
function realDateTime(year: number, month: number, day: number, hour: number, minute: number, second = 0) {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59
  );
}

/**
 * The instant an operator names for a run (`cli jobs:run --at`, the admin API's `at`):
 * ISO 8601 with its offset, to the minute or finer ("2026-12-07T07:30+07:00",
 * "2026-12-07T00:30Z", "2026-12-07T07:30:00.000+07:00"). Null for anything else: a
 * time without an offset (whose zone would be the machine's), a day that does not exist,
 * or whatever else `new Date` would make something of ("7" is July 2001), since a run at
 * a time the operator did not mean sends real messages.
 */
export function parseOperatorInstant(text: string): Date | null {
  const m = OPERATOR_INSTANT.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!realDateTime(year, month, day, hour, minute, second)) return null;
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  if (offsetHours > 14 || offsetMinutes > 59) return null;
  const offset = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const millis = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
}

/**
 * "2026-12-08T07:30" read as wall-clock time in `timeZone` (the sandbox page's clock);
 * null when it is not that shape or not a real day and time.
 */
export function parseWallClock(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!realDateTime(year, month, day, hour, minute)) return null;
  return new Date(new TZDate(year, month - 1, day, hour, minute, 0, 0, timeZone).getTime());
}
