import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { pgAdmin, TEMPLATE_DB } from "./pg-admin.js";

/**
 * Migrates one template database per run; each test file then gets a fresh copy
 * (a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL). Running the real
 * migrations here is itself a test that they apply cleanly.
 */
export default async function setup(project: TestProject) {
  const dir = join(process.cwd(), "node_modules/.cache/tro-ly-xa-test", String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const template = join(dir, "template.db");
  await applyMigrations(resolveDatabaseUrl(`file:${template}`));
  project.provide("sqliteTemplate", template);
  project.provide("tmpDir", dir);

  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    await pgAdmin(pgUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    });
    const u = new URL(pgUrl);
    u.pathname = `/${TEMPLATE_DB}`;
    await applyMigrations(resolveDatabaseUrl(u.toString()));
  }
  project.provide("pgUrl", pgUrl ?? "");
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    tmpDir: string;
    pgUrl: string;
  }
}
