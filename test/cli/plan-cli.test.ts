import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { APPENDIX, communeWith } from "../domain/imports/plan-fixtures.js";
import { freshSqliteUrl } from "../support/test-database.js";

const run = promisify(execFile);

/** Runs `npm run cli -- …` the way an operator does, stderr a pipe as in a log file. */
function cli(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
  });
}

async function failing(databaseUrl: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  return cli(databaseUrl, ...args).then(
    () => ({ code: 0, stderr: "" }),
    (e: { code: number; stderr: string }) => e,
  );
}

const lines = (text: string) => text.trim().split("\n");

// Each command starts a Node process with tsx: a few seconds apiece on a busy machine.
describe("operator CLI for plans", { timeout: 60_000 }, () => {
  const url = freshSqliteUrl();
  let db: Database;
  let slug: string;
  let communeId: string;
  beforeAll(async () => {
    db = await openDatabase(resolveDatabaseUrl(url));
    ({ slug, communeId } = await communeWith(db.prisma));
  });
  afterAll(() => db.close());

  it("prints what a deadline phrase means as one JSON object", async () => {
    const [q24, ongoing, unknown] = await Promise.all([
      cli(url, "deadline", "--year", "2024", "Quý II và Quý IV"),
      cli(url, "deadline", "--year", "2024", "Thường xuyên trong năm"),
      cli(url, "deadline", "--year", "2024", "Theo quy định của Chính phủ"),
    ]);
    expect(JSON.parse(q24.stdout)).toEqual({
      text: "Quý II và Quý IV",
      dueDates: ["2024-06-30", "2024-12-31"],
      recurrence: null,
      understood: true,
    });
    expect(JSON.parse(ongoing.stdout)).toEqual({
      text: "Thường xuyên trong năm",
      dueDates: [],
      recurrence: "ongoing",
      understood: true,
    });
    expect(JSON.parse(unknown.stdout)).toMatchObject({ dueDates: [], understood: false });
    const bad = await failing(url, "deadline", "--year", "24", "Quý II");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--year: a year such as 2024/);
  });

  it("imports a plan with readable progress, the report and its counts as the last line", async () => {
    const importAppendix = () =>
      ["import-plan", APPENDIX, "--commune", slug, "--year", "2023", "--document", "11/KH-UBND"] as const;
    const dry = await cli(url, "import-plan", APPENDIX, "--commune", slug, "--year", "2023", "--dry-run");
    expect(JSON.parse(lines(dry.stdout).at(-1)!)).toEqual({
      rows: 39,
      created: 39,
      updated: 0,
      unchanged: 0,
      bad: 0,
      warnings: 4,
      dryRun: true,
    });
    expect(await db.prisma.task.count({ where: { communeId } })).toBe(0);

    const first = await cli(url, ...importAppendix());
    const out = lines(first.stdout);
    expect(out[0]).toBe("39 dòng: thêm mới 39, cập nhật 0, không đổi 0, lỗi 0, cần xem lại 4");
    expect(out).toContain(
      'dòng 22: không nhận ra ngành "Trạm y tế" (cột chủ trì); nhiệm vụ vẫn được nhập, giữ nguyên chữ',
    );
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ created: 39, dryRun: false });
    // Whole lines as the tasks are written (a chunk of at least ten at a time), at most one per
    // tenth: no carriage returns redrawing a line.
    expect(first.stderr).not.toContain("\r");
    expect(lines(first.stderr)).toEqual([
      "10/39 nhiệm vụ (26%)",
      "20/39 nhiệm vụ (51%)",
      "30/39 nhiệm vụ (77%)",
      "39/39 nhiệm vụ (100%)",
    ]);
    expect(await db.prisma.task.count({ where: { communeId } })).toBe(39);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { communeId, entityType: "task" } });
    expect(audit).toMatchObject({ channel: "cli", actorLabel: "cli", action: "imported" });

    const again = await cli(url, ...importAppendix());
    expect(JSON.parse(lines(again.stdout).at(-1)!)).toMatchObject({ created: 0, updated: 0, unchanged: 39 });
  });

  it("refuses what it cannot import with the reason and exit code 2, writing nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-cli-"));
    const noHeader = join(dir, "danh-sach.csv");
    writeFileSync(noHeader, "a,b,c\n1,2,3\n");
    const pdf = join(dir, "ke-hoach.pdf");
    writeFileSync(pdf, "%PDF");
    const tasks = await db.prisma.task.count();
    const [header, format, missing, commune, year] = await Promise.all([
      failing(url, "import-plan", noHeader, "--commune", slug, "--year", "2024"),
      failing(url, "import-plan", pdf, "--commune", slug, "--year", "2024"),
      failing(url, "import-plan", join(dir, "khong-co.csv"), "--commune", slug, "--year", "2024"),
      failing(url, "import-plan", APPENDIX, "--commune", "nowhere", "--year", "2024"),
      failing(url, "import-plan", APPENDIX, "--commune", slug),
    ]);
    expect([header, format, missing, commune, year].map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(header.stderr).toContain("không tìm thấy dòng tiêu đề cột");
    expect(format.stderr).toContain('unsupported format ".pdf"');
    expect(missing.stderr).toContain("no such file");
    expect(commune.stderr).toContain("no commune with slug nowhere");
    expect(year.stderr).toContain("--year: a year such as 2024");
    expect(await db.prisma.task.count()).toBe(tasks);
  });
});
