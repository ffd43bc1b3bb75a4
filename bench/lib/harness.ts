/**
 * What the benchmark parts share: a fresh database (a temporary SQLite file, or a new
 * database on the PostgreSQL server given), the fake Zalo on a port of its own, the real
 * service in child processes (dist/main.js as production runs it once `useCompiledService`
 * has built it, else src/main.ts through tsx), and signed webhook events.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database } from "../../src/db/client.js";
import { pgConnectionFields, resolveDatabaseUrl } from "../../src/db/database-url.js";
import { openMigratedDatabase } from "../../src/db/migrate.js";
import { signZaloBody } from "../../src/zalo/signature.js";
import { startFakeZaloServer } from "../../test/support/fake-zalo-server.js";
import { type ServiceProcess, startServiceProcess } from "../../test/support/service-process.js";
import type { LoadRequest } from "./load.js";

export const KEYS = {
  appId: "4410000000000000001",
  appSecret: "bench-app-secret",
  oaSecretKey: "bench-oa-secret",
};
export const DEFAULT_OA = "4420000000000000000";

export interface BenchDatabase {
  url: string;
  provider: "sqlite" | "postgres";
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/** A new, migrated database: SQLite in a temporary directory, or a new database on `pgBase`. */
export async function freshDatabase(pgBase?: string): Promise<BenchDatabase> {
  if (!pgBase) {
    const dir = mkdtempSync(join(tmpdir(), "bench-db-"));
    const url = `file:${join(dir, "bench.db")}`;
    await (await openMigratedDatabase(resolveDatabaseUrl(url))).close();
    return {
      url,
      provider: "sqlite",
      open: () => openMigratedDatabase(resolveDatabaseUrl(url)),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `tro_ly_xa_bench_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ ...pgConnectionFields(pgBase), database: "postgres" });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(pgBase);
  u.pathname = `/${name}`;
  const url = u.toString();
  (await openMigratedDatabase(resolveDatabaseUrl(url))).close();
  return {
    url,
    provider: "postgres",
    open: () => openMigratedDatabase(resolveDatabaseUrl(url)),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export type FakeZaloServer = Awaited<ReturnType<typeof startFakeZaloServer>>;

export function startFakeZalo(oaIds: string[] = [DEFAULT_OA]): Promise<FakeZaloServer> {
  return startFakeZaloServer({
    appId: KEYS.appId,
    appSecret: KEYS.appSecret,
    oas: oaIds.map((oaId) => ({ oaId })),
    keep: 1_000_000,
  });
}

let compiled = false;

/**
 * From now on, run the service as `npm run start:prod` does: build dist/ once
 * (`npm run build`) and start `node dist/main.js`. Without it, src/main.ts runs through
 * tsx, whose compiler and source maps stay in the server's memory (about 60 MB of RSS).
 */
export function useCompiledService(): void {
  execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  compiled = true;
}

let nodeFlags: string[] = [];

/** Node/V8 flags every server started from now on gets (`--server-flags`, to weigh one). */
export function setServerNodeFlags(flags: string[]): void {
  nodeFlags = flags;
}

/** "dist" or "tsx": how startService runs the server. */
export function serviceRuntime(): "dist" | "tsx" {
  return compiled ? "dist" : "tsx";
}

/** The real service in a child process, on `databaseUrl`, talking to the fake Zalo. */
export function startService(
  databaseUrl: string,
  zalo: FakeZaloServer,
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<ServiceProcess> {
  return startServiceProcess(
    {
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "false",
      ZALO_APP_ID: KEYS.appId,
      ZALO_APP_SECRET: KEYS.appSecret,
      ZALO_OA_SECRET_KEY: KEYS.oaSecretKey,
      // A one-commune deployment's own OA; a province's instance leaves these empty.
      ...(env.ZALO_OA_ID === ""
        ? {}
        : { ZALO_OA_ID: DEFAULT_OA, ZALO_REFRESH_TOKEN: zalo.fake.refreshTokenOf(DEFAULT_OA) }),
      ZALO_API_BASE_URL: zalo.url,
      ZALO_OAUTH_BASE_URL: `${zalo.url}/oauth`,
      ZALO_SEND_RATE_PER_SECOND: "1000",
      ...env,
    },
    { execArgv: [...nodeFlags, ...execArgv], timeoutMs: 120_000, compiled },
  );
}

let seq = 0;
/** A citizen's text to an OA, signed as Zalo signs it; its tag is the event's msg_id. */
export function signedText(user: string, text: string, oaId = DEFAULT_OA): LoadRequest {
  const timestamp = String(Date.now());
  const msgId = `bench-${process.pid}-${++seq}`;
  const body = JSON.stringify({
    app_id: KEYS.appId,
    user_id_by_app: `app-${user}`,
    event_name: "user_send_text",
    timestamp,
    sender: { id: user },
    recipient: { id: oaId },
    message: { msg_id: msgId, text },
  });
  return {
    path: "/webhooks/zalo",
    body,
    tag: msgId,
    headers: {
      "content-type": "application/json",
      "x-zevent-signature": signZaloBody(KEYS.appId, body, timestamp, KEYS.oaSecretKey),
    },
  };
}

/** Resident memory of a process, from /proc (Linux), in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
