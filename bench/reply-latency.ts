/**
 * How fast a citizen's message gets its answer, end to end: webhook → inbox → bot
 * (catalogue search) → outbox → OA API client → HTTP → the sandbox's fake Zalo. Runs the
 * real service in sandbox mode on a temporary embedded database with the demo commune.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startService } from "../src/service.js";
import { signZaloBody } from "../src/zalo/signature.js";

const QUESTIONS = [
  "lam giay khai sinh cho con can giay to gi",
  "đăng ký kết hôn mất bao lâu",
  "chứng thực bản sao bằng tốt nghiệp hết bao nhiêu tiền",
  "xin xác nhận tình trạng hôn nhân ở đâu",
  "xin chào",
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function replyLatency(sequential = 40, burst = 100): Promise<void> {
  console.log(
    "== reply latency (sandbox mode: signed webhook → inbox → bot → outbox → OA client → HTTP → fake Zalo) ==",
  );
  const dir = mkdtempSync(join(tmpdir(), "bench-reply-"));
  const service = await startService(
    loadConfig({ DATABASE_URL: `file:${join(dir, "bench.db")}`, PORT: "0", SEED_DEMO: "true" }),
    createLogger("silent"),
  );
  const fake = service.fakeZalo!;
  try {
    await fetch(`${service.url}/health`);
    const keys = service.signatureKeys;
    let seq = 0;
    // A signed user_send_text straight to the webhook, as Zalo would post it.
    const send = async (user: string, text: string) => {
      const before = fake.messages.length;
      const timestamp = String(Date.now());
      const raw = JSON.stringify({
        app_id: keys.appId,
        event_name: "user_send_text",
        timestamp,
        sender: { id: user },
        recipient: { id: keys.oaId },
        message: { msg_id: `bench-${++seq}`, text },
      });
      const started = performance.now();
      const res = await fetch(`${service.url}/webhooks/zalo`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-ZEvent-Signature": signZaloBody(keys.appId, raw, timestamp, keys.oaSecretKey),
        },
        body: raw,
      });
      const acked = performance.now();
      if (!res.ok) throw new Error(`send failed: ${res.status}`);
      while (!fake.messages.slice(before).some((m) => m.recipient.id === user)) {
        await new Promise((r) => setTimeout(r, 2));
      }
      return { ack: acked - started, reply: performance.now() - started };
    };
    await send("bench-warmup", QUESTIONS[0]!); // builds the search index
    const runs = [];
    for (let i = 0; i < sequential; i++)
      runs.push(await send(`bench-seq-${i}`, QUESTIONS[i % QUESTIONS.length]!));
    const acks = runs.map((r) => r.ack);
    const replies = runs.map((r) => r.reply);
    console.log(
      `one at a time (${sequential} messages): webhook acknowledged p50 ${percentile(acks, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(acks, 95).toFixed(1)} ms; reply received p50 ${percentile(replies, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(replies, 95).toFixed(0)} ms`,
    );
    const started = performance.now();
    const burstRuns = await Promise.all(
      Array.from({ length: burst }, (_, i) => send(`bench-burst-${i}`, QUESTIONS[i % QUESTIONS.length]!)),
    );
    const total = performance.now() - started;
    console.log(
      `burst of ${burst} users at once: webhook acknowledged p95 ${percentile(
        burstRuns.map((r) => r.ack),
        95,
      ).toFixed(0)} ms; all ${burst} replies in ${total.toFixed(0)} ms ` +
        `(reply p50 ${percentile(
          burstRuns.map((r) => r.reply),
          50,
        ).toFixed(0)} ms, p95 ${percentile(
          burstRuns.map((r) => r.reply),
          95,
        ).toFixed(0)} ms; sender limit 10 messages/s)`,
    );
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await replyLatency();
