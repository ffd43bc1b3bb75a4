/**
 * Vietnamese lunar calendar (âm lịch) ↔ Gregorian conversion.
 *
 * Port of Hồ Ngọc Đức's "amlich" algorithm: new moons and the sun's longitude
 * (solar terms) are computed astronomically and evaluated at UTC+7, which is
 * what makes the Vietnamese calendar differ from the Chinese one (UTC+8) in
 * some years. Lunar month 11 always contains the winter solstice; a year with
 * 13 months has a leap month, the first month after month 11 that contains no
 * major solar term.
 *
 * Calendar days are returned as "YYYY-MM-DD" strings (no time zone involved).
 *
 * Why a hand-written port and not a package: @dqcai/vn-lunar (1.0.1) was
 * evaluated and declined. It is a single, unmaintained release with an
 * obfuscated build; it matches this port for every day 1968–2053 but diverges
 * after 2054, and it returns non-existent dates (30 tháng Chạp) in years whose
 * twelfth month has 29 days. The tests pinning Tết and Giỗ Tổ guard this port.
 */

export type LunarDate = {
  year: number;
  month: number;
  day: number;
  /** Tháng nhuận. */
  leap?: boolean;
};

/** Hours east of UTC at which the Vietnamese calendar is computed. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

const INT = Math.floor;
const PI = Math.PI;
const MEAN_SYNODIC_MONTH = 29.530588853;

/** Julian day number of a Gregorian (or, before 1582-10-15, Julian) date. */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = INT((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd = day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) {
    return day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  }
  return jd;
}

/** Inverse of {@link jdFromDate}: [day, month, year]. */
export function jdToDate(jd: number): [number, number, number] {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  const day = e - INT((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * INT(m / 10);
  const year = b * 100 + d - 4800 + INT(m / 10);
  return [day, month, year];
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** Sun's apparent longitude in radians, normalised to [0, 2π). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Solar-term sector (0..11, 30° each) at local midnight starting day `dayNumber`. */
function sunSector(dayNumber: number, tz: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - tz / 24) / PI) * 6);
}

/** Julian day number (local) on which the k-th new moon falls. */
function newMoonDay(k: number, tz: number): number {
  return INT(newMoon(k) + 0.5 + tz / 24);
}

/** Julian day number of the first day of lunar month 11 of Gregorian year `year`. */
function lunarMonth11(year: number, tz: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = INT(off / MEAN_SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  // Month 11 must contain the winter solstice (sector 9 = 270°).
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** Index (after month 11 starting at a11) of the leap month: the first without a major term. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / MEAN_SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

function toKey([day, month, year]: [number, number, number]): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Julian day number of day 1 of the given lunar month, or null if that (leap) month does not exist. */
function lunarMonthStart(year: number, month: number, leap: boolean, tz: number): number | null {
  const [a11, b11] =
    month < 11
      ? [lunarMonth11(year - 1, tz), lunarMonth11(year, tz)]
      : [lunarMonth11(year, tz), lunarMonth11(year + 1, tz)];
  const k = INT(0.5 + (a11 - 2415021.076998695) / MEAN_SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  return newMoonDay(k + off, tz);
}

function assertLunar(date: LunarDate): void {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new RangeError(`Invalid lunar date ${JSON.stringify(date)}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`Invalid lunar date ${JSON.stringify(date)}`);
  }
}

/** Number of days (29 or 30) of a lunar month; throws RangeError if the (leap) month does not exist. */
export function lunarMonthLength(
  year: number,
  month: number,
  leap = false,
  tz = VIETNAM_UTC_OFFSET_HOURS,
): number {
  assertLunar({ year, month, day: 1 });
  const start = lunarMonthStart(year, month, leap, tz);
  if (start === null) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  const k = INT(0.5 + (start - 2415021.076998695) / MEAN_SYNODIC_MONTH);
  return newMoonDay(k + 1, tz) - start;
}

/**
 * Gregorian day ("YYYY-MM-DD") of a Vietnamese lunar date.
 * Throws RangeError for a non-existent date (day 30 of a 29-day month, or a
 * leap month the year does not have).
 */
export function lunarToSolar(date: LunarDate, tz = VIETNAM_UTC_OFFSET_HOURS): string {
  assertLunar(date);
  const leap = date.leap ?? false;
  const start = lunarMonthStart(date.year, date.month, leap, tz);
  if (start === null) {
    throw new RangeError(`Lunar year ${date.year} has no leap month ${date.month}`);
  }
  if (date.day > lunarMonthLength(date.year, date.month, leap, tz)) {
    throw new RangeError(`Lunar month ${date.month}/${date.year} has no day ${date.day}`);
  }
  return toKey(jdToDate(start + date.day - 1));
}

/** Vietnamese lunar date of a Gregorian day ("YYYY-MM-DD"). */
export function solarToLunar(day: string, tz = VIETNAM_UTC_OFFSET_HOURS): Required<LunarDate> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Invalid day key ${day}`);
  const [yy, mm, dd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = jdFromDate(dd, mm, yy);
  const k = INT((dayNumber - 2415021.076998695) / MEAN_SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(yy, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, tz);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, tz);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapMonthDiff = leapMonthOffset(a11, tz);
    if (diff >= leapMonthDiff) {
      lunarMonth = diff + 10;
      if (diff === leapMonthDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month: lunarMonth, day: lunarDay, leap };
}

/** Mùng 1 Tết: first day of lunar year `year`. */
export function lunarNewYear(year: number, tz = VIETNAM_UTC_OFFSET_HOURS): string {
  return lunarToSolar({ year, month: 1, day: 1 }, tz);
}

/**
 * Last day of lunar year `year` (29 or 30 tháng Chạp): the day before the
 * next lunar new year. Tết of Gregorian year Y starts on lastDayOfLunarYear(Y - 1).
 */
export function lastDayOfLunarYear(year: number, tz = VIETNAM_UTC_OFFSET_HOURS): string {
  const nextNewYear = lunarMonthStart(year + 1, 1, false, tz) as number;
  return toKey(jdToDate(nextNewYear - 1));
}
