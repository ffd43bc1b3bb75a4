import type { Request, Response } from "express";
import type { Database } from "../db/client.js";
import { migrationState } from "../db/migrate.js";
import type { SchedulerStatus } from "../jobs/scheduler.js";

/** What the Zalo side reports about itself (filled in by the transport). */
export interface ZaloHealth {
  mode: "zalo" | "sandbox";
  /** ok | expiring | refreshing | failed | not_configured */
  token: string;
  detail?: string;
}

/**
 * Where the inbox worker, the outbox sender and the jobs run, when not in this process
 * (SERVICE_ROLE web or split): "elsewhere" is a worker deployed on its own; in split mode,
 * the state of this process's worker child.
 */
export interface WorkerHealth {
  state: "elsewhere" | "starting" | "running" | "restarting" | "stopped";
  restarts?: number;
  pid?: number;
}

export interface HealthSources {
  db: Database;
  zalo: () => ZaloHealth | Promise<ZaloHealth>;
  /** The scheduler's status; "elsewhere" when the jobs run in a worker process. */
  scheduler: () => SchedulerStatus | { state: "elsewhere" };
  worker?: () => WorkerHealth;
  /** True while the process is shutting down: load balancers should stop sending work. */
  draining: () => boolean;
}

/** GET /health: 200 when the database answers, 503 when it does not (or while draining). */
export function healthHandler(sources: HealthSources) {
  return async (_req: Request, res: Response) => {
    const problem = sources.db.storage.unavailableReason();
    const reachable = problem === null && (await sources.db.ping());
    const migrations = reachable ? await migrationState(sources.db).catch(() => null) : null;
    const zalo = await Promise.resolve(sources.zalo()).catch((error: unknown) => ({
      mode: "zalo" as const,
      token: "unknown",
      detail: error instanceof Error ? error.message : String(error),
    }));
    const draining = sources.draining();
    const ok = reachable && !draining;
    const worker = sources.worker?.();
    const degraded =
      !migrations?.current ||
      zalo.token === "failed" ||
      worker?.state === "restarting" ||
      worker?.state === "stopped";
    res.status(ok ? 200 : 503).json({
      status: !ok ? "down" : degraded ? "degraded" : "ok",
      draining,
      database: {
        reachable,
        provider: sources.db.target.provider,
        ...(problem ? { problem } : {}),
      },
      migrations: migrations ?? { current: false, pending: [], applied: 0 },
      zalo,
      scheduler: sources.scheduler(),
      ...(worker ? { worker } : {}),
      uptimeSeconds: Math.round(process.uptime()),
    });
  };
}
