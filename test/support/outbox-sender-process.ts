/**
 * An outbox sender in a process of its own, so a test can kill it with SIGKILL in the
 * middle of a wave: `tsx outbox-sender-process.ts <database url> <api base url>`.
 * Prints "ready" once it has started.
 */
import { openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { createLogger } from "../../src/logger.js";
import { OaClient } from "../../src/zalo/oa-client.js";
import { defaultOutboxPolicy, OutboxStore } from "../../src/zalo/outbox.js";
import { OutboxSender, zaloTransport } from "../../src/zalo/outbox-sender.js";

const [databaseUrl, apiBaseUrl] = process.argv.slice(2);
const db = await openDatabase(resolveDatabaseUrl(databaseUrl!));
const tokens = { accessToken: async () => "token", refreshAfterRejection: async () => "token" };
const store = new OutboxStore(db.prisma, {
  ...defaultOutboxPolicy,
  leaseMs: Number(process.env.LEASE_MS ?? 500),
  reserveMs: Number(process.env.LEASE_MS ?? 500),
});
const sender = new OutboxSender(
  store,
  zaloTransport(new OaClient(apiBaseUrl!, tokens)),
  createLogger("silent"),
  {
    ratePerSecond: 20,
    batchSize: 5,
    pollMs: 50,
  },
);
sender.start();
console.log("ready");
