/**
 * Alert scan: the reminders' queries over many dossiers, spread over communes as a
 * province's instance would hold them: the overdue scan (newly overdue, for every
 * commune), the escalation and apology scans, then the whole dossier-alerts job and the
 * morning digest for every commune (building and writing their messages); time and peak
 * resident memory of this process.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "../src/db/database-url.js";
import { dossierAlertsJob } from "../src/jobs/dossier-alerts.js";
import { morningDigestJob } from "../src/jobs/morning-digest.js";
import { slotOf } from "../src/jobs/slots.js";
import { loadWorkingCalendar } from "../src/domain/calendar/load-calendar.js";
import {
  apologiesOutstanding,
  dueForEscalation,
  newlyOverdue,
} from "../src/domain/reminders/dossier-alerts.js";
import {
  createReminderCommune,
  type ReminderCommune,
  testRunner,
  vn,
} from "../test/support/reminder-commune.js";
import { type BenchDatabase, freshDatabase } from "./lib/harness.js";
import { round } from "./lib/load.js";

export interface ScanResult {
  database: "sqlite" | "postgres";
  rows: number;
  communes: number;
  /** The overdue scan's first pass in this process (what a job's first run pays). */
  ms: number;
  /** A second pass: the same queries with Prisma's query plans compiled and the pages cached. */
  warm_ms: number;
  escalation_ms: number;
  apology_ms: number;
  alerts_job_ms: number;
  digest_ms: number;
  insert_s: number;
  peak_rss_mb: number;
}

const DAY = 86_400_000;

type Row = Record<string, string | number | Date | null>;

/**
 * Seeding only (not what is measured): rows straight through the driver, since Prisma's
 * createMany needs minutes for a million rows on this machine.
 */
async function bulkInsert(db: BenchDatabase, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = ["id", ...Object.keys(rows[0]!), "createdAt", "updatedAt"];
  const stamp = new Date();
  const values = rows.map((r) => [`bench${randomUUID()}`, ...Object.values(r), stamp, stamp]);
  if (db.provider === "sqlite") {
    sqlite ??= new BetterSqlite3(sqliteFilePath(db.url));
    const insert = sqlite.prepare(
      `INSERT INTO "Dossier" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`,
    );
    const all = sqlite.transaction((list: unknown[][]) => {
      for (const v of list) insert.run(...v.map((x) => (x instanceof Date ? x.toISOString() : x)));
    });
    all(values);
    return;
  }
  pgClient ??= await (async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    return c;
  })();
  const params: unknown[] = [];
  const tuples = values.map((v) => `(${v.map((x) => `$${params.push(x)}`).join(",")})`);
  await pgClient.query(
    `INSERT INTO "Dossier" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${tuples.join(",")}`,
    params,
  );
}
let sqlite: BetterSqlite3.Database | undefined;
let pgClient: pg.Client | undefined;

export async function scan(options: { rows: number; communes: number; pgUrl?: string }): Promise<ScanResult> {
  const db = await freshDatabase(options.pgUrl);
  const database = await db.open();
  const prisma = database.prisma;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const communes: ReminderCommune[] = [];
    for (let c = 0; c < options.communes; c++) communes.push(await createReminderCommune(prisma));
    const now = vn("2026-12-07", 17, 30);
    const yearStart = Date.UTC(2026, 0, 1);
    const span = now.getTime() - yearStart;
    const insertStarted = performance.now();
    const perCommune = Math.ceil(options.rows / communes.length);
    let inserted = 0;
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (const c of communes) {
      const handlers = Object.values(c.officials).map((o) => o.id);
      for (let start = 0; start < perCommune && inserted < options.rows; start += 2_000) {
        const batch = [];
        for (
          let i = start;
          i < Math.min(perCommune, start + 2_000) && inserted < options.rows;
          i++, inserted++
        ) {
          const received = yearStart + Math.floor(rand() * span);
          const due = received + 7 * DAY;
          const open = due > now.getTime() - 20 * DAY && rand() < 0.6;
          const late = rand() < 0.05;
          batch.push({
            communeId: c.communeId,
            receiptCode: `B-${i}-${c.communeId.slice(-6)}`,
            procedureName: "Thủ tục đăng ký khai sinh",
            applicantName: "Người Dân",
            channel: "direct",
            receivedAt: new Date(received),
            processingDays: 5,
            dueAt: new Date(due),
            returnedAt: open ? null : new Date(late ? due + 2 * DAY : due - DAY),
            apologyAt: !open && late && rand() < 0.8 ? new Date(due + 3 * DAY) : null,
            status: open ? "processing" : "returned",
            handlerId: handlers[i % handlers.length]!,
            // Most overdue ones were announced by earlier runs; the newest were not.
            overdueAlertedAt: open && due < now.getTime() - 2 * DAY ? new Date(due + DAY) : null,
            escalatedAt: open && due < now.getTime() - 5 * DAY ? new Date(due + 3 * DAY) : null,
          });
        }
        await bulkInsert(db, batch);
      }
    }
    const insertS = (performance.now() - insertStarted) / 1000;
    if (db.provider === "postgres") await prisma.$executeRawUnsafe(`ANALYZE "Dossier"`);
    else await prisma.$executeRawUnsafe("ANALYZE");

    const calendar = await loadWorkingCalendar(prisma, communes[0]!.communeId);
    const timed = async (work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      return performance.now() - t;
    };
    const overdueMs = await timed(async () => {
      for (const c of communes) await newlyOverdue(prisma, c.communeId, now);
    });
    const warmMs = await timed(async () => {
      for (const c of communes) await newlyOverdue(prisma, c.communeId, now);
    });
    let escalationMs = 0;
    let apologyMs = 0;
    {
      escalationMs = await timed(async () => {
        for (const c of communes)
          await dueForEscalation(prisma, c.communeId, { now, calendar, afterWorkingDays: 2 });
      });
      apologyMs = await timed(async () => {
        for (const c of communes) await apologiesOutstanding(prisma, c.communeId, { now, calendar });
      });
    }
    const runner = testRunner(prisma);
    const alertsMs = await timed(() =>
      runner.run(dossierAlertsJob, { slot: slotOf(now, "Asia/Ho_Chi_Minh"), now }),
    );
    const morning = vn("2026-12-07", 7, 30);
    const digestMs = await timed(() =>
      runner.run(morningDigestJob, { slot: slotOf(morning, "Asia/Ho_Chi_Minh"), now: morning }),
    );
    return {
      database: db.provider,
      rows: inserted,
      communes: communes.length,
      ms: round(overdueMs, 0),
      warm_ms: round(warmMs, 0),
      escalation_ms: round(escalationMs, 0),
      apology_ms: round(apologyMs, 0),
      alerts_job_ms: round(alertsMs, 0),
      digest_ms: round(digestMs, 0),
      insert_s: round(insertS, 1),
      peak_rss_mb: Math.round(peak / 2 ** 20),
    };
  } finally {
    clearInterval(sampler);
    sqlite?.close();
    sqlite = undefined;
    await pgClient?.end();
    pgClient = undefined;
    await database.close();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await scan({ rows: 10_000, communes: 5, pgUrl: process.env.BENCH_PG_URL })));
}
