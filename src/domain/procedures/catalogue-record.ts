/**
 * One record of the national procedure catalogue (TTHC from dichvucong.gov.vn), as
 * scraped into JSONL: validation, cleaning, and mapping to a `Procedure` row.
 *
 * The scraped data is messy, so everything except `code` and `name` is optional and
 * normalised to one shape (absent, null and "" all become null; missing lists become
 * []). That keeps `details` byte-for-byte stable across re-imports of the same data.
 */
import { z } from "zod";
import { agencyFor } from "./agency.js";

/** National codes look like "1.001193"; kept loose because ministries vary the digit counts. */
const CODE_PATTERN = /^\d+\.\d+$/;

/** Multi-line text: NFC (the same word can arrive composed or decomposed), LF, trimmed. */
function cleanText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/** Single-line text: like cleanText, and runs of whitespace (scraped line breaks) become one space. */
function cleanLine(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

const requiredLine = z
  .string()
  .transform(cleanLine)
  .refine((s) => s !== "", "must not be empty");

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v == null ? null : cleanText(v) || null));

const optionalLine = z
  .string()
  .nullish()
  .transform((v) => (v == null ? null : cleanLine(v) || null));

/** A non-negative number; numeric text is accepted so that CSV readers can plug in unchanged. */
const optionalNumber = z
  .unknown()
  .optional()
  .transform((v, ctx): number | null => {
    if (v == null || v === "") return null;
    const n = typeof v === "string" ? Number(v.trim().replace(",", ".")) : v;
    if (typeof n === "number" && Number.isFinite(n) && n >= 0) return n;
    ctx.addIssue({ code: "custom", message: `expected a number, got ${describe(v)}` });
    return z.NEVER;
  });

/** A boolean; "true"/"false"/"1"/"0" text is accepted for the same reason. */
const flag = (fallback: boolean) =>
  z
    .unknown()
    .optional()
    .transform((v, ctx): boolean => {
      if (v == null || v === "") return fallback;
      if (typeof v === "boolean") return v;
      const text = String(v).trim().toLowerCase();
      if (text === "true" || text === "1") return true;
      if (text === "false" || text === "0") return false;
      ctx.addIssue({ code: "custom", message: `expected true or false, got ${describe(v)}` });
      return z.NEVER;
    });

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

const textList = list(z.string()).transform((items) => items.map(cleanText).filter((s) => s !== ""));

const documentSchema = z.object({
  name: requiredLine,
  section: optionalText,
  form: optionalText,
  quantity: optionalText,
  count: optionalNumber,
  kind: optionalText,
  // Only the Ministry of Defence records split the quantity into originals and copies.
  original_count: optionalNumber,
  copy_count: optionalNumber,
});

const submissionMethodSchema = z.object({
  method: optionalLine,
  time: optionalText,
  fee: optionalText,
  description: optionalText,
});

export const catalogueRecordSchema = z.object({
  code: z
    .string()
    .transform(cleanLine)
    .refine((s) => CODE_PATTERN.test(s), {
      error: (issue) => `expected a national code like "1.001193", got ${describe(issue.input)}`,
    }),
  name: requiredLine,
  field: optionalLine,
  // The portal writes both "Cấp Xã" and "Cấp xã": one spelling makes levels comparable.
  level: optionalLine.transform(
    (v) => v?.replace(/Cấp (\p{Lu})/gu, (_, c: string) => `Cấp ${c.toLowerCase()}`) ?? null,
  ),
  level_normalized: textList,
  procedure_type: optionalText,
  steps: textList,
  documents: list(documentSchema),
  processing_time: optionalText,
  processing_days: optionalNumber,
  processing_days_max: optionalNumber,
  /** The time unit was lost in scraping ("Trực tiếp: 5"): the day count is a guess. */
  processing_unit_missing: flag(false),
  fees: optionalText,
  applicant: optionalText,
  where: optionalText,
  requirements: optionalText,
  result: optionalText,
  legal_basis: optionalText,
  legal_basis_codes: textList,
  submission_methods: list(submissionMethodSchema),
  /** Always null in the scraped data (`online_submission_listed` is what to use), so never a reason to reject a row. */
  online: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === "boolean" ? v : null)),
  online_submission_listed: flag(false),
  commune_service: flag(true),
  commune_only: flag(false),
  commune_authority_mentioned: flag(false),
  branch_agency_field: flag(false),
  ministry_folder: optionalLine,
  decision: optionalLine,
  source_url: optionalLine,
  source_dataset: optionalLine,
  source_path: optionalText,
  source_commit: optionalLine,
  source_note: optionalText,
});

export type CatalogueRecord = z.output<typeof catalogueRecordSchema>;

export type ParseResult = { ok: true; record: CatalogueRecord } | { ok: false; error: string };

export function parseCatalogueRecord(raw: unknown): ParseResult {
  const result = catalogueRecordSchema.safeParse(raw, { error: shortMessage });
  if (result.success) return { ok: true, record: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, error: `${formatPath(issue.path) || "record"}: ${issue.message}` };
}

/** Data for `prisma.procedure.create/update`, without the import's own bookkeeping (`active`). */
export interface ProcedureRow {
  code: string;
  name: string;
  field: string | null;
  level: string | null;
  processingTime: string | null;
  processingDays: number | null;
  processingUnitMissing: boolean;
  fees: string | null;
  applicant: string | null;
  whereToFile: string | null;
  result: string | null;
  legalBasis: string | null;
  sourceUrl: string | null;
  onlineSubmissionListed: boolean;
  communeService: boolean;
  agency: string | null;
  details: string;
}

export function toProcedureRow(record: CatalogueRecord): ProcedureRow {
  return {
    code: record.code,
    name: record.name,
    field: record.field,
    level: record.level,
    processingTime: record.processing_time,
    processingDays: record.processing_days,
    processingUnitMissing: record.processing_unit_missing,
    fees: record.fees,
    applicant: record.applicant,
    whereToFile: record.where,
    result: record.result,
    legalBasis: record.legal_basis,
    sourceUrl: record.source_url,
    onlineSubmissionListed: record.online_submission_listed,
    communeService: record.commune_service,
    agency: record.commune_service ? null : agencyFor(record),
    details: JSON.stringify(record),
  };
}

function shortMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== "invalid_type") return undefined;
  return issue.input === undefined ? "required" : `expected ${issue.expected}, got ${describe(issue.input)}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === "object" ? "an object" : String(value);
}

/** ["documents", 3, "name"] → "documents[3].name" */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}
