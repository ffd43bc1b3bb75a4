/**
 * Webhook ingest: signed events fired over loopback at the real endpoint of the real
 * service (signature, validation, durable inbox insert, ack), and in the same run at a
 * bare Express handler answering 200; both throughputs, the ratio, p50/p99 in a closed
 * loop and at a fixed 1,000 events/s; then the database is counted: every acknowledged
 * event stored once and handled once (one reply each, delivered once). Also the server's
 * resident memory idle and under this load.
 */
import { spawn } from "node:child_process";
import { freePort } from "../test/support/service-process.js";
import {
  DEFAULT_OA,
  freshDatabase,
  rssMb,
  signedText,
  sleep,
  startFakeZalo,
  startService,
} from "./lib/harness.js";
import { closedLoop, fixedRate, type LoadResult, round } from "./lib/load.js";

export interface IngestResult {
  database: "sqlite" | "postgres";
  /** SERVICE_ROLE: all (one process) or split (web + a worker child at lower priority). */
  role: "all" | "split";
  eps: number;
  bare_eps: number;
  ratio: number;
  p50_ms: number;
  p99_ms: number;
  at_1000: { p50_ms: number; p99_ms: number; achieved_eps: number; errors: number };
  acknowledged: number;
  lost: number;
  duplicated: number;
  settle_ms: number;
  rss_mb: { idle: number; loaded: number };
  /** Split only: the worker child's resident memory. */
  worker_rss_mb?: { idle: number; loaded: number };
}

export async function ingest(options: {
  quick: boolean;
  pgUrl?: string;
  users?: number;
  role?: "all" | "split";
}): Promise<IngestResult> {
  const role = options.role ?? "all";
  const durationMs = options.quick ? 1_000 : 10_000;
  const connections = 10;
  const users = options.users ?? 500;
  const db = await freshDatabase(options.pgUrl);
  const zalo = await startFakeZalo();
  const setup = await db.open();
  await setup.prisma.commune.create({
    data: { slug: "xa-bench", name: "UBND xã Đo Tải", kind: "xa", zaloOaId: DEFAULT_OA },
  });
  await setup.prisma.$disconnect();

  const service = await startService(db.url, zalo, { SERVICE_ROLE: role });
  const barePort = await freePort();
  const bare = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts", String(barePort)], {
    stdio: "ignore",
  });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${bareUrl}/health`)).ok) break;
      } catch {
        if (i > 300) throw new Error("bare server did not start");
        await sleep(100);
      }
    }
    let n = 0;
    const next = () => signedText(`bench-user-${n++ % users}`, "xin chào");
    const workerPid = role === "split" ? await workerPidOf(service.url) : undefined;
    await sleep(1_000);
    const idle = rssMb(service.child.pid!);
    const workerIdle = workerPid ? rssMb(workerPid) : 0;

    // Warm both up (JIT, connections, the first queries), then measure, bare first.
    await closedLoop(bareUrl, next, { connections, durationMs: 500 });
    const warm = await closedLoop(service.url, next, {
      connections,
      durationMs: options.quick ? 500 : 1_000,
    });
    const bareRun = await closedLoop(bareUrl, next, { connections, durationMs });
    let peak = rssMb(service.child.pid!);
    let workerPeak = workerIdle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(service.child.pid!));
      if (workerPid) workerPeak = Math.max(workerPeak, rssMb(workerPid));
    }, 200);
    const real = await closedLoop(service.url, next, { connections, durationMs });
    const steady = await fixedRate(service.url, next, {
      rate: 1_000,
      durationMs: Math.min(durationMs, 5_000),
    });
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(service.child.pid!));

    // Every acknowledged event: stored once, handled once, its one reply delivered once.
    const acknowledged = [...warm.acknowledged, ...real.acknowledged, ...steady.acknowledged];
    const settleStarted = Date.now();
    const check = await db.open();
    try {
      for (;;) {
        const open = await check.prisma.inboxEvent.count({
          where: { status: { in: ["pending", "processing"] } },
        });
        const queued = await check.prisma.outboxMessage.count({
          where: { status: { in: ["pending", "sending"] } },
        });
        if (open === 0 && queued === 0) break;
        if (Date.now() - settleStarted > (options.quick ? 240_000 : 900_000)) break;
        await sleep(250);
      }
      const settleMs = Date.now() - settleStarted;
      const rows = await check.prisma.inboxEvent.findMany({
        select: { id: true, dedupeKey: true, status: true },
      });
      const byKey = new Map<string, { id: string; status: string }[]>();
      for (const r of rows) byKey.set(r.dedupeKey, [...(byKey.get(r.dedupeKey) ?? []), r]);
      const replies = await check.prisma.outboxMessage.findMany({
        select: { idempotencyKey: true, status: true },
      });
      const repliesOf = new Map<string, number>();
      for (const r of replies) {
        const event = /^reply:([^:]+):/.exec(r.idempotencyKey)?.[1];
        if (event) repliesOf.set(event, (repliesOf.get(event) ?? 0) + 1);
      }
      let lost = 0;
      let duplicated = 0;
      for (const tag of acknowledged) {
        const stored = byKey.get(`user_send_text:${tag}`) ?? [];
        if (stored.length === 0 || stored[0]!.status !== "done") lost += 1;
        if (stored.length > 1) duplicated += stored.length - 1;
        const r = stored[0] ? (repliesOf.get(stored[0].id) ?? 0) : 0;
        if (stored[0] && r === 0) lost += 1;
        if (r > 1) duplicated += r - 1;
      }
      // Delivered by the fake Zalo: one message per acknowledged event, none twice.
      const delivered = zalo.fake.messages.length;
      const sent = replies.filter((r) => r.status === "sent").length;
      if (delivered > sent) duplicated += delivered - sent;
      return {
        database: db.provider,
        role,
        eps: real.rps,
        bare_eps: bareRun.rps,
        ratio: round(real.rps / bareRun.rps, 2),
        p50_ms: real.p50_ms,
        p99_ms: real.p99_ms,
        at_1000: {
          p50_ms: steady.p50_ms,
          p99_ms: steady.p99_ms,
          achieved_eps: steady.rps,
          errors: steady.errors,
        },
        acknowledged: acknowledged.length,
        lost,
        duplicated,
        settle_ms: settleMs,
        rss_mb: { idle, loaded: peak },
        ...(workerPid ? { worker_rss_mb: { idle: workerIdle, loaded: workerPeak } } : {}),
      };
    } finally {
      await check.prisma.$disconnect();
    }
  } finally {
    bare.kill("SIGKILL");
    await service.kill();
    await zalo.close();
    await db.drop();
  }
}

/** The worker child's pid, once /health says it is running (SERVICE_ROLE=split). */
async function workerPidOf(url: string): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const health = (await (await fetch(`${url}/health`)).json()) as {
      worker?: { state: string; pid?: number };
    };
    if (health.worker?.state === "running" && health.worker.pid) return health.worker.pid;
    await sleep(100);
  }
  throw new Error("the worker process did not start");
}

export function describeLoad(label: string, r: LoadResult): string {
  return `${label}: ${r.rps}/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, ${r.errors} errors of ${r.requests}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const role = process.env.SERVICE_ROLE === "split" ? "split" : "all";
  console.log(JSON.stringify(await ingest({ quick: true, pgUrl: process.env.BENCH_PG_URL, role })));
}
