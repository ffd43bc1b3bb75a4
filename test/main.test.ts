import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { resolveDatabaseUrl } from "../src/db/database-url.js";

/** Runs `src/main.ts` as `npm start` does, in a child process with its own environment. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** Start-up migrates and seeds the demo commune: on a busy CI machine that can take a while. */
const START_TIMEOUT_MS = 90_000;

async function waitForUrl(out: () => string, child: ChildProcess): Promise<string> {
  for (let i = 0; i < START_TIMEOUT_MS / 100; i++) {
    const m = /running: (http:\/\/localhost:\d+)/.exec(out());
    if (m?.[1]) return m[1];
    if (child.exitCode !== null) throw new Error(`exited early: ${out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service did not start: ${out()}`);
}

describe("the service process (npm start)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tro-ly-xa-main-"));
  const databaseUrl = `file:${join(dir, "app.db")}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stops at start-up naming PORT when it is not a number", async () => {
    const run = startMain({ PORT: "abc", DATABASE_URL: databaseUrl });
    expect(await run.exited).toBe(78);
    expect(run.err()).toMatch(/PORT: /);
  });

  it("stops at start-up naming DATABASE_URL when it is malformed", async () => {
    const run = startMain({ DATABASE_URL: "mysql://localhost/xa" });
    expect(await run.exited).toBe(78);
    expect(run.err()).toMatch(/DATABASE_URL: must start with file:, postgres:\/\/ or postgresql:\/\//);
  });

  it(
    "creates, migrates and seeds a fresh embedded database, serves /health, and stops cleanly on SIGTERM",
    async () => {
      const run = startMain({ PORT: "0", DATABASE_URL: databaseUrl });
      const url = await waitForUrl(run.out, run.child);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: "ok",
        database: { reachable: true },
        migrations: { current: true },
      });
      expect(run.out()).toContain("demo commune seeded");
      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
      expect(run.out()).toContain('"msg":"stopped"');

      const db = await openDatabase(resolveDatabaseUrl(databaseUrl));
      try {
        expect(await db.prisma.commune.count()).toBe(1);
        expect(await db.prisma.dossier.count()).toBeGreaterThan(300);
      } finally {
        await db.close();
      }
    },
    START_TIMEOUT_MS + 10_000,
  );

  it(
    "starts again on the same database without seeding twice",
    async () => {
      const run = startMain({ PORT: "0", DATABASE_URL: databaseUrl });
      const url = await waitForUrl(run.out, run.child);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(run.out()).not.toContain("demo commune seeded");
      run.child.kill("SIGTERM");
      expect(await run.exited).toBe(0);
    },
    START_TIMEOUT_MS + 10_000,
  );
});
