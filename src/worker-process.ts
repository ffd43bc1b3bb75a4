/**
 * SERVICE_ROLE=split: the web process forks a worker process (the same entry point with
 * SERVICE_ROLE=worker) and runs it at a lower CPU priority. Acknowledging a webhook is a
 * signature check and one insert; handling it is the bot, the search and a dozen queries.
 * In one process the two share one thread, so during a burst every ack waits behind the
 * handling (on 2 cores: ~430 acks/s, p99 ~2 s at 1,000 events/s); apart, the acks get
 * their own core and the backlog is worked off with what is left (README "Processes").
 *
 * The web process wakes the worker over IPC when it stores an event or queues a message
 * (at most one message per queue per turn of the event loop), restarts it if it dies, and
 * stops it on shutdown; the worker stops when the web process goes away, even by SIGKILL
 * (its IPC channel closes). Nothing is lost either way: events and messages are in the
 * database, and a claim or a send that was cut short is taken up again after its lease.
 */
import { type ChildProcess, fork } from "node:child_process";
import { setPriority } from "node:os";
import type { WorkerHealth } from "./http/health.js";
import type { Logger } from "./logger.js";

type Queue = "inbox" | "outbox";
interface WakeMessage {
  wake: Queue;
}

const isWake = (m: unknown): m is WakeMessage =>
  typeof m === "object" &&
  m !== null &&
  ((m as WakeMessage).wake === "inbox" || (m as WakeMessage).wake === "outbox");

/** Nice value of the worker: the web process wins the CPU whenever both want it. */
const WORKER_NICE = 10;

export interface WorkerSupervisor {
  wake(queue: Queue): void;
  health(): WorkerHealth;
  stop(timeoutMs: number): Promise<void>;
}

export function forkWorker(
  log: Logger,
  options: { entry?: string; env?: NodeJS.ProcessEnv } = {},
): WorkerSupervisor {
  const entry = options.entry ?? process.argv[1]!;
  let child: ChildProcess | undefined;
  let state: WorkerHealth["state"] = "starting";
  let restarts = 0;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  const pending = new Set<Queue>();

  const start = () => {
    // Same entry point and loader flags (tsx in development) as this process.
    const worker = fork(entry, process.argv.slice(2), {
      env: { ...process.env, ...options.env, SERVICE_ROLE: "worker" },
      execArgv: process.execArgv,
      stdio: "inherit",
    });
    child = worker;
    try {
      if (worker.pid) setPriority(worker.pid, WORKER_NICE);
    } catch (error) {
      log.warn({ err: error }, "could not lower the worker process's priority");
    }
    worker.on("message", (m: unknown) => {
      if (typeof m === "object" && m !== null && (m as { ready?: boolean }).ready) {
        state = "running";
        log.info({ pid: worker.pid }, "worker process ready");
      }
    });
    worker.on("exit", (code, signal) => {
      if (child === worker) child = undefined;
      if (stopping) {
        state = "stopped";
        return;
      }
      restarts += 1;
      state = "restarting";
      // Back off if it keeps dying (a bad deploy must not fork in a tight loop).
      const delayMs = Math.min(1_000 * 2 ** Math.min(restarts - 1, 5), 30_000);
      log.error({ code, signal, restarts, delayMs }, "worker process exited; starting it again");
      restartTimer = setTimeout(start, delayMs);
    });
  };
  start();

  return {
    wake(queue) {
      if (pending.has(queue)) return;
      pending.add(queue);
      setImmediate(() => {
        pending.delete(queue);
        // A worker that is (re)starting catches up by itself: it polls on start.
        if (child?.connected) child.send({ wake: queue } satisfies WakeMessage, () => undefined);
      });
    },
    health: () => ({ state, restarts, ...(child?.pid ? { pid: child.pid } : {}) }),
    async stop(timeoutMs) {
      stopping = true;
      clearTimeout(restartTimer);
      const worker = child;
      if (!worker || worker.exitCode !== null) {
        state = "stopped";
        return;
      }
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.kill("SIGTERM");
      const timer = setTimeout(() => worker.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * In the worker process: take wakes from the web process, say when ready, and stop when
 * the web process is gone (its IPC channel closed) or asks with SIGTERM.
 */
export function serveWebProcess(
  worker: { wakeInbox: () => void; wakeOutbox: () => void; stop: () => Promise<void> },
  log: Logger,
): void {
  if (!process.send) return; // deployed on its own: no parent to listen to
  process.on("message", (m: unknown) => {
    if (!isWake(m)) return;
    if (m.wake === "inbox") worker.wakeInbox();
    else worker.wakeOutbox();
  });
  process.once("disconnect", () => {
    log.warn("web process gone; stopping the worker");
    worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.send({ ready: true });
}
