import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { type DatabaseTarget, pgConnectionFields, sqliteFilePath } from "./database-url.js";
import { PrismaClient as PgClient } from "./generated/postgres/client.js";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.js";

/**
 * The client type the rest of the code is written against. Both generated clients come
 * from the same models (prisma/models.prisma) and use no provider-specific feature, so
 * their model APIs are the same; the SQLite one stands for both.
 */
export type Db = SqliteClient;
export type { Prisma } from "./generated/sqlite/client.js";

export interface Database {
  readonly prisma: Db;
  readonly target: DatabaseTarget;
  /** Runs `SELECT 1`; false when the database cannot be reached. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const prisma = target.provider === "sqlite" ? openSqlite(target.url) : openPostgres(target.url);
  if (target.provider === "sqlite") {
    // WAL lets readers (health checks, reports) run while a writer holds the database;
    // SQLite enforces foreign keys only when asked, per connection.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
  return {
    prisma,
    target,
    async ping() {
      try {
        await prisma.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: () => prisma.$disconnect(),
  };
}

function openSqlite(url: string): Db {
  mkdirSync(dirname(sqliteFilePath(url)), { recursive: true });
  // `timeout` is SQLite's busy timeout: a second writer waits instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 }, { timestampFormat: "iso8601" });
  return new SqliteClient({ adapter });
}

function openPostgres(url: string): Db {
  const adapter = new PrismaPg({ ...pgConnectionFields(url), max: 10 });
  return new PgClient({ adapter }) as unknown as Db;
}
