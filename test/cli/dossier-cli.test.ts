import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { createDossierCommune, SAMPLE_EXPORT } from "../support/dossier-commune.js";
import { freshSqliteUrl } from "../support/test-database.js";

const run = promisify(execFile);

/** Runs `npm run cli -- …` the way an operator does (without npm's banner), output not a terminal. */
function cli(databaseUrl: string, args: string[]) {
  return run(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

const lines = (text: string) => text.trim().split("\n");
const lastJson = (stdout: string) => JSON.parse(lines(stdout).at(-1)!) as Record<string, unknown>;

describe("operator CLI: import-dossiers", { timeout: 60_000 }, () => {
  const url = freshSqliteUrl();
  let db: Database;
  let slug: string;
  let communeId: string;
  const count = () => db.prisma.dossier.count({ where: { communeId } });

  beforeAll(async () => {
    db = await openDatabase(resolveDatabaseUrl(url));
    ({ slug, communeId } = await createDossierCommune(db.prisma));
  }, 60_000);
  afterAll(() => db.close());

  it("checks a file with --dry-run, then imports it, printing the report and its counts last", async () => {
    const dry = await cli(url, ["import-dossiers", SAMPLE_EXPORT, "--commune", slug, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(lastJson(dry.stdout)).toEqual({
      dryRun: true,
      rows: 33,
      created: 33,
      updated: 0,
      unchanged: 0,
      bad: 0,
      warnings: 2,
    });
    expect(await count()).toBe(0);

    const real = await cli(url, ["import-dossiers", SAMPLE_EXPORT, "--commune", slug]);
    expect(real.code).toBe(0);
    const out = lines(real.stdout);
    expect(out[0]).toBe("33 dòng: thêm mới 33, cập nhật 0, không đổi 0, lỗi 0, cần xem lại 2");
    expect(out.slice(1, -1)).toEqual([
      expect.stringMatching(/^dòng 25: không có cán bộ "Trần Văn Khách"/),
      expect.stringMatching(/^dòng 26: không nhận ra bộ phận "Phòng Kinh tế"/),
    ]);
    expect(lastJson(real.stdout)).toMatchObject({ dryRun: false, created: 33 });
    // Progress as whole lines, readable in a log file: no carriage returns.
    expect(real.stderr).toContain("33 dòng\n");
    expect(real.stderr).not.toContain("\r");
    expect(`${real.stdout}${real.stderr}`).not.toMatch(/912 ?345 ?601/);
    expect(await count()).toBe(33);

    const again = await cli(url, ["import-dossiers", SAMPLE_EXPORT, "--commune", slug]);
    expect(lastJson(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 33 });
  }, 90_000);

  it("answers a missing file, a file that is not an export and an unknown commune with exit code 2", async () => {
    const noFile = await cli(url, ["import-dossiers", "--commune", slug]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/import-dossiers needs the export file/);
    const missing = await cli(url, ["import-dossiers", "khong-co.csv", "--commune", slug]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/khong-co\.csv/);
    const notExport = await cli(url, ["import-dossiers", "package.json", "--commune", slug]);
    expect(notExport.code).toBe(2);
    expect(notExport.stderr).toMatch(/unsupported format ".json"/);
    const commune = await cli(url, ["import-dossiers", SAMPLE_EXPORT, "--commune", "xa-khong-co"]);
    expect(commune.code).toBe(2);
    expect(commune.stderr).toMatch(/--commune/);
  }, 120_000);
});
