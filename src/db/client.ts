import { AsyncLocalStorage } from "node:async_hooks";
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
  return isolateTransactions(new SqliteClient({ adapter }));
}

/**
 * The SQLite adapter runs everything on one connection, so a query issued while another
 * piece of work has a transaction open would run INSIDE that transaction and vanish with
 * its rollback (an inbox insert already acknowledged to Zalo, say). Here a transaction
 * holds the connection alone: queries from outside it wait until it ends; queries from
 * inside it (recognised through async context) go straight through.
 */
function isolateTransactions(client: SqliteClient): Db {
  const insideTransaction = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  const extended = client.$extends({
    query: {
      $allOperations({ args, query }) {
        return insideTransaction.getStore() ? query(args) : exclusive(() => query(args));
      },
    },
  });
  const transaction = extended.$transaction.bind(extended) as (...args: unknown[]) => Promise<unknown>;
  return new Proxy(extended, {
    get(target, property, receiver) {
      if (property === "$transaction") {
        return (...args: unknown[]) =>
          exclusive(() => insideTransaction.run(true, () => transaction(...args)));
      }
      return Reflect.get(target, property, receiver);
    },
  }) as unknown as Db;
}

function openPostgres(url: string): Db {
  const adapter = new PrismaPg({ ...pgConnectionFields(url), max: 10 });
  return new PgClient({ adapter }) as unknown as Db;
}
