/**
 * One dossier of the one-stop system's export (a file row, or a pushed record) read into
 * the columns of a Dossier, or the reason it cannot be: in Vietnamese, for the operator who
 * fixes the export. Nothing here touches the database; the lookups come in.
 *
 * A column the file does not have leaves what is stored alone (an export without phone
 * numbers does not erase the ones an earlier export brought); a column it has, left empty,
 * clears the value. The columns every dossier needs must be filled on every row.
 */
import { maskPhones } from "../../logger.js";
import { OFFICE_CLOSE } from "../calendar/working-days.js";
import type { DossierStatus } from "../dossiers/dossier-queries.js";
import { dossierDueAt, MAX_PROCESSING_DAYS } from "../dossiers/due-time.js";
import { IMPORT_VALUES, parseYesNo, wordReader } from "./cell-words.js";
import type { CatalogueEntry, DossierLookups } from "./dossier-lookups.js";
import { parseOfficeInstant, type TimeOfDay } from "./office-dates.js";
import { foldText } from "../text/vietnamese.js";

/** The columns of the dossier import: the keys of columns.json's "dossiers" and of a pushed record. */
export const DOSSIER_COLUMNS = [
  "receiptCode",
  "procedureCode",
  "procedureName",
  "field",
  "applicantName",
  "applicantPhone",
  "channel",
  "onlineLevel",
  "receivedAt",
  "dueAt",
  "returnedAt",
  "status",
  "handler",
  "department",
  "digitised",
  "electronicResult",
  "paidOnline",
  "apology",
  "processingDays",
  "note",
] as const;

export type DossierColumn = (typeof DOSSIER_COLUMNS)[number];

export function isDossierColumn(name: string): name is DossierColumn {
  return (DOSSIER_COLUMNS as readonly string[]).includes(name);
}
export type DossierCells = Partial<Record<DossierColumn, string>>;

export type DossierChannel = "direct" | "online" | "postal";
export type OnlineLevel = "full" | "partial";

/** The columns of a Dossier an import writes, and compares to decide "unchanged". */
export interface DossierValues {
  procedureId: string | null;
  procedureName: string;
  procedureCode: string | null;
  field: string | null;
  applicantName: string;
  applicantPhone: string | null;
  channel: DossierChannel;
  onlineLevel: OnlineLevel | null;
  receivedAt: Date;
  processingDays: number;
  dueAt: Date;
  returnedAt: Date | null;
  status: DossierStatus;
  handlerId: string | null;
  departmentId: string | null;
  digitised: boolean;
  electronicResult: boolean;
  paidOnline: boolean;
  note: string | null;
}

/** Filled from every row, whatever columns the file has. */
type AlwaysWritten =
  | "procedureId"
  | "procedureName"
  | "procedureCode"
  | "field"
  | "applicantName"
  | "channel"
  | "receivedAt"
  | "processingDays"
  | "dueAt"
  | "status";

export interface ParsedDossier {
  receiptCode: string;
  values: Pick<DossierValues, AlwaysWritten> & Partial<DossierValues>;
  /**
   * The apology letter the export records. Stored only on a dossier without one: the letter
   * may have been recorded in chat first, and an import never clears or moves that.
   */
  apologyAt: Date | null;
  warnings: string[];
}

export type ParsedRow = { ok: true; dossier: ParsedDossier } | { ok: false; problem: string };

const readStatus = wordReader<DossierStatus>("dossiers.status", IMPORT_VALUES.dossiers.status);
const readChannel = wordReader<DossierChannel>("dossiers.channel", IMPORT_VALUES.dossiers.channel);
const readLevel = wordReader<OnlineLevel>("dossiers.onlineLevel", IMPORT_VALUES.dossiers.onlineLevel);

/** A bare day: a receipt or a letter at its start, a due day or a return by the end of office hours. */
const START_OF_DAY: TimeOfDay = { hours: 0, minutes: 0 };
const END_OF_OFFICE: TimeOfDay = OFFICE_CLOSE;

const DATE_HINT = "viết như 07/12/2026 09:30 hoặc 07/12/2026";

/** A cell quoted in a message: short, and with any phone number masked. */
function quoted(cell: string): string {
  const text = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
  return `"${maskPhones(text)}"`;
}

class RowProblem extends Error {}

export function parseDossierRow(
  cells: DossierCells,
  columns: ReadonlySet<DossierColumn>,
  lookups: DossierLookups,
  now: Date,
): ParsedRow {
  try {
    return { ok: true, dossier: parse(cells, columns, lookups, now) };
  } catch (error) {
    if (error instanceof RowProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

function parse(
  cells: DossierCells,
  columns: ReadonlySet<DossierColumn>,
  lookups: DossierLookups,
  now: Date,
): ParsedDossier {
  const warnings: string[] = [];
  const has = (column: DossierColumn) => columns.has(column);
  const required = (column: DossierColumn, missing: string): string => {
    const cell = cells[column];
    if (!cell) throw new RowProblem(missing);
    return cell;
  };

  const receiptCode = required("receiptCode", "thiếu mã hồ sơ").replace(/\s+/g, "");
  if (!cells.procedureCode && !cells.procedureName) throw new RowProblem("thiếu mã và tên thủ tục");
  const procedure = lookups.procedure(cells.procedureCode, cells.procedureName);
  if (!procedure && !cells.procedureName) {
    throw new RowProblem(
      `thủ tục mã ${quoted(cells.procedureCode!)} không có trong danh mục: ghi thêm tên thủ tục`,
    );
  }
  const applicantName = required("applicantName", "thiếu tên người nộp");
  const { channel, impliedLevel } = channelOf(required("channel", "thiếu hình thức nộp"));
  const status = readStatus(required("status", "thiếu trạng thái"));
  if (!status) {
    throw new RowProblem(
      `trạng thái ${quoted(cells.status!)} không rõ (thêm từ này vào assets/imports/values.json nếu hệ thống dùng nó)`,
    );
  }
  const receivedAt = instant(required("receivedAt", "thiếu ngày tiếp nhận"), START_OF_DAY, "ngày tiếp nhận");
  const givenDue = cells.dueAt ? instant(cells.dueAt, END_OF_OFFICE, "hạn trả") : null;
  const returnedAt = cells.returnedAt ? instant(cells.returnedAt, END_OF_OFFICE, "ngày trả kết quả") : null;
  const apologyAt = apologyOf(cells.apology, now);

  const { processingDays, dueAt } = deadline(cells, procedure, receivedAt, givenDue, lookups, warnings);
  if (dueAt < receivedAt) throw new RowProblem("hạn trả trước ngày tiếp nhận");
  if (returnedAt && returnedAt < receivedAt) throw new RowProblem("ngày trả kết quả trước ngày tiếp nhận");
  if ((status === "completed" || status === "returned") && has("returnedAt") && !returnedAt) {
    warnings.push("đã có kết quả nhưng không ghi ngày trả kết quả");
  }

  const values: ParsedDossier["values"] = {
    procedureId: procedure?.id ?? null,
    procedureName: procedure?.name ?? cells.procedureName!,
    procedureCode: cells.procedureCode ?? procedure?.code ?? null,
    field: cells.field ?? procedure?.field ?? null,
    applicantName,
    channel,
    receivedAt,
    processingDays,
    dueAt,
    status,
  };
  if (has("returnedAt")) values.returnedAt = returnedAt;
  if (has("note")) values.note = cells.note ?? null;
  if (has("applicantPhone")) values.applicantPhone = phoneOf(cells.applicantPhone, warnings);

  // The level describes how an online dossier was filed; other channels have none.
  if (channel !== "online") values.onlineLevel = null;
  else if (has("onlineLevel") && cells.onlineLevel) {
    const level = readLevel(cells.onlineLevel);
    if (level) values.onlineLevel = level;
    else warnings.push(`mức độ ${quoted(cells.onlineLevel)} không rõ (toàn trình hay một phần), để nguyên`);
  } else if (impliedLevel) values.onlineLevel = impliedLevel;
  else if (has("onlineLevel")) values.onlineLevel = null;

  if (has("handler")) values.handlerId = handlerOf(cells.handler, lookups, warnings);
  if (has("department")) {
    values.departmentId = cells.department ? (lookups.department(cells.department) ?? null) : null;
    if (cells.department && !values.departmentId) {
      warnings.push(`không nhận ra bộ phận ${quoted(cells.department)}: hồ sơ để không thuộc bộ phận nào`);
    }
  }
  for (const [column, label] of [
    ["digitised", "số hóa"],
    ["electronicResult", "kết quả điện tử"],
    ["paidOnline", "thanh toán trực tuyến"],
  ] as const) {
    if (!has(column)) continue;
    const cell = cells[column];
    const flag = cell ? parseYesNo(cell) : false;
    if (flag === undefined) warnings.push(`cột ${label}: ${quoted(cell!)} không rõ có hay không, để nguyên`);
    else values[column] = flag;
  }

  return { receiptCode, values, apologyAt, warnings };
}

/** "Trực tuyến toàn trình" in the channel column says the level too. */
function channelOf(cell: string): { channel: DossierChannel; impliedLevel: OnlineLevel | null } {
  const channel = readChannel(cell);
  if (channel) return { channel, impliedLevel: null };
  const level = foldText(cell).includes("truc tuyen") ? readLevel(cell) : undefined;
  if (level) return { channel: "online", impliedLevel: level };
  throw new RowProblem(`hình thức nộp ${quoted(cell)} không rõ (trực tiếp, trực tuyến hoặc bưu chính)`);
}

function instant(cell: string, dateOnly: TimeOfDay, label: string): Date {
  const at = parseOfficeInstant(cell, dateOnly);
  if (!at) throw new RowProblem(`${label} ${quoted(cell)} không đọc được (${DATE_HINT})`);
  return at;
}

/** A date, or a yes ("có", "x": sent, when is not said; taken as now) or a no. */
function apologyOf(cell: string | undefined, now: Date): Date | null {
  if (!cell) return null;
  const answer = parseYesNo(cell);
  if (answer !== undefined) return answer ? now : null;
  const at = parseOfficeInstant(cell, START_OF_DAY);
  if (!at) throw new RowProblem(`thư xin lỗi ${quoted(cell)} không đọc được (ghi ngày gửi, hoặc "có")`);
  return at;
}

/**
 * Processing days and the due instant. Days: the file's, else the catalogue's (when it is a
 * count of working days), else counted from the file's due date. Due: the file's, else
 * computed on the commune's calendar; a dossier whose due date can be neither read nor
 * computed is not imported, since every alert and figure depends on it.
 */
function deadline(
  cells: DossierCells,
  procedure: CatalogueEntry | undefined,
  receivedAt: Date,
  givenDue: Date | null,
  lookups: DossierLookups,
  warnings: string[],
): { processingDays: number; dueAt: Date } {
  let days = cells.processingDays ? daysOf(cells.processingDays) : undefined;
  if (cells.processingDays && days === undefined) {
    warnings.push(
      `số ngày giải quyết ${quoted(cells.processingDays)} không đọc được, dùng thời hạn của thủ tục`,
    );
  }
  const catalogueDays =
    procedure && !procedure.processingUnitMissing && procedure.processingDays !== null
      ? procedure.processingDays
      : undefined;
  days ??= catalogueDays;
  const dueAt = givenDue ?? dossierDueAt(lookups.calendar, receivedAt, days);
  if (!dueAt) {
    throw new RowProblem(
      procedure
        ? "không có hạn trả, và danh mục không ghi số ngày làm việc của thủ tục để tính: ghi hạn trả hoặc số ngày giải quyết"
        : "không có hạn trả, và thủ tục không có trong danh mục để tính: ghi hạn trả hoặc số ngày giải quyết",
    );
  }
  const processingDays = days ?? Math.max(0, lookups.calendar.workingDaysBetween(receivedAt, dueAt));
  return { processingDays, dueAt };
}

/** "3", "3 ngày", "0,5", "1.5 ngày làm việc", "trong ngày" (half a day), "trả ngay" (0). */
function daysOf(cell: string): number | undefined {
  const text = cell.trim().toLowerCase();
  if (/^(trả )?ngay$/u.test(text)) return 0;
  if (/^trong ngày$/u.test(text)) return 0.5;
  const m = /^(\d+(?:[.,]\d+)?)\s*(ngày( làm việc)?)?$/u.exec(text);
  if (!m) return undefined;
  const days = Number(m[1]!.replace(",", "."));
  return days <= MAX_PROCESSING_DAYS ? days : undefined;
}

/**
 * A mobile or landline number as 0xxxxxxxxx: "+84 912 345 678", "0912.345.678". The number is
 * personal data: a message about it never repeats it.
 */
function phoneOf(cell: string | undefined, warnings: string[]): string | null {
  if (!cell) return null;
  const first = cell.split(/[,;/]/)[0]!.replace(/[\s.()-]/g, "");
  const local = first.replace(/^\+?84(?=\d{9,10}$)/, "0");
  if (/^0\d{9,10}$/.test(local)) return local;
  warnings.push("số điện thoại người nộp không đúng dạng, không lưu");
  return null;
}

function handlerOf(cell: string | undefined, lookups: DossierLookups, warnings: string[]): string | null {
  if (!cell) return null;
  const found = lookups.official(cell);
  if (found === "ambiguous") {
    warnings.push(`có nhiều cán bộ tên ${quoted(cell)}: hồ sơ để chưa giao ai`);
    return null;
  }
  if (!found) warnings.push(`không có cán bộ ${quoted(cell)} trong danh sách của xã: hồ sơ để chưa giao ai`);
  return found?.id ?? null;
}
