import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { pgAdmin, TEMPLATE_DB } from "./pg-admin.js";

export type Provider = "sqlite" | "postgres";

/** Providers to run repository tests on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function providers(): Provider[] {
  return inject("pgUrl") ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A freshly migrated, empty database of its own for one test file or test. */
export async function createTestDatabase(provider: Provider = "sqlite"): Promise<Database> {
  if (provider === "sqlite") {
    const file = join(inject("tmpDir"), `${randomUUID()}.db`);
    copyFileSync(inject("sqliteTemplate"), file);
    return openDatabase(resolveDatabaseUrl(`file:${file}`));
  }
  const base = inject("pgUrl");
  const name = `tro_ly_xa_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  await pgAdmin(base, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openDatabase(resolveDatabaseUrl(u.toString()));
  return {
    ...db,
    async close() {
      await db.close();
      await pgAdmin(base, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh migrated SQLite file for a test that starts the whole service itself. */
export function freshSqliteUrl(): string {
  const file = join(inject("tmpDir"), `${randomUUID()}.db`);
  copyFileSync(inject("sqliteTemplate"), file);
  return `file:${file}`;
}
