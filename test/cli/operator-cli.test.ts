import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { redeemLinkCode } from "../../src/domain/officials/link-codes.js";
import { freshSqliteUrl } from "../support/test-database.js";

const run = promisify(execFile);

/** Runs `npm run cli -- …` the way an operator does (without npm's banner). */
function cli(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
  });
}

// Each command starts a Node process with tsx: several seconds apiece on a busy machine.
describe("operator CLI", { timeout: 60_000 }, () => {
  const url = freshSqliteUrl();
  let db: Database;
  beforeAll(async () => {
    await cli(url, "seed-demo");
    db = await openDatabase(resolveDatabaseUrl(url));
  }, 60_000);
  afterAll(() => db.close());

  it("prints the officials as one JSON object per line", async () => {
    const { stdout } = await cli(url, "officials", "--json");
    const rows = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.length).toBe(await db.prisma.official.count());
    expect(Object.keys(rows[0]!).sort()).toEqual(["department", "id", "linked", "name", "phone", "role"]);
    expect(rows.every((r) => r.linked === false)).toBe(true);
  });

  it("prints a fresh link code as its last line, which links the official once", async () => {
    const official = await db.prisma.official.findFirstOrThrow({ where: { role: "officer" } });
    // Any common way of writing the number finds the official.
    const spaced = `+84 ${official.phone!.slice(1, 4)} ${official.phone!.slice(4)}`;
    const { stdout } = await cli(url, "link-code", spaced);
    const code = stdout.trim().split("\n").at(-1)!;
    expect(code).toMatch(/^\d{6}$/);
    const commune = official.communeId;
    const linked = await redeemLinkCode(db.prisma, {
      communeId: commune,
      zaloUserId: "z1",
      code,
      now: new Date(),
      channel: "zalo",
    });
    expect(linked).toMatchObject({ ok: true, official: { id: official.id } });
    const again = await redeemLinkCode(db.prisma, {
      communeId: commune,
      zaloUserId: "z2",
      code,
      now: new Date(),
      channel: "zalo",
    });
    expect(again).toEqual({ ok: false, reason: "used" });

    const listed = (await cli(url, "officials", "--json")).stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(listed.find((r: { id: string }) => r.id === official.id).linked).toBe(true);

    await cli(url, "revoke-link", official.phone!);
    expect(await db.prisma.zaloUser.count({ where: { officialId: official.id } })).toBe(0);
  });

  it("names an unknown phone number instead of crashing", async () => {
    const failed = await cli(url, "link-code", "0999999999").catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/no active official with phone 0999999999/);
  });
});

describe("operator CLI for the catalogue and the commune's notes", { timeout: 60_000 }, () => {
  const url = freshSqliteUrl();
  beforeAll(async () => {
    await cli(url, "seed-demo");
  }, 60_000);

  it("dry-runs and reports bad rows of an import by line, then sets a commune's notes on a procedure", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "cli-")), "extra.jsonl");
    writeFileSync(file, `${JSON.stringify({ code: "9.999999", name: "Thủ tục thử" })}\nnot json\n`);
    const dry = await cli(url, "import-procedures", file, "--dry-run", "--keep-missing");
    expect(dry.stdout).toContain("line 2: not valid JSON");
    expect(dry.stdout.trim().split("\n").at(-1)).toMatch(/^dry run: \{.*"created":1.*"bad":1/);

    const set = await cli(
      url,
      "procedure-local",
      "1.001193",
      "--not-served",
      "--note",
      "Nộp tại UBND phường bên cạnh",
    );
    expect(JSON.parse(set.stdout)).toMatchObject({
      code: "1.001193",
      served: false,
      note: "Nộp tại UBND phường bên cạnh",
    });
    const info = await cli(url, "commune-info", "--hotline", "0200 9 999 999");
    expect(JSON.parse(info.stdout)).toMatchObject({ hotline: "0200 9 999 999" });
  });
});
