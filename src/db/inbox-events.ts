import { randomBytes } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import type { Db } from "./client.js";
import { type DatabaseTarget, sqliteFilePath } from "./database-url.js";

/**
 * The webhook's hot path: storing one inbox event, the only write a webhook waits for.
 * A profile of ingest put ~79 % of the time in Prisma (its query compiler, the client,
 * a statement prepared again on each query), and on SQLite the insert also queued
 * behind everything else on Prisma's one connection (the inbox worker's claims, the
 * outbox). So this one statement goes past Prisma: on SQLite a prepared statement on a
 * connection of its own, on PostgreSQL one raw statement (no query compiler) on the pool.
 * The same SQL on both databases: insert, or nothing when the dedupe key is already there.
 * Everything else about the table stays with InboxStore (src/zalo/inbox.ts).
 */
export interface InboxEventRow {
  communeId: string | null;
  oaId: string | null;
  eventName: string;
  dedupeKey: string;
  orderKey: string;
  payload: string;
}

export interface InboxEventWriter {
  /** "stored", or "duplicate" when an event with the same dedupe key is already there. */
  insert(row: InboxEventRow, now?: Date): Promise<"stored" | "duplicate">;
  close(): void;
}

const COLUMNS = `"id", "communeId", "oaId", "eventName", "dedupeKey", "orderKey", "payload", "receivedAt", "status", "attempts", "nextAttemptAt"`;

/**
 * Ids that sort in creation order (time, then a per-process counter), like the cuids
 * Prisma would have made: the claim orders a user's events by receivedAt, then id.
 */
let counter = 0;
export function inboxEventId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  return `e${now.toString(36).padStart(9, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

export function openInboxEventWriter(
  target: DatabaseTarget,
  prisma: Db,
  options: { busyTimeoutMs: number },
): InboxEventWriter {
  if (target.provider === "sqlite") return sqliteInboxWriter(target, options);
  return {
    async insert(row, now = new Date()) {
      const changed = await prisma.$executeRaw`
        INSERT INTO "InboxEvent" ("id", "communeId", "oaId", "eventName", "dedupeKey", "orderKey", "payload", "receivedAt", "status", "attempts", "nextAttemptAt")
        VALUES (${inboxEventId(now.getTime())}, ${row.communeId}, ${row.oaId}, ${row.eventName}, ${row.dedupeKey},
                ${row.orderKey}, ${row.payload}, ${now}, 'pending', 0, ${now})
        ON CONFLICT ("dedupeKey") DO NOTHING`;
      return changed === 1 ? "stored" : "duplicate";
    },
    close: () => undefined,
  };
}

type Values = [string, string | null, string | null, string, string, string, string, string, string];
interface Queued {
  values: Values;
  resolve: (result: "stored" | "duplicate") => void;
  reject: (error: unknown) => void;
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
};

/**
 * SQLite: a prepared statement on a connection of its own, and group commit: the events
 * that arrive in one turn of the event loop are inserted in one transaction, so a burst
 * pays one commit (one WAL append) per turn instead of one per event. Each request still
 * waits for the commit that holds its row before Zalo gets its 200.
 *
 * No busy timeout: SQLite's would wait synchronously, freezing the process, and while
 * Prisma's connection holds a transaction open across awaits it would wait for nothing
 * (that transaction cannot finish while the thread waits). Busy → wait asynchronously.
 * Opened on the first insert: commands that never take webhooks (and a database not
 * migrated yet) never hold a second connection.
 */
function sqliteInboxWriter(target: DatabaseTarget, options: { busyTimeoutMs: number }): InboxEventWriter {
  let connection: BetterSqlite3.Database | undefined;
  let insertBatch: ((batch: Values[]) => number[]) | undefined;
  const prepared = () => {
    if (insertBatch) return insertBatch;
    const db = new BetterSqlite3(sqliteFilePath(target.url), { timeout: 0 });
    connection = db;
    db.pragma("journal_mode = WAL");
    // The same durability as Prisma's connection (see README, "Durability").
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    const statement = db.prepare<Values>(
      `INSERT INTO "InboxEvent" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT ("dedupeKey") DO NOTHING`,
    );
    const transaction = db.transaction((batch: Values[]) => batch.map((v) => statement.run(...v).changes));
    // IMMEDIATE takes the write lock at BEGIN: busy shows there, before any row is written.
    insertBatch = (batch) => transaction.immediate(batch);
    return insertBatch;
  };
  const patienceMs = options.busyTimeoutMs * 3;
  let queue: Queued[] = [];

  const flush = async () => {
    const batch = queue;
    queue = [];
    const deadline = Date.now() + patienceMs;
    for (;;) {
      try {
        const changes = prepared()(batch.map((q) => q.values));
        batch.forEach((q, i) => q.resolve(changes[i] === 1 ? "stored" : "duplicate"));
        return;
      } catch (error) {
        if (!isBusy(error)) {
          // Not the lock: one row may be at fault; store the others one by one.
          if (batch.length === 1) return batch[0]!.reject(error);
          for (const q of batch) {
            try {
              q.resolve(prepared()([q.values])[0] === 1 ? "stored" : "duplicate");
            } catch (rowError) {
              q.reject(rowError);
            }
          }
          return;
        }
        if (Date.now() >= deadline) {
          const code = (error as { code?: string }).code;
          const locked = new Error(`database is locked (${code})`, { cause: error });
          for (const q of batch) q.reject(locked);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  };

  return {
    insert(row, now = new Date()) {
      const at = now.toISOString();
      const values: Values = [
        inboxEventId(now.getTime()),
        row.communeId,
        row.oaId,
        row.eventName,
        row.dedupeKey,
        row.orderKey,
        row.payload,
        at,
        at,
      ];
      return new Promise((resolve, reject) => {
        queue.push({ values, resolve, reject });
        if (queue.length === 1) setImmediate(() => void flush());
      });
    },
    close: () => connection?.close(),
  };
}
