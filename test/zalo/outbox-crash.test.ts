import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { createLogger } from "../../src/logger.js";
import { OaClient } from "../../src/zalo/oa-client.js";
import { defaultOutboxPolicy, OutboxStore } from "../../src/zalo/outbox.js";
import { OutboxSender, zaloTransport } from "../../src/zalo/outbox-sender.js";
import { freshSqliteUrl } from "../support/test-database.js";

/**
 * A reminder wave is hundreds of messages paced at the send rate. Killing the sender with
 * SIGKILL in the middle must not lose any: every message never handed to Zalo is sent by
 * the next sender, exactly once; only the one in flight at the kill (it may have arrived)
 * is left for the operator.
 */
describe("outbox sender killed mid-wave", () => {
  const WAVE = 40;
  const delivered = new Map<string, number>();
  let server: Server;
  let api: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const text = (JSON.parse(body) as { message: { text: string } }).message.text;
        delivered.set(text, (delivered.get(text) ?? 0) + 1);
        setTimeout(() => {
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ error: 0, message: "Success", data: { message_id: `m-${text}` } }));
        }, 15);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends every unsent message once after a restart", async () => {
    const url = freshSqliteUrl();
    const db = await openDatabase(resolveDatabaseUrl(url));
    const store = new OutboxStore(db.prisma, { ...defaultOutboxPolicy, leaseMs: 500, reserveMs: 500 });
    for (let i = 0; i < WAVE; i++) {
      await store.enqueue({
        idempotencyKey: `wave:${i}`,
        recipient: { type: "user", id: `official-${i}` },
        content: { kind: "text", text: `Nhắc việc ${i}` },
      });
    }

    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/support/outbox-sender-process.ts", url, api],
      {
        env: { ...process.env, LEASE_MS: "500" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    // Kill it once a part of the wave is out, while it is pacing the rest of a batch.
    const deadline = Date.now() + 30_000;
    while (delivered.size < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await exited;
    const sentBeforeKill = delivered.size;
    expect(sentBeforeKill).toBeGreaterThanOrEqual(12);
    expect(sentBeforeKill).toBeLessThan(WAVE);

    // The next sender (a restart) waits out the dead one's leases, then sends the rest.
    await new Promise((r) => setTimeout(r, 600));
    const tokens = { accessToken: async () => "token", refreshAfterRejection: async () => "token" };
    const next = new OutboxSender(store, zaloTransport(new OaClient(api, tokens)), createLogger("silent"), {
      ratePerSecond: 200,
      batchSize: 5,
      pollMs: 10,
    });
    await next.drain();

    const rows = await db.prisma.outboxMessage.findMany();
    const interrupted = rows.filter((r) => r.status === "failed");
    // At most the one message being handed over at the kill is left for the operator …
    expect(interrupted.length).toBeLessThanOrEqual(1);
    for (const r of interrupted) expect(r.lastError).toMatch(/interrupted while sending/);
    // … and every other message went out, exactly once.
    for (const r of rows.filter((row) => row.status !== "failed")) {
      expect(r.status, r.idempotencyKey).toBe("sent");
    }
    for (let i = 0; i < WAVE; i++) {
      const times = delivered.get(`Nhắc việc ${i}`) ?? 0;
      const wasInterrupted = interrupted.some((r) => r.idempotencyKey === `wave:${i}`);
      expect(times, `Nhắc việc ${i}`).toBe(wasInterrupted ? Math.min(times, 1) : 1);
    }
    await db.close();
  }, 60_000);
});
