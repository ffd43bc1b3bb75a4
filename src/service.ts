import type { Server } from "node:http";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/client.js";
import { redactDatabaseUrl } from "./db/database-url.js";
import { seedDemoData } from "./db/demo.js";
import { applyMigrations } from "./db/migrate.js";
import { createApp } from "./http/app.js";
import { Scheduler } from "./jobs/scheduler.js";
import type { Logger } from "./logger.js";

export interface RunningService {
  readonly db: Database;
  readonly scheduler: Scheduler;
  readonly server: Server;
  readonly url: string;
  /** Stops taking work, lets in-flight requests and jobs finish, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Wires configuration, database, HTTP server and scheduler. main.ts adds signals and
 * process exit; tests call this directly.
 */
export async function startService(config: Config, log: Logger): Promise<RunningService> {
  log.info(
    { database: redactDatabaseUrl(config.database.url), provider: config.database.provider },
    "applying migrations",
  );
  await applyMigrations(config.database);
  const db = await openDatabase(config.database);

  if (config.seedDemo) {
    const result = await seedDemoData(db.prisma, { now: new Date() });
    if (result.created) log.info({ counts: result.counts }, "demo commune seeded");
  }

  const scheduler = new Scheduler(log.child({ component: "scheduler" }), config.displayTimeZone);
  let draining = false;
  const app = createApp({
    log,
    health: {
      db,
      scheduler: () => scheduler.status(),
      zalo: () => ({ mode: config.mode, token: config.mode === "sandbox" ? "not_configured" : "unknown" }),
      draining: () => draining,
    },
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  scheduler.start();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      // close() stops accepting connections and resolves once in-flight requests end;
      // idle keep-alive sockets would otherwise hold it open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await scheduler.stop();
      await closed;
      await db.close();
    })();
    return stopping;
  };

  return { db, scheduler, server, url, stop };
}
