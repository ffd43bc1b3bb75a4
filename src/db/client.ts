import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { type DatabaseTarget, pgConnectionFields, sqliteFilePath } from "./database-url.js";
import { type InboxEventWriter, openInboxEventWriter } from "./inbox-events.js";
import type { PrismaClient as SqliteClient } from "./generated/sqlite/client.js";

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
  /** Runs `SELECT 1`; false when the database cannot be reached (or its file is gone). */
  ping(): Promise<boolean>;
  /** What is known to be wrong with the database right now, without a query (see StorageState). */
  readonly storage: StorageState;
  /** The webhook's hot path: one inbox insert past Prisma (see inbox-events.ts). */
  readonly inboxEvents: InboxEventWriter;
  close(): Promise<void>;
}

/**
 * What the service knows about its database between queries: a write that failed for a
 * reason outside the request (the file locked by another process, gone, the server down)
 * is reported here, so `/health` says so and the webhook can answer 503 at once.
 */
export interface StorageState {
  /** Why writes cannot be trusted now, or null: the SQLite file missing or replaced, or a recent failure. */
  unavailableReason(): string | null;
  /** True when the SQLite file the connection holds is no longer the file at its path. */
  fileGone(): boolean;
  reportFailure(error: unknown): void;
  reportSuccess(): void;
}

/**
 * SQLite's busy timeout: how long a statement waits for another process's lock. The driver
 * waits synchronously (the whole process stands still), so it is short: a webhook must
 * answer 503 within Zalo's ~2 s rather than freeze, and the inbox worker retries anyway.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 150;
/** How long a write failure keeps `/health` at 503 unless a later write succeeds. */
const FAILURE_MEMORY_MS = 10_000;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const prisma = target.provider === "sqlite" ? await openSqlite(target.url) : await openPostgres(target.url);
  if (target.provider === "sqlite") {
    // WAL lets readers (health checks, reports) run while a writer holds the database;
    // SQLite enforces foreign keys only when asked, per connection.
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
  const storage = storageState(target);
  const inboxEvents = openInboxEventWriter(target, prisma, { busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS });
  return {
    prisma,
    target,
    storage,
    inboxEvents,
    async ping() {
      if (storage.fileGone()) return false;
      try {
        await prisma.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      inboxEvents.close();
      await prisma.$disconnect();
    },
  };
}

function storageState(target: DatabaseTarget): StorageState {
  let failure: { at: number; reason: string } | null = null;
  let fileGone: () => boolean = () => false;
  if (target.provider === "sqlite") {
    // The connection keeps a deleted file open and writes into it: acknowledged events would
    // vanish. Compare the file at the path with the one opened (a stat, at most every 250 ms).
    const path = sqliteFilePath(target.url);
    const identity = () => {
      try {
        const s = statSync(path);
        return `${s.dev}:${s.ino}`;
      } catch {
        return null;
      }
    };
    const opened = identity();
    let checkedAt = 0;
    let gone = false;
    fileGone = () => {
      const now = Date.now();
      if (now - checkedAt >= 250) {
        checkedAt = now;
        gone = identity() !== opened;
      }
      return gone;
    };
  }
  return {
    fileGone,
    unavailableReason() {
      if (fileGone()) return "database_file_missing";
      if (failure && Date.now() - failure.at < FAILURE_MEMORY_MS) return failure.reason;
      return null;
    },
    reportFailure(error) {
      const text = String((error as Error)?.message ?? error);
      const reason = /locked|busy/i.test(text)
        ? "database_locked"
        : /timed out|deadline/i.test(text)
          ? "database_timeout"
          : "database_error";
      failure = { at: Date.now(), reason };
    },
    reportSuccess() {
      failure = null;
    },
  };
}

/*
 * Each provider's generated client and driver adapter are imported when that provider is
 * opened, not at the top of this module: a run uses one of them, and the other would only
 * take resident memory (about 20 MB for a client with its query compiler and driver).
 */

async function openSqlite(url: string): Promise<Db> {
  const [{ PrismaBetterSQLite3 }, { PrismaClient: SqliteClient }] = await Promise.all([
    import("@prisma/adapter-better-sqlite3"),
    import("./generated/sqlite/client.js"),
  ]);
  mkdirSync(dirname(sqliteFilePath(url)), { recursive: true });
  const adapter = new PrismaBetterSQLite3(
    { url, timeout: SQLITE_BUSY_TIMEOUT_MS },
    { timestampFormat: "iso8601" },
  );
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

async function openPostgres(url: string): Promise<Db> {
  const [{ PrismaPg }, { PrismaClient: PgClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("./generated/postgres/client.js"),
  ]);
  const adapter = new PrismaPg({ ...pgConnectionFields(url), max: 10 });
  return new PgClient({ adapter }) as unknown as Db;
}
