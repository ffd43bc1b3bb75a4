import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../../src/db/client.js";
import { DEMO_DEPARTMENTS } from "../../../src/demo/demo-commune.js";
import type { DepartmentNames } from "../../../src/domain/departments/department-match.js";
import type { PlanImportContext } from "../../../src/domain/imports/plan-import.js";
import { projectRoot } from "../../../src/paths.js";

export const SAMPLES = join(projectRoot, "assets/samples");
/** The appendix of Kế hoạch 11/KH-UBND, xã Triệu An, 2023 (shared/seeds/002). */
export const APPENDIX = join(SAMPLES, "ke-hoach-cchc-phu-luc.csv");
/** The tasks of the CCHC plan of phường Chánh Lộ, 2024 (shared/seeds/004), as a table. */
export const TASK_LIST = join(SAMPLES, "ke-hoach-cchc-nhiem-vu.csv");
export const TASK_LIST_XLSX = join(SAMPLES, "ke-hoach-cchc-nhiem-vu.xlsx");

/** The departments phường Chánh Lộ's plan names, with the names it uses for them. */
export const CHANH_LO_DEPARTMENTS: DepartmentNames[] = [
  { code: "VP", name: "Văn phòng – Thống kê", aliases: ["Văn phòng"] },
  { code: "TP", name: "Tư pháp – Hộ tịch", aliases: ["Tư pháp"] },
  {
    code: "VHXH",
    name: "Văn hóa – Xã hội",
    aliases: ["Văn hóa - Thông tin", "Văn hóa và Thông tin", "VHTT"],
  },
  { code: "DCXD", name: "Địa chính – Xây dựng", aliases: [] },
  { code: "TCKT", name: "Tài chính – Kế toán", aliases: [] },
  { code: "MC", name: "Bộ phận tiếp nhận và trả kết quả", aliases: ["Một cửa", "Bộ phận Một cửa"] },
];

/** A commune with these departments (xã Triệu An's are the demo commune's). */
export async function communeWith(
  prisma: Db,
  departments: readonly DepartmentNames[] = DEMO_DEPARTMENTS,
): Promise<{ communeId: string; slug: string; departmentIds: Map<string, string> }> {
  const slug = `xa-${randomUUID().slice(0, 8)}`;
  const commune = await prisma.commune.create({ data: { slug, name: `Xã ${slug}`, kind: "xa" } });
  const rows = await prisma.department.createManyAndReturn({
    data: departments.map((d) => ({
      communeId: commune.id,
      code: d.code,
      name: d.name,
      aliases: d.aliases.join("|"),
    })),
    select: { id: true, code: true },
  });
  return { communeId: commune.id, slug, departmentIds: new Map(rows.map((d) => [d.code, d.id])) };
}

export const cliContext = (): PlanImportContext => ({
  actor: { label: "cli" },
  channel: "cli",
  now: new Date("2024-03-01T02:00:00Z"),
});

/** A sample with some of its text replaced: an office's next version of the file. */
export function edited(path: string, from: string, to: string): { name: string; data: Buffer } {
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`"${from}" is not in ${path}`);
  return { name: path.split("/").at(-1)!, data: Buffer.from(text.replace(from, to)) };
}

/** What a task is, read back: the plan's fields, its departments by code and its deadlines. */
export async function storedTasks(prisma: Db, communeId: string) {
  const tasks = await prisma.task.findMany({
    where: { communeId },
    include: {
      leadDepartment: { select: { code: true } },
      cooperators: { select: { department: { select: { code: true } } } },
      deadlines: { orderBy: { dueAt: "asc" } },
    },
  });
  return tasks
    .map((t) => ({
      ...t,
      lead: t.leadDepartment?.code ?? null,
      cooperatorCodes: t.cooperators.map((c) => c.department.code).sort(),
      dueDates: t.deadlines.map((d) => d.dueAt.toISOString().slice(0, 10)),
    }))
    .sort((a, b) => Number(a.code.slice(2)) - Number(b.code.slice(2)));
}
