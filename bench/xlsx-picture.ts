/**
 * A picture of a workbook's sheets for the README: each sheet read with exceljs, rendered
 * as an HTML table (merged title lines, bold rows, % formats) and screenshot with headless
 * Chromium. Usage: npx tsx bench/xlsx-picture.ts <file.xlsx> <out.png> [sheet …]
 */
import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { chromium } from "playwright-core";

const [file, out, ...wanted] = process.argv.slice(2);
if (!file || !out) {
  console.error("usage: npx tsx bench/xlsx-picture.ts <file.xlsx> <out.png> [sheet …]");
  process.exit(64);
}
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (cell.numFmt?.includes("%")) return `${(v * 100).toFixed(2).replace(".", ",")}%`;
    return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(".", ",");
  }
  return String(v);
}

function sheetHtml(sheet: ExcelJS.Worksheet): string {
  const widths = Array.from(
    { length: sheet.columnCount },
    (_, i) => (sheet.getColumn(i + 1).width ?? 10) * 7,
  );
  const rows: string[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const first = row.getCell(1);
    // A title line: the whole row merged into its first cell.
    if (first.isMerged && row.getCell(widths.length).master === first) {
      const size = first.font?.size ?? 11;
      rows.push(
        `<tr><td class="title" colspan="${widths.length}" style="font-size:${size + 2}px;${first.font?.bold ? "font-weight:bold" : "font-style:italic"}">${escape(cellText(first))}</td></tr>`,
      );
      return;
    }
    const cells = widths.map((_, i) => {
      const cell = row.getCell(i + 1);
      const head = cell.fill && "fgColor" in cell.fill && cell.fill.fgColor;
      const style = [
        cell.font?.bold || row.font?.bold ? "font-weight:bold" : "",
        cell.font?.color?.argb ? `color:#${cell.font.color.argb.slice(2)}` : "",
        head ? "background:#DDEBF7;text-align:center" : "",
        typeof cell.value === "number" ? "text-align:right" : "",
        cell.border ? "border:1px solid #999" : "",
      ].join(";");
      return `<td style="${style}">${escape(cellText(cell))}</td>`;
    });
    rows.push(`<tr>${cells.join("")}</tr>`);
  });
  return `<h3>${escape(sheet.name)}</h3><table><colgroup>${widths.map((w) => `<col style="width:${w}px">`).join("")}</colgroup>${rows.join("")}</table>`;
}

const workbook = new ExcelJS.Workbook();
await workbook.xlsx.readFile(file);
const sheets = workbook.worksheets.filter((s) => wanted.length === 0 || wanted.includes(s.name));
const html = `<!doctype html><meta charset="utf-8"><style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:12px;margin:12px;background:#fff}
table{border-collapse:collapse;table-layout:fixed;margin-bottom:18px}td{padding:2px 5px;vertical-align:top}
td.title{text-align:center}h3{margin:6px 0;color:#1F4E79}</style>${sheets.map(sheetHtml).join("")}`;

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(executablePath)) throw new Error(`${executablePath} missing`);
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1000, height: 600 }, deviceScaleFactor: 1 });
await page.setContent(html);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(out);
