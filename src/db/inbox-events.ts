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
  if (target.provider === "sqlite") {
    // No busy timeout: SQLite's would wait synchronously, freezing the process, and while
    // Prisma's connection holds a transaction open across awaits it would wait for nothing
    // (that transaction cannot finish while the thread waits). Busy → wait asynchronously.
    // Opened on the first insert: commands that never take webhooks (and a database not
    // migrated yet) never hold a second connection.
    let connection: BetterSqlite3.Database | undefined;
    let statement: BetterSqlite3.Statement | undefined;
    const prepared = () => {
      if (statement) return statement;
      connection = new BetterSqlite3(sqliteFilePath(target.url), { timeout: 0 });
      connection.pragma("journal_mode = WAL");
      // The same durability as Prisma's connection (see README, "Durability").
      connection.pragma("synchronous = NORMAL");
      connection.pragma("foreign_keys = ON");
      statement = connection.prepare(
        `INSERT INTO "InboxEvent" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT ("dedupeKey") DO NOTHING`,
      );
      return statement;
    };
    const patienceMs = options.busyTimeoutMs * 3;
    return {
      async insert(row, now = new Date()) {
        const at = now.toISOString();
        const id = inboxEventId(now.getTime());
        const deadline = Date.now() + patienceMs;
        for (;;) {
          try {
            const result = prepared().run(
              id,
              row.communeId,
              row.oaId,
              row.eventName,
              row.dedupeKey,
              row.orderKey,
              row.payload,
              at,
              at,
            );
            return result.changes === 1 ? "stored" : "duplicate";
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (code !== "SQLITE_BUSY" && code !== "SQLITE_LOCKED") throw error;
            if (Date.now() >= deadline) throw new Error(`database is locked (${code})`, { cause: error });
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        }
      },
      close: () => connection?.close(),
    };
  }
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
