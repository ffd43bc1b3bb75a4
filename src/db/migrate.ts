import { execFile } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { prismaDir, projectRoot } from "../paths.js";
import { type Database, openDatabase } from "./client.js";
import { type DatabaseTarget, sqliteFilePath } from "./database-url.js";

const run = promisify(execFile);

/**
 * Applies committed migrations with `prisma migrate deploy`, through the CLI's bundled
 * wasm schema engine and a driver adapter, so no native engine is ever downloaded
 * (see README, "Why the Prisma set-up looks like this").
 */
export async function applyMigrations(target: DatabaseTarget): Promise<string> {
  // SQLite creates the file but not its directory.
  if (target.provider === "sqlite") mkdirSync(dirname(sqliteFilePath(target.url)), { recursive: true });
  const cli = join(projectRoot, "node_modules/prisma/build/index.js");
  const config = join(prismaDir(target.provider), "prisma.config.mjs");
  try {
    const { stdout } = await run(process.execPath, [cli, "migrate", "deploy", "--config", config], {
      cwd: projectRoot,
      env: {
        ...process.env,
        DATABASE_URL: target.url,
        PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/bin/false",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      maxBuffer: 4 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const detail = `${e.stdout ?? ""}\n${e.stderr ?? ""}`
      .split("\n")
      .filter((line) => /error|P\d{4}/i.test(line))
      .join("\n");
    throw new Error(`prisma migrate deploy failed: ${detail || e.message}`, { cause: error });
  }
}

/** Names of the migrations committed for a provider, in order. */
export function committedMigrations(provider: DatabaseTarget["provider"]): string[] {
  return readdirSync(join(prismaDir(provider), "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export interface MigrationState {
  current: boolean;
  pending: string[];
  applied: number;
}

/** Compares the committed migrations with those Prisma recorded as applied. */
export async function migrationState(db: Database): Promise<MigrationState> {
  const committed = committedMigrations(db.target.provider);
  let applied: string[] = [];
  try {
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = rows.map((r) => r.migration_name);
  } catch {
    // No _prisma_migrations table yet: nothing applied.
  }
  const pending = committed.filter((name) => !applied.includes(name));
  return { current: pending.length === 0, pending, applied: applied.length };
}

/** The embedded database is held by another process (the running service) while migrating. */
export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
}

/**
 * The operator's `migrate`: applies what is pending, or says there is nothing to do without
 * touching the database. On the embedded database `migrate deploy` needs the file to
 * itself; while the service holds it, it waits a little and then says to stop the service
 * (the service applies pending migrations itself when it starts).
 */
export async function migrateNow(target: DatabaseTarget, waitMs = 15_000): Promise<{ applied: string[] }> {
  const db = await openDatabase(target).catch(() => null);
  const pending = db ? (await migrationState(db)).pending : committedMigrations(target.provider);
  await db?.close();
  if (pending.length === 0) return { applied: [] };
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await applyMigrations(target);
      return { applied: pending };
    } catch (error) {
      // The wasm engine reports SQLite's "database is locked" only as an adapter error.
      const busy = target.provider === "sqlite" && /locked|busy|External error/i.test(String(error));
      if (!busy) throw error;
      if (Date.now() > deadline) {
        throw new DatabaseBusyError(
          "the database is in use by another process (is the service running?): stop the service and run migrate again, or just start the service, which applies pending migrations itself",
        );
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/**
 * Opens the database, applying migrations first only when some are pending: `migrate
 * deploy` takes a lock that another process on the same database (the service, an
 * operator's command) may hold, so it should not run when there is nothing to do.
 */
export async function openMigratedDatabase(target: DatabaseTarget): Promise<Database> {
  let db = await openDatabase(target).catch(() => null);
  if (db && (await migrationState(db)).current) return db;
  await db?.close();
  await applyMigrations(target);
  db = await openDatabase(target);
  return db;
}
