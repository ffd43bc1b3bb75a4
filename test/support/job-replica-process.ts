/**
 * A replica running one reminder job in a process of its own, so a test can kill it with
 * SIGKILL while it holds the job's lease: `tsx job-replica-process.ts <database url>
 * <commune id> <ISO time> <lease ms>`. It writes two alerts, prints "stuck" and then hangs
 * in the middle of the run, as a replica whose machine died would.
 */
import { openDatabase } from "../../src/db/client.js";
import { resolveDatabaseUrl } from "../../src/db/database-url.js";
import { dossierAlertsJob } from "../../src/jobs/dossier-alerts.js";
import { JobLeases } from "../../src/jobs/lease.js";
import type { OutgoingMessage } from "../../src/messaging/outgoing.js";
import { OutboxStore } from "../../src/zalo/outbox.js";
import { runAt, testRunner } from "./reminder-commune.js";

const [databaseUrl, communeId, at, leaseMs] = process.argv.slice(2);
const db = await openDatabase(resolveDatabaseUrl(databaseUrl!));
const outbox = new OutboxStore(db.prisma);
let writes = 0;
const stalling = {
  async enqueue(message: OutgoingMessage) {
    if (++writes > 2) {
      console.log("stuck");
      await new Promise(() => undefined);
    }
    return outbox.enqueue(message);
  },
};
await runAt(
  testRunner(db.prisma, {
    outbox: stalling,
    leases: new JobLeases(db.prisma, "replica-killed", Number(leaseMs)),
  }),
  dossierAlertsJob,
  communeId!,
  new Date(at!),
);
