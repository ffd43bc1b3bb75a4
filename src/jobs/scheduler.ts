import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";
import { floorToMinute, lastOccurrence } from "./slots.js";

export interface JobStatus {
  name: string;
  schedule: string;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  nextRunAt: string | null;
}

export interface SchedulerStatus {
  state: "stopped" | "running" | "stopping";
  timeZone: string;
  jobs: JobStatus[];
}

/** A job's work for the slot it was scheduled at (the minute cron fired, or a missed one). */
export type ScheduledWork = (slotAt: Date) => Promise<void>;

interface Job {
  name: string;
  schedule: string;
  run: ScheduledWork;
  catchUp: boolean;
  task?: ScheduledTask;
  inFlight?: Promise<void>;
  status: JobStatus;
}

/**
 * Runs jobs on cron schedules in the display time zone (a reminder "at 7:30" means 7:30
 * in Vietnam). A job never overlaps itself; stop() waits for runs in flight. Which replica
 * runs a slot, and that it runs once, is the job runner's business (src/jobs/lease.ts).
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private state: SchedulerStatus["state"] = "stopped";

  constructor(
    private readonly log: Logger,
    private readonly timeZone: string,
  ) {}

  register(name: string, schedule: string, run: ScheduledWork, options: { catchUp?: boolean } = {}): void {
    if (!cron.validate(schedule)) throw new Error(`job ${name}: invalid cron expression "${schedule}"`);
    this.jobs.push({
      name,
      schedule,
      run,
      catchUp: options.catchUp ?? false,
      status: {
        name,
        schedule,
        running: false,
        lastStartedAt: null,
        lastFinishedAt: null,
        lastError: null,
        nextRunAt: null,
      },
    });
  }

  start(): void {
    for (const job of this.jobs) {
      job.task = cron.schedule(
        job.schedule,
        (context) => this.trigger(job.name, floorToMinute(context.date)),
        {
          timezone: this.timeZone,
          name: job.name,
        },
      );
    }
    this.state = "running";
  }

  /**
   * The catch-up policy: a job whose last slot passed while the service was down runs that
   * slot once now, if it is no older than `graceMs`; an older one is skipped and logged.
   * (A slot that did run is not run again: the job runner's lease says it is done.)
   */
  async catchUp(graceMs: number, now = new Date()): Promise<void> {
    for (const job of this.jobs.filter((j) => j.catchUp)) {
      const last = lastOccurrence(
        job.schedule,
        this.timeZone,
        new Date(now.getTime() - 60_000),
        8 * 86_400_000,
      );
      if (!last) continue;
      if (now.getTime() - last.getTime() <= graceMs) await this.trigger(job.name, last);
      else
        this.log.info(
          { job: job.name, slot: last.toISOString() },
          "last slot older than the catch-up grace: not run",
        );
    }
  }

  /** Runs a job now for a slot (default: this minute); skips if it is already running. */
  async trigger(name: string, slotAt: Date = floorToMinute(new Date())): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    if (job.inFlight || this.state === "stopping") return;
    job.status.running = true;
    job.status.lastStartedAt = new Date().toISOString();
    job.inFlight = job
      .run(slotAt)
      .then(() => {
        job.status.lastError = null;
      })
      .catch((error: unknown) => {
        job.status.lastError = error instanceof Error ? error.message : String(error);
        this.log.error({ err: error, job: name }, "job failed");
      })
      .finally(() => {
        job.status.running = false;
        job.status.lastFinishedAt = new Date().toISOString();
        job.inFlight = undefined;
      });
    return job.inFlight;
  }

  async stop(): Promise<void> {
    this.state = "stopping";
    for (const job of this.jobs) await job.task?.stop();
    await Promise.all(this.jobs.map((j) => j.inFlight));
    this.state = "stopped";
  }

  status(): SchedulerStatus {
    return {
      state: this.state,
      timeZone: this.timeZone,
      jobs: this.jobs.map((j) => ({ ...j.status, nextRunAt: j.task?.getNextRun()?.toISOString() ?? null })),
    };
  }
}
