/**
 * Province scale: many communes, each with its own OA, officials, tasks and dossiers, on
 * one database (PostgreSQL) served by two service replicas (child processes). Citizens'
 * webhooks are spread over every OA and both replicas; then both replicas are asked to
 * run the morning digest for every commune at once. Counted in the database and at the
 * fake Zalo: every event handled once and answered through its own OA; each commune's
 * digest slot run by one replica; each alert written once and delivered once.
 */
import { performance } from "node:perf_hooks";
import { connectOa } from "../src/zalo/connect-oa.js";
import { createReminderCommune } from "../test/support/reminder-commune.js";
import { freshDatabase, signedText, sleep, startFakeZalo, startService } from "./lib/harness.js";
import { closedLoop, round } from "./lib/load.js";

export interface ProvinceResult {
  database: "sqlite" | "postgres";
  communes: number;
  replicas: number;
  events: number;
  eps: number;
  p99_ms: number;
  events_lost: number;
  events_duplicated: number;
  wrong_oa: number;
  digest_ms: number;
  digest_slots_by_replica: Record<string, number>;
  alerts: number;
  alerts_written_twice: number;
  alerts_delivered_twice: number;
  /** What became of the digests: sent, or why not (a group the fake OA does not own, an unlinked official). */
  alerts_by_status: Record<string, number>;
  setup_s: number;
}

const ADMIN = "bench-admin-token-0123456789";

export async function province(options: {
  communes: number;
  quick: boolean;
  pgUrl?: string;
}): Promise<ProvinceResult> {
  const setupStarted = performance.now();
  const oaIds = Array.from({ length: options.communes }, (_, i) => `45${String(i).padStart(17, "0")}`);
  const zalo = await startFakeZalo(oaIds);
  const db = await freshDatabase(options.pgUrl);
  const setup = await db.open();
  for (const oaId of oaIds) {
    const c = await createReminderCommune(setup.prisma);
    await connectOa(setup.prisma, {
      communeId: c.communeId,
      oaId,
      refreshToken: zalo.fake.refreshTokenOf(oaId),
    });
  }
  await setup.close();
  const env = { ADMIN_API_TOKEN: ADMIN, ZALO_OA_ID: "", ZALO_REFRESH_TOKEN: "" };
  const replicas = [await startService(db.url, zalo, env), await startService(db.url, zalo, env)];
  const setupS = (performance.now() - setupStarted) / 1000;
  try {
    // Webhooks over every OA, alternating replicas (a load balancer's round robin).
    let n = 0;
    const eventOa = new Map<string, string>();
    const next = () => {
      const oa = oaIds[n % oaIds.length]!;
      const r = signedText(`citizen-${n % (oaIds.length * 3)}`, "xin chào", oa);
      eventOa.set(r.tag!, oa);
      n++;
      return r;
    };
    const durationMs = options.quick ? 3_000 : 10_000;
    const runs = await Promise.all(
      replicas.map((r) => closedLoop(r.url, next, { connections: 4, durationMs })),
    );
    const acknowledged = runs.flatMap((r) => r.acknowledged);
    const eps = runs.reduce((s, r) => s + r.rps, 0);
    const p99 = Math.max(...runs.map((r) => r.p99_ms));

    // The morning digest for every commune, asked of both replicas at the same moment.
    const at = "2026-12-07T00:30:00.000Z"; // 07:30 in Vietnam, a Monday
    const digestStarted = performance.now();
    await Promise.all(
      replicas.map((r) =>
        fetch(`${r.url}/admin/jobs/morning-digest/run`, {
          method: "POST",
          headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
          body: JSON.stringify({ at }),
        }).then(async (res) => {
          if (!res.ok) throw new Error(`digest run answered ${res.status}: ${await res.text()}`);
        }),
      ),
    );
    const digestMs = performance.now() - digestStarted;

    const check = await db.open();
    try {
      // The digests were written for 7 December; let them leave now.
      await check.prisma.outboxMessage.updateMany({
        where: { idempotencyKey: { startsWith: "digest:" } },
        data: { nextAttemptAt: new Date() },
      });
      const deadline = Date.now() + (options.quick ? 180_000 : 900_000);
      for (;;) {
        const open = await check.prisma.inboxEvent.count({
          where: { status: { in: ["pending", "processing"] } },
        });
        const queued = await check.prisma.outboxMessage.count({
          where: { status: { in: ["pending", "sending"] } },
        });
        if ((open === 0 && queued === 0) || Date.now() > deadline) break;
        await sleep(250);
      }
      const inbox = await check.prisma.inboxEvent.findMany({ select: { dedupeKey: true, status: true } });
      const stored = new Map<string, number>();
      for (const e of inbox)
        stored.set(e.dedupeKey, (stored.get(e.dedupeKey) ?? 0) + (e.status === "done" ? 1 : 0));
      let lost = 0;
      let duplicated = 0;
      for (const tag of acknowledged) {
        const times = stored.get(`user_send_text:${tag}`) ?? 0;
        if (times === 0) lost += 1;
        if (times > 1) duplicated += times - 1;
      }
      // Each citizen's replies came from the OA the citizen wrote to.
      const expectedOa = new Map<string, string>();
      for (let i = 0; i < n; i++)
        expectedOa.set(`citizen-${i % (oaIds.length * 3)}`, oaIds[i % oaIds.length]!);
      const wrongOa = zalo.fake.messages.filter(
        (m) =>
          m.recipient.type === "user" &&
          expectedOa.has(m.recipient.id) &&
          expectedOa.get(m.recipient.id) !== m.oaId,
      ).length;

      const runsOf = await check.prisma.jobRun.findMany({ where: { job: "morning-digest" } });
      const byReplica: Record<string, number> = {};
      for (const r of runsOf) byReplica[r.owner ?? "?"] = (byReplica[r.owner ?? "?"] ?? 0) + 1;
      const digests = await check.prisma.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: "digest:" } },
        select: { idempotencyKey: true, status: true, recipientId: true, communeId: true },
      });
      const keys = new Set(digests.map((d) => d.idempotencyKey));
      const delivered = new Map<string, number>();
      for (const m of zalo.fake.messages) {
        if (!m.text.startsWith("Chào")) continue;
        const k = `${m.oaId}|${m.recipient.id}`;
        delivered.set(k, (delivered.get(k) ?? 0) + 1);
      }
      return {
        database: db.provider,
        communes: options.communes,
        replicas: replicas.length,
        events: acknowledged.length,
        eps: round(eps, 0),
        p99_ms: p99,
        events_lost: lost,
        events_duplicated: duplicated,
        wrong_oa: wrongOa,
        digest_ms: round(digestMs, 0),
        digest_slots_by_replica: byReplica,
        alerts: digests.length,
        alerts_written_twice: digests.length - keys.size,
        alerts_delivered_twice: [...delivered.values()].filter((v) => v > 1).length,
        alerts_by_status: digests.reduce<Record<string, number>>((acc, d) => {
          acc[d.status] = (acc[d.status] ?? 0) + 1;
          return acc;
        }, {}),
        setup_s: round(setupS, 1),
      };
    } finally {
      await check.close();
    }
  } finally {
    for (const r of replicas) await r.kill();
    await zalo.close();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await province({ communes: 10, quick: true, pgUrl: process.env.BENCH_PG_URL })));
}
