import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.js";
import { isUniqueViolation } from "../db/errors.js";

export interface JobLease {
  id: string;
  job: string;
  slot: string;
  scope: string;
}

/**
 * Who runs a job slot, when several replicas share one database: the JobRun row for
 * (job, slot, scope) is the lease, created by the first replica that asks. Another replica
 * finds it and leaves the slot alone, unless the holder's lease has run out while the run
 * was still "running" (the holder died): then it takes the slot over. A run that failed
 * may be run again; a finished one only when an operator forces it.
 */
export class JobLeases {
  constructor(
    private readonly prisma: Db,
    readonly owner: string = randomUUID(),
    private readonly leaseMs = 10 * 60_000,
  ) {}

  async acquire(
    job: string,
    slot: string,
    scope: string,
    options: { force?: boolean; now?: Date } = {},
  ): Promise<JobLease | null> {
    const now = options.now ?? new Date();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const running = { status: "running", owner: this.owner, leaseUntil, startedAt: now, finishedAt: null };
    try {
      const row = await this.prisma.jobRun.create({
        data: { job, slot, scope, communeId: scope === "*" ? null : scope, ...running },
      });
      return { id: row.id, job, slot, scope };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await this.prisma.jobRun.findUnique({ where: { job_slot_scope: { job, slot, scope } } });
    if (!row) return null;
    const takeable =
      (row.status === "running" && row.leaseUntil !== null && row.leaseUntil < now) ||
      row.status === "failed" ||
      (row.status === "ok" && options.force === true);
    if (!takeable) return null;
    // Compare-and-set on what we read: of two replicas taking over at once, one wins.
    const { count } = await this.prisma.jobRun.updateMany({
      where: { id: row.id, status: row.status, leaseUntil: row.leaseUntil, owner: row.owner },
      data: running,
    });
    return count === 1 ? { id: row.id, job, slot, scope } : null;
  }

  async finish(lease: JobLease, status: "ok" | "failed", detail: unknown): Promise<void> {
    await this.prisma.jobRun.updateMany({
      where: { id: lease.id, owner: this.owner },
      data: { status, finishedAt: new Date(), leaseUntil: null, detail: JSON.stringify(detail) },
    });
  }
}
