import type { Db } from "../../db/client.js";
import { matchDepartment } from "../departments/department-match.js";
import { emptyReport, type ImportOptions, type ImportReport } from "../imports/report.js";
import type { SheetSource } from "../imports/sheet.js";
import { readTable } from "../imports/table.js";
import { foldVietnamese } from "../text/vietnamese.js";
import { normaliseVietnamesePhone } from "./link-codes.js";
import type { OfficialRole } from "./scope.js";

/**
 * The role a sheet gives, in its own words ("Lãnh đạo", "Quản trị", "Cán bộ"), or from the
 * title when the sheet has no role column: a Chủ tịch or Phó Chủ tịch leads.
 */
function roleOf(role: string | undefined, title: string): OfficialRole | null {
  const said = foldVietnamese(role ?? "");
  if (said) {
    if (/^(lanh dao|leader|chu tich|pho chu tich)$/.test(said)) return "leader";
    if (/^(quan tri|admin|quan tri vien)$/.test(said)) return "admin";
    if (/^(can bo|cong chuc|officer|nhan vien|chuyen vien)$/.test(said)) return "officer";
    return null;
  }
  return /\bchu tich\b/.test(foldVietnamese(title)) ? "leader" : "officer";
}

/**
 * Loads a commune's officials from the sheet the office keeps (name, title, role,
 * department, phone). An official is the same person as long as their phone number is,
 * so a re-import updates rather than adds; someone missing from the file is left as is
 * (an operator deactivates people on purpose). Rows that cannot be used are reported by
 * number and the rest still imports.
 */
export async function importOfficials(
  prisma: Db,
  communeId: string,
  source: SheetSource,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const report = emptyReport();
  const departments = await prisma.department.findMany({ where: { communeId } });
  const names = departments.map((d) => ({ ...d, aliases: d.aliases.split("|").filter(Boolean) }));
  const table = await readTable(source, "officials");
  for await (const row of table.rows) {
    report.rows++;
    const { name, title: givenTitle, role: givenRole, department, phone: givenPhone } = row.cells;
    const problem = (message: string) => report.bad.push({ line: row.line, message });
    if (!name) {
      problem("thiếu họ tên");
      continue;
    }
    const phone = givenPhone ? normaliseVietnamesePhone(givenPhone) : null;
    if (!phone) {
      problem(
        givenPhone
          ? `số điện thoại "${givenPhone}" không hợp lệ`
          : "thiếu số điện thoại (cán bộ liên kết Zalo bằng số này)",
      );
      continue;
    }
    const title = givenTitle ?? "Công chức";
    const role = roleOf(givenRole, title);
    if (!role) {
      problem(`vai trò "${givenRole}" không rõ: dùng Lãnh đạo, Cán bộ hoặc Quản trị`);
      continue;
    }
    let departmentId: string | null = null;
    if (department) {
      const code = matchDepartment(department, names);
      departmentId = departments.find((d) => d.code === code)?.id ?? null;
      if (!departmentId) {
        report.warnings.push({
          line: row.line,
          message: `không rõ bộ phận "${department}": thêm bằng "department add" rồi nhập lại`,
        });
      }
    } else if (role !== "leader") {
      report.warnings.push({
        line: row.line,
        message: `${name} chưa có bộ phận: chỉ xem được việc được giao riêng`,
      });
    }
    const data = { name, title, role, departmentId, active: true };
    const existing = await prisma.official.findUnique({ where: { communeId_phone: { communeId, phone } } });
    if (existing) {
      const same =
        existing.name === name &&
        existing.title === title &&
        existing.role === role &&
        existing.departmentId === departmentId &&
        existing.active;
      if (same) report.unchanged++;
      else {
        if (!options.dryRun) await prisma.official.update({ where: { id: existing.id }, data });
        report.updated++;
      }
    } else {
      if (!options.dryRun) await prisma.official.create({ data: { communeId, phone, ...data } });
      report.created++;
    }
    options.onProgress?.(report.rows);
  }
  return report;
}
