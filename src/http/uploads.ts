import express, { type Request } from "express";
import type { SheetSource } from "../domain/imports/sheet.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The types an import endpoint takes, for the 415 answer that lists them. */
export const SHEET_TYPES = [
  "text/csv",
  "application/csv",
  "text/tab-separated-values",
  "text/plain",
  XLSX_TYPE,
  "application/octet-stream",
] as const;

/**
 * Reads an import's body as bytes whatever its type (a type the endpoint does not take is
 * refused by it, with the list). A large commune's quarter of dossiers as XLSX is a few MB.
 */
export const rawUpload = express.raw({ type: () => true, limit: "20mb" });

export type UploadedSheet =
  | { ok: true; sheet: SheetSource }
  | { ok: false; status: 400 | 415; error: string; types?: readonly string[] };

/**
 * A spreadsheet sent as a request body (read with `rawUpload`): its bytes and a file name whose
 * extension tells the reader the format. The format comes from `?name=`, else the bytes (an XLSX
 * workbook is a zip archive, whatever the client called it), else the Content-Type.
 */
export function uploadedSheet(req: Request, what = "the file"): UploadedSheet {
  const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (data.length === 0)
    return { ok: false, status: 400, error: `the body is empty: send ${what} as CSV or XLSX` };
  const given = typeof req.query.name === "string" ? req.query.name : "";
  if (/\.(csv|tsv|txt|xlsx)$/i.test(given)) return { ok: true, sheet: { name: given, data } };
  if (isZip(data)) return { ok: true, sheet: { name: "upload.xlsx", data } };
  const type = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) return { ok: true, sheet: { name: "upload.xlsx", data } };
  if (type === "text/tab-separated-values") return { ok: true, sheet: { name: "upload.tsv", data } };
  if (type === "" || (SHEET_TYPES as readonly string[]).includes(type))
    return { ok: true, sheet: { name: "upload.csv", data } };
  return {
    ok: false,
    status: 415,
    error: `send ${what} as text/csv or an .xlsx workbook`,
    types: SHEET_TYPES,
  };
}

/** An XLSX workbook is a zip archive: its first bytes are a local file header. */
function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
}

/** `?dryRun=true|1|yes` (or bare) checks everything and writes nothing; absent or false/0/no imports; else null. */
export function dryRunQuery(req: Request): boolean | null {
  const value = req.query.dryRun;
  if (value === undefined) return false;
  const text = typeof value === "string" ? value.toLowerCase() : "";
  if (["", "true", "1", "yes"].includes(text)) return true;
  if (["false", "0", "no"].includes(text)) return false;
  return null;
}
