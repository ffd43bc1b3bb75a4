/**
 * Dossier figures of the CCHC statistics form (Phụ lục 2, III.3 and V.2) and of the PAR
 * index (3.11–3.13), computed from dossier rows for a period [from, to) as of `asOf`
 * (= min(to, now)). One definition each, used by the report, the chat and the digests:
 *
 * - received ("tiếp nhận mới"): receivedAt in the period, by channel (online / direct /
 *   postal); carriedOver ("kỳ trước chuyển qua"): received before the period and not yet
 *   closed when it began;
 * - resolved ("đã giải quyết"): completed/returned with the result given (returnedAt, else
 *   the row's last update) in the period; early ("trước hạn"): on a day before the due day;
 *   onTime ("đúng hạn"): on the due day, by the due time; late ("trễ hạn"): after the due
 *   time; onTimeRate = (early + onTime) ÷ resolved. Withdrawn and rejected dossiers are
 *   received but never resolved;
 * - inProgress ("đang giải quyết"): received before asOf and not closed by then (a closed
 *   dossier without returnedAt counts as closed);
 *   overdue: of those, due before asOf;
 * - digitised ("số hóa thành phần hồ sơ") ÷ received; electronicResult ("kết quả điện tử")
 *   ÷ resolved; paidOnline ÷ received dossiers of procedures with a fee (feeDossiers);
 *   procedures with an online payment ÷ fee-bearing procedures that received dossiers;
 *   fullyOnline ("toàn trình") ÷ online; online ÷ received; online services that received
 *   dossiers = distinct procedures with an online dossier;
 * - apologies: late dossiers (resolved late in the period, or overdue in progress at asOf),
 *   how many have the apology letter recorded, how many not.
 */
import type { DateRange } from "../calendar/periods.js";
import { dayKey } from "../calendar/working-days.js";
import { isOpenDossierStatus, isResolvedDossierStatus } from "../dossiers/dossier-queries.js";

/** The columns the figures read. */
export interface DossierRow {
  status: string;
  channel: string;
  receivedAt: Date;
  dueAt: Date;
  returnedAt: Date | null;
  updatedAt: Date;
  onlineLevel: string | null;
  digitised: boolean;
  electronicResult: boolean;
  paidOnline: boolean;
  apologyAt: Date | null;
  /** The procedure's code (or name when it has none): what "a procedure" is counted by. */
  procedureKey: string;
  /** Whether the procedure charges a fee (nghĩa vụ tài chính), from the catalogue. */
  feeBearing: boolean;
}

export interface DossierFigures {
  received: number;
  receivedOnline: number;
  receivedDirect: number;
  receivedPostal: number;
  carriedOver: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  /** (early + onTime) ÷ resolved; null when nothing was resolved. */
  onTimeRate: number | null;
  inProgress: number;
  overdue: number;
  digitised: number;
  digitisationRate: number | null;
  electronicResult: number;
  electronicResultRate: number | null;
  feeDossiers: number;
  paidOnline: number;
  paidOnlineRate: number | null;
  feeProcedures: number;
  proceduresPaidOnline: number;
  proceduresPaidOnlineRate: number | null;
  fullyOnline: number;
  fullyOnlineRate: number | null;
  onlineRate: number | null;
  onlineServicesWithDossiers: number;
  lateNeedingApology: number;
  apologised: number;
  withoutApology: number;
}

export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** When a closed dossier was closed: its result date, else its last update. */
const closedAt = (d: DossierRow): Date => d.returnedAt ?? d.updatedAt;

/**
 * Whether the dossier was received before `at` and not closed by then. A closed dossier
 * without returnedAt is taken as closed before `at`: when it closed is not known (its last
 * update may be a later import).
 */
export function openAt(d: DossierRow, at: Date): boolean {
  if (d.receivedAt >= at) return false;
  return isOpenDossierStatus(d.status) || (d.returnedAt !== null && d.returnedAt >= at);
}

export function dossierFigures(rows: readonly DossierRow[], range: DateRange, asOf: Date): DossierFigures {
  const { from, to } = range;
  const inPeriod = (at: Date) => at >= from && at < to && at <= asOf;
  let received = 0;
  let receivedOnline = 0;
  let receivedDirect = 0;
  let receivedPostal = 0;
  let carriedOver = 0;
  let resolvedEarly = 0;
  let resolvedOnTime = 0;
  let resolvedLate = 0;
  let inProgress = 0;
  let overdue = 0;
  let digitised = 0;
  let electronicResult = 0;
  let feeDossiers = 0;
  let paidOnline = 0;
  let fullyOnline = 0;
  let lateNeedingApology = 0;
  let apologised = 0;
  const feeProcedures = new Set<string>();
  const paidProcedures = new Set<string>();
  const onlineProcedures = new Set<string>();

  for (const d of rows) {
    if (inPeriod(d.receivedAt)) {
      received++;
      if (d.channel === "online") {
        receivedOnline++;
        onlineProcedures.add(d.procedureKey);
        if (d.onlineLevel === "full") fullyOnline++;
      } else if (d.channel === "postal") receivedPostal++;
      else receivedDirect++;
      if (d.digitised) digitised++;
      if (d.feeBearing || d.paidOnline) {
        feeDossiers++;
        feeProcedures.add(d.procedureKey);
      }
      if (d.paidOnline) {
        paidOnline++;
        paidProcedures.add(d.procedureKey);
      }
    } else if (openAt(d, from)) {
      carriedOver++;
    }
    let late = false;
    if (isResolvedDossierStatus(d.status) && inPeriod(closedAt(d))) {
      const at = closedAt(d);
      if (at > d.dueAt) {
        resolvedLate++;
        late = true;
      } else if (dayKey(at) < dayKey(d.dueAt)) resolvedEarly++;
      else resolvedOnTime++;
      if (d.electronicResult) electronicResult++;
    }
    if (openAt(d, asOf)) {
      inProgress++;
      if (d.dueAt < asOf) {
        overdue++;
        late = true;
      }
    }
    if (late) {
      lateNeedingApology++;
      if (d.apologyAt && d.apologyAt <= asOf) apologised++;
    }
  }
  const resolved = resolvedEarly + resolvedOnTime + resolvedLate;
  return {
    received,
    receivedOnline,
    receivedDirect,
    receivedPostal,
    carriedOver,
    resolved,
    resolvedEarly,
    resolvedOnTime,
    resolvedLate,
    onTimeRate: rate(resolvedEarly + resolvedOnTime, resolved),
    inProgress,
    overdue,
    digitised,
    digitisationRate: rate(digitised, received),
    electronicResult,
    electronicResultRate: rate(electronicResult, resolved),
    feeDossiers,
    paidOnline,
    paidOnlineRate: rate(paidOnline, feeDossiers),
    feeProcedures: feeProcedures.size,
    proceduresPaidOnline: paidProcedures.size,
    proceduresPaidOnlineRate: rate(paidProcedures.size, feeProcedures.size),
    fullyOnline,
    fullyOnlineRate: rate(fullyOnline, receivedOnline),
    onlineRate: rate(receivedOnline, received),
    onlineServicesWithDossiers: onlineProcedures.size,
    lateNeedingApology,
    apologised,
    withoutApology: lateNeedingApology - apologised,
  };
}
