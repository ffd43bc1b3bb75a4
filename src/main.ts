import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startService, startWorker } from "./service.js";
import { forkWorker, serveWebProcess, type WorkerSupervisor } from "./worker-process.js";

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  if (config.role === "worker") {
    const worker = await startWorker(config, log);
    serveWebProcess(
      { wakeInbox: worker.channel.wakeInbox, wakeOutbox: worker.channel.wakeOutbox, stop: worker.stop },
      log,
    );
    log.info({ role: config.role }, "Trợ lý xã worker is running");
    onSignals(config.shutdownTimeoutMs, log, () => worker.stop());
    return;
  }
  // Forked once the web side has migrated and seeded the database, so the two never race.
  let supervisor: WorkerSupervisor | undefined;
  const service = await startService(config, log, {
    ...(config.role === "split"
      ? {
          worker: {
            wake: (queue) => supervisor?.wake(queue),
            health: () => supervisor?.health() ?? { state: "starting" },
          },
        }
      : {}),
  });
  if (config.role === "split") supervisor = forkWorker(log);
  log.info({ url: service.url, mode: config.mode, role: config.role }, "Trợ lý xã is running");
  const sandbox = config.mode === "sandbox" ? `\n  Sandbox (chat without Zalo): ${service.url}/sandbox` : "";
  console.log(`\n  Trợ lý xã is running: ${service.url}${sandbox}\n  Health: ${service.url}/health\n`);
  onSignals(config.shutdownTimeoutMs, log, async () => {
    // Both at once: a Ctrl-C reaches the worker too, and its exit must not read as a crash.
    await Promise.all([service.stop(), supervisor?.stop(config.shutdownTimeoutMs)]);
  });
}

/** SIGTERM / SIGINT: stop within the timeout, else exit anyway. */
function onSignals(timeoutMs: number, log: ReturnType<typeof createLogger>, stop: () => Promise<void>) {
  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown timed out; exiting");
      process.exit(1);
    }, timeoutMs);
    force.unref();
    stop().then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
