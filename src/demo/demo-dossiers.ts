import { addCalendarDays, type WorkingCalendar } from "../domain/calendar/working-days.js";
import { type DepartmentCode, departmentStaff } from "./demo-commune.js";
import { demoPhone, vietnameseName } from "./demo-names.js";
import { normaliseDepartmentText } from "../domain/departments/department-match.js";
import { mulberry32, type Random, seedFrom } from "./random.js";
import {
  localMinute,
  nthWorkingDayBefore,
  officeInstant,
  workingDayOnOrBefore,
  workingDaysIn,
} from "./seed-time.js";

/** The catalogue columns the generator needs. */
export interface CatalogueProcedure {
  id: string;
  code: string;
  name: string;
  field: string | null;
  processingDays: number | null;
}

export type DossierStatus =
  "received" | "processing" | "supplement" | "completed" | "returned" | "withdrawn" | "rejected";

export interface DossierDraft {
  receiptCode: string;
  procedureId: string;
  procedureCode: string;
  procedureName: string;
  field: string | null;
  applicantName: string;
  applicantPhone: string | null;
  channel: "direct" | "online" | "postal";
  /** For an online dossier: filed "toàn trình" (full) or "một phần" (partial). */
  onlineLevel: "full" | "partial" | null;
  receivedAt: Date;
  processingDays: number;
  dueAt: Date;
  returnedAt: Date | null;
  status: DossierStatus;
  handlerKey: string | null;
  departmentCode: DepartmentCode;
  digitised: boolean;
  /** The result was also issued electronically: decided when the dossier is resolved. */
  electronicResult: boolean;
  paidOnline: boolean;
  apologyAt: Date | null;
  note: string | null;
}

interface FieldProfile {
  field: string;
  /** Share of the commune's dossiers: hộ tịch and chứng thực are most of them (seed 001: 985 of 1034). */
  weight: number;
  department: DepartmentCode;
  /** Processing days when the catalogue gives none (or an implausible one). */
  defaultDays: number;
  /**
   * Of its online dossiers, the share filed "toàn trình" (seed 001: 74 of the commune's 101
   * online procedures are full, 27 partial; civil status and certification are the full ones).
   */
  fullOnline?: number;
}

const FIELD_PROFILES: readonly FieldProfile[] = [
  { field: "Hộ tịch", weight: 42, department: "TP", defaultDays: 3, fullOnline: 0.85 },
  // Chứng thực is done at the desk, "trong ngày" or the next working day.
  { field: "Chứng thực", weight: 36, department: "MC", defaultDays: 1, fullOnline: 0.75 },
  { field: "Đất đai", weight: 5, department: "DCXD", defaultDays: 10, fullOnline: 0.2 },
  { field: "Hoạt động xây dựng", weight: 3, department: "DCXD", defaultDays: 15, fullOnline: 0.3 },
  { field: "Chính sách", weight: 3, department: "VHXH", defaultDays: 12 },
  { field: "Người có công", weight: 3, department: "VHXH", defaultDays: 12 },
  { field: "Bảo trợ xã hội", weight: 3, department: "VHXH", defaultDays: 7 },
  { field: "Giảm nghèo", weight: 2, department: "VHXH", defaultDays: 15 },
  { field: "Thi đua, khen thưởng", weight: 2, department: "VP", defaultDays: 10 },
  { field: "Thi đua – Khen thưởng", weight: 2, department: "VP", defaultDays: 10 },
  {
    field: "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
    weight: 2,
    department: "TCKT",
    defaultDays: 3,
  },
  { field: "Hòa giải ở cơ sở", weight: 1, department: "TP", defaultDays: 5 },
  { field: "Nuôi con nuôi", weight: 1, department: "TP", defaultDays: 5 },
  { field: "Nông nghiệp", weight: 1, department: "DCXD", defaultDays: 10 },
];

/** Within a field, the everyday procedures dominate (khai sinh, bản sao, xác nhận hôn nhân). */
const NAME_WEIGHTS: readonly [RegExp, number][] = [
  [/^(thủ tục )?đăng ký khai sinh$/i, 12],
  [/chứng thực bản sao từ bản chính/i, 14],
  [/tình trạng hôn nhân/i, 8],
  [/chứng thực chữ ký trong/i, 5],
  [/^(thủ tục )?đăng ký kết hôn$/i, 5],
  [/^(thủ tục )?đăng ký khai tử$/i, 4],
  [/cải chính/i, 3],
  [/chứng thực (hợp đồng|giao dịch)/i, 3],
  [/giấy chứng nhận quyền sử dụng đất|đăng ký đất đai/i, 3],
  [/nước ngoài|biên giới|lưu động/i, 0.1],
];

const OPEN_NOTE_SUPPLEMENT = "Đề nghị bổ sung giấy tờ còn thiếu";

interface PoolEntry {
  procedure: CatalogueProcedure;
  profile: FieldProfile;
  weight: number;
}

function foldField(field: string): string {
  return normaliseDepartmentText(field).replace(/[,&]/g, " ").replace(/\s+/g, " ").trim();
}

/** Procedures weighted by field share and by how common each one is within its field. */
export function procedurePool(procedures: readonly CatalogueProcedure[]): PoolEntry[] {
  const profiles = new Map(FIELD_PROFILES.map((p) => [foldField(p.field), p]));
  const byField = new Map<FieldProfile, CatalogueProcedure[]>();
  for (const procedure of [...procedures].sort((a, b) => a.code.localeCompare(b.code))) {
    const profile = procedure.field ? profiles.get(foldField(procedure.field)) : undefined;
    if (profile) byField.set(profile, [...(byField.get(profile) ?? []), procedure]);
  }
  if (byField.size === 0) {
    // A catalogue without the usual fields (tests, a trimmed import): use what there is.
    const fallback: FieldProfile = { field: "", weight: 1, department: "MC", defaultDays: 3 };
    return [...procedures]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((procedure) => ({ procedure, profile: fallback, weight: 1 }));
  }
  const pool: PoolEntry[] = [];
  for (const [profile, list] of byField) {
    const weights = list.map((p) => NAME_WEIGHTS.find(([re]) => re.test(p.name))?.[1] ?? 1);
    const total = weights.reduce((sum, w) => sum + w, 0);
    list.forEach((procedure, i) => {
      pool.push({ procedure, profile, weight: (profile.weight * weights[i]!) / total });
    });
  }
  return pool;
}

/** Legal processing time; the catalogue's when it is given and plausible for a commune desk. */
export function dossierProcessingDays(procedure: CatalogueProcedure, defaultDays = 3): number {
  const days = procedure.processingDays;
  return days !== null && days > 0 && days < 60 ? days : defaultDays;
}

export interface DossierOptions {
  now: Date;
  calendar: WorkingCalendar;
  procedures: readonly CatalogueProcedure[];
  /** Dossiers spread over the window; a dozen more are placed due around today. */
  count?: number;
}

/**
 * Shares shaped like the commune reports the demo was designed from (seeds 001 and 003):
 * online filing rose over a year from about a third towards half of the dossiers (003: 332
 * of 794 online in 2023; 001 counts every dossier as online a year later), a few come by
 * post; online payment is about a fifth of the online dossiers (001: 278 of 1,287); about
 * two thirds are digitised at receipt (003: 51% a year earlier, rising) and about a third of
 * the results are issued electronically (003: 56 of 170).
 */
const ONLINE_SHARE = { previousQuarter: 0.36, currentQuarter: 0.45 } as const;
const POSTAL_SHARE = 0.02;
const PAID_ONLINE_SHARE = 0.22;
const DIGITISED_SHARE = { online: 0.9, other: 0.58 } as const;
const ELECTRONIC_RESULT_SHARE = { full: 0.7, partial: 0.4, other: 0.2 } as const;
/** A late dossier's letter of apology was sent for most, not all (the reminders chase the rest). */
const APOLOGY_SHARE = 0.75;

/**
 * Dossiers received over the previous and the current quarter, deterministic for a given
 * `now`. Outcomes follow the shares the commune reports show: about 80% returned early, 16%
 * on the due day, 3% late (most with a letter of apology), a few rejected or withdrawn;
 * those not finished by `now` stay open, a result finished in the last days may wait to be
 * collected, and some open ones are due today, this week or already overdue.
 */
export function generateDemoDossiers(options: DossierOptions): DossierDraft[] {
  const { now, calendar } = options;
  if (options.procedures.length === 0) throw new Error("The procedure catalogue is empty: load it first");
  const pool = procedurePool(options.procedures);
  const today = calendar.dayKey(now);
  const rng = mulberry32(seedFrom(`dossiers|${today}`));
  const nowMinute = localMinute(calendar, now);
  const receiptLimit = (day: string) => (day === today ? nowMinute : 17 * 60);
  const { previous, current } = quarterStarts(today);
  const days = workingDaysIn(calendar, previous, today).filter((d) => receiptLimit(d) > 7 * 60);
  const onlineShare = (receivedAt: Date) =>
    calendar.dayKey(receivedAt) >= current ? ONLINE_SHARE.currentQuarter : ONLINE_SHARE.previousQuarter;
  const drafts: Omit<DossierDraft, "receiptCode">[] = [];

  for (let i = 0; i < (options.count ?? 1000); i++) {
    const entry = rng.weighted(pool, (e) => e.weight);
    const day = rng.pick(days);
    const receivedAt = officeInstant(calendar, day, rng, 7 * 60, receiptLimit(day));
    if (!receivedAt) continue;
    const dossier = newDossier(entry, receivedAt, onlineShare(receivedAt), calendar, rng);
    drafts.push(settle(dossier, calendar, now, rng));
  }

  // Open dossiers around today, so that the desk's reminders have something to show.
  const base = workingDayOnOrBefore(calendar, today);
  const targets: [string, number][] = [
    ...(calendar.isWorkingDay(today) ? [[today, 3] as [string, number]] : []),
    [calendar.nthWorkingDayAfter(base, 1), 2],
    [calendar.nthWorkingDayAfter(base, 2), 2],
    [calendar.nthWorkingDayAfter(base, 3), 1],
    [nthWorkingDayBefore(calendar, today, 1), 1],
    [nthWorkingDayBefore(calendar, today, 3), 1],
    [nthWorkingDayBefore(calendar, today, 5), 1],
  ];
  for (const [dueDay, count] of targets) {
    for (let i = 0; i < count; i++) {
      const draft = dueOn(dueDay, pool, ONLINE_SHARE.currentQuarter, calendar, now, rng);
      if (draft) drafts.push(draft);
    }
  }
  return withReceiptCodes(drafts, calendar);
}

/** First days of today's quarter and of the one before: the window the demo's dossiers cover. */
function quarterStarts(today: string): { previous: string; current: string } {
  const year = Number(today.slice(0, 4));
  const quarterStartMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3; // 0-based
  const first = (monthOffset: number) =>
    new Date(Date.UTC(year, quarterStartMonth + monthOffset, 1)).toISOString().slice(0, 10);
  return { previous: first(-3), current: first(0) };
}

function newDossier(
  entry: PoolEntry,
  receivedAt: Date,
  onlineShare: number,
  calendar: WorkingCalendar,
  rng: Random,
): Omit<DossierDraft, "receiptCode"> {
  const { procedure, profile } = entry;
  const processingDays = dossierProcessingDays(procedure, profile.defaultDays);
  const channelRoll = rng.next();
  const channel =
    channelRoll < onlineShare ? "online" : channelRoll < onlineShare + POSTAL_SHARE ? "postal" : "direct";
  const online = channel === "online";
  const staff = departmentStaff(profile.department);
  return {
    procedureId: procedure.id,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    field: procedure.field,
    applicantName: vietnameseName(rng),
    applicantPhone: rng.chance(0.75) ? demoPhone(rng) : null,
    channel,
    onlineLevel: online ? (rng.chance(profile.fullOnline ?? 0.5) ? "full" : "partial") : null,
    receivedAt,
    processingDays,
    dueAt: calendar.addWorkingDays(receivedAt, processingDays),
    returnedAt: null,
    status: "processing",
    handlerKey: staff.length > 0 ? rng.pick(staff).key : (departmentStaff("MC")[0]?.key ?? null),
    departmentCode: profile.department,
    // Online dossiers arrive digitised; desk ones are scanned most of the time.
    digitised: rng.chance(online ? DIGITISED_SHARE.online : DIGITISED_SHARE.other),
    electronicResult: false,
    paidOnline: online && rng.chance(PAID_ONLINE_SHARE),
    apologyAt: null,
    note: null,
  };
}

type Outcome = "early" | "on_time" | "late" | "rejected" | "withdrawn";

function rollOutcome(rng: Random): Outcome {
  const r = rng.next();
  // Early slightly above 80%: a next-day procedure received late in the day falls back to on time.
  if (r < 0.82) return "early";
  if (r < 0.96) return "on_time";
  if (r < 0.99) return "late";
  return r < 0.996 ? "rejected" : "withdrawn";
}

/** Closes a dossier per its rolled outcome, or leaves it open when that lies after `now`. */
function settle(
  dossier: Omit<DossierDraft, "receiptCode">,
  calendar: WorkingCalendar,
  now: Date,
  rng: Random,
): Omit<DossierDraft, "receiptCode"> {
  let outcome = rollOutcome(rng);
  let at = outcomeInstant(outcome, dossier, calendar, rng);
  if (!at && outcome === "early") {
    outcome = "on_time";
    at = outcomeInstant(outcome, dossier, calendar, rng);
  }
  if (!at || at > now) return open(dossier, calendar, now, rng);
  switch (outcome) {
    case "withdrawn":
      return { ...dossier, status: "withdrawn", note: "Công dân xin rút hồ sơ" };
    case "rejected":
      return {
        ...dossier,
        status: "rejected",
        returnedAt: at,
        note: "Hồ sơ không đủ điều kiện giải quyết, đã trả lại kèm văn bản nêu rõ lý do",
      };
    case "late": {
      const apologyAt = rng.chance(APOLOGY_SHARE) ? apologyInstant(dossier.dueAt, at, calendar, rng) : null;
      return { ...resolved(dossier, at, calendar, now, rng), apologyAt };
    }
    default:
      return resolved(dossier, at, calendar, now, rng);
  }
}

/**
 * A result given at `at`: collected ("đã trả kết quả"), or, when it came in the last two
 * working days, sometimes still waiting at the desk ("đã có kết quả").
 */
function resolved(
  dossier: Omit<DossierDraft, "receiptCode">,
  at: Date,
  calendar: WorkingCalendar,
  now: Date,
  rng: Random,
): Omit<DossierDraft, "receiptCode"> {
  const share =
    dossier.onlineLevel === "full"
      ? ELECTRONIC_RESULT_SHARE.full
      : dossier.onlineLevel === "partial"
        ? ELECTRONIC_RESULT_SHARE.partial
        : ELECTRONIC_RESULT_SHARE.other;
  const recent = calendar.dayKey(at) >= nthWorkingDayBefore(calendar, calendar.dayKey(now), 2);
  const status = recent && rng.chance(0.4) ? "completed" : "returned";
  return { ...dossier, status, returnedAt: at, electronicResult: rng.chance(share) };
}

function outcomeInstant(
  outcome: Outcome,
  dossier: Omit<DossierDraft, "receiptCode">,
  calendar: WorkingCalendar,
  rng: Random,
): Date | null {
  const receiptDay = calendar.dayKey(dossier.receivedAt);
  const dueDay = calendar.dayKey(dossier.dueAt);
  const afterReceipt = localMinute(calendar, dossier.receivedAt) + 20;
  const fromMinute = (day: string) => (day === receiptDay ? afterReceipt : 7 * 60);
  switch (outcome) {
    case "early":
    case "rejected":
    case "withdrawn": {
      // Any working day from the receipt day to the day before the due day.
      const candidates = workingDaysIn(calendar, receiptDay, addCalendarDays(dueDay, -1)).filter(
        (d) => fromMinute(d) < 17 * 60,
      );
      if (candidates.length === 0) return null;
      const day = rng.pick(candidates);
      return officeInstant(calendar, day, rng, fromMinute(day));
    }
    case "on_time": {
      const at = officeInstant(
        calendar,
        dueDay,
        rng,
        fromMinute(dueDay),
        localMinute(calendar, dossier.dueAt),
      );
      return at && at <= dossier.dueAt ? at : null;
    }
    case "late":
      return officeInstant(calendar, calendar.nthWorkingDayAfter(dueDay, rng.int(1, 4)), rng);
  }
}

/** The letter of apology goes out on the first working day after the due day, before the return. */
function apologyInstant(dueAt: Date, returnedAt: Date, calendar: WorkingCalendar, rng: Random): Date {
  const day = calendar.nextWorkingDay(calendar.dayKey(dueAt));
  const at = officeInstant(calendar, day, rng, 7 * 60 + 30, 9 * 60)!;
  return at < returnedAt ? at : new Date(returnedAt.getTime() - 30 * 60_000);
}

function open(
  dossier: Omit<DossierDraft, "receiptCode">,
  calendar: WorkingCalendar,
  now: Date,
  rng: Random,
): Omit<DossierDraft, "receiptCode"> {
  const sameDay = calendar.dayKey(dossier.receivedAt) === calendar.dayKey(now);
  if (sameDay) return { ...dossier, status: "received" };
  if (dossier.dueAt > now && rng.chance(0.1)) {
    return { ...dossier, status: "supplement", note: OPEN_NOTE_SUPPLEMENT };
  }
  return { ...dossier, status: "processing" };
}

/** An open dossier due on `dueDay`: a receipt day is searched backwards from it. */
function dueOn(
  dueDay: string,
  pool: readonly PoolEntry[],
  onlineShare: number,
  calendar: WorkingCalendar,
  now: Date,
  rng: Random,
): Omit<DossierDraft, "receiptCode"> | null {
  const today = calendar.dayKey(now);
  const short = pool.filter((e) => dossierProcessingDays(e.procedure, e.profile.defaultDays) <= 10);
  for (let attempt = 0; attempt < 5; attempt++) {
    const entry = rng.weighted(short.length > 0 ? short : pool, (e) => e.weight);
    let day = workingDayOnOrBefore(calendar, dueDay < today ? dueDay : today);
    for (let back = 0; back < 30; back++, day = nthWorkingDayBefore(calendar, day, 1)) {
      const limit = day === today ? localMinute(calendar, now) : 17 * 60;
      const receivedAt = officeInstant(calendar, day, rng, 7 * 60, limit);
      if (!receivedAt) continue;
      const draft = newDossier(entry, receivedAt, onlineShare, calendar, rng);
      const draftDue = calendar.dayKey(draft.dueAt);
      if (draftDue === dueDay) return open(draft, calendar, now, rng);
      if (draftDue < dueDay) break;
    }
  }
  return null;
}

/** Receipt codes as the provincial one-stop software prints them: unit-yymmdd-sequence. */
function withReceiptCodes(
  drafts: Omit<DossierDraft, "receiptCode">[],
  calendar: WorkingCalendar,
): DossierDraft[] {
  const sorted = [...drafts].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const perDay = new Map<string, number>();
  return sorted.map((draft) => {
    const day = calendar.dayKey(draft.receivedAt);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const yymmdd = day.slice(2).replace(/-/g, "");
    return { ...draft, receiptCode: `000.00.21.H45-${yymmdd}-${String(seq).padStart(4, "0")}` };
  });
}
