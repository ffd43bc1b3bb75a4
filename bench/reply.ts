/**
 * Reply latency: a citizen's question, from the webhook's acknowledgement to the reply
 * arriving at the (fake, local) Zalo API, through the real service in a child process
 * with the catalogue loaded: inbox → bot (catalogue search) → outbox → OA client → HTTP.
 * Idle (one message at a time) and under ingest load (other citizens' events fired in a
 * closed loop meanwhile).
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { DEFAULT_OA, freshDatabase, signedText, sleep, startFakeZalo, startService } from "./lib/harness.js";
import { percentile, round } from "./lib/load.js";

const QUESTIONS = [
  "lam giay khai sinh cho con can giay to gi",
  "đăng ký kết hôn mất bao lâu",
  "chứng thực bản sao bằng tốt nghiệp hết bao nhiêu tiền",
  "xin xác nhận tình trạng hôn nhân ở đâu",
  "xin chào",
];

export interface ReplyResult {
  idle: { p50_ms: number; p99_ms: number; n: number };
  loaded: { p50_ms: number; p99_ms: number; n: number; load_eps: number };
}

export async function replyLatency(options: {
  quick: boolean;
  pgUrl?: string;
  /** Events per second of the background load while the loaded probes run. */
  loadEps: number;
}): Promise<ReplyResult> {
  const probes = options.quick ? 30 : 150;
  const db = await freshDatabase(options.pgUrl);
  const zalo = await startFakeZalo();
  const setup = await db.open();
  await setup.prisma.commune.create({
    data: { slug: "xa-bench", name: "UBND xã Đo Tải", kind: "xa", zaloOaId: DEFAULT_OA },
  });
  await setup.prisma.$disconnect();
  const imported = spawnSync(
    process.execPath,
    ["--import", "tsx", "src/cli/index.ts", "import-procedures", "assets/tthc/procedures.jsonl"],
    { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "silent" }, stdio: "ignore" },
  );
  if (imported.status !== 0) throw new Error("catalogue import failed");
  const service = await startService(db.url, zalo);
  try {
    let seq = 0;
    const probe = async () => {
      const user = `bench-probe-${++seq}`;
      const r = signedText(user, QUESTIONS[seq % QUESTIONS.length]!);
      const res = await fetch(`${service.url}${r.path}`, {
        method: "POST",
        headers: r.headers,
        body: r.body,
      });
      const acked = performance.now();
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      const deadline = acked + 30_000;
      while (!zalo.fake.messages.some((m) => m.recipient.id === user)) {
        if (performance.now() > deadline) return 30_000; // counted as 30 s: no reply within it
        await sleep(1);
      }
      return performance.now() - acked;
    };
    await probe(); // the first question builds the search index
    const idle: number[] = [];
    for (let i = 0; i < probes; i++) idle.push(await probe());

    // Under load: other citizens' events arrive at a fixed rate meanwhile (open loop).
    let n = 0;
    let stop = false;
    const loaded: number[] = [];
    const load = (async () => {
      const started = performance.now();
      while (!stop) {
        const due = started + (n * 1000) / options.loadEps;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const r = signedText(`bench-load-${n++ % 300}`, "xin chào");
        void fetch(`${service.url}${r.path}`, { method: "POST", headers: r.headers, body: r.body }).catch(
          () => undefined,
        );
      }
    })();
    await sleep(1_000);
    const phaseEnd = performance.now() + (options.quick ? 45_000 : 180_000);
    const t0 = performance.now();
    const before = n;
    for (let i = 0; i < probes && performance.now() < phaseEnd; i++) loaded.push(await probe());
    const loadEps = ((n - before) / (performance.now() - t0)) * 1000;
    stop = true;
    await load;
    return {
      idle: { p50_ms: round(percentile(idle, 50)), p99_ms: round(percentile(idle, 99)), n: idle.length },
      loaded: {
        p50_ms: round(percentile(loaded, 50)),
        p99_ms: round(percentile(loaded, 99)),
        n: loaded.length,
        load_eps: round(loadEps, 0),
      },
    };
  } finally {
    await service.kill();
    await zalo.close();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    JSON.stringify(await replyLatency({ quick: true, pgUrl: process.env.BENCH_PG_URL, loadEps: 50 })),
  );
}
