import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../logger.js";

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

interface Job {
  name: string;
  schedule: string;
  run: () => Promise<void>;
  task?: ScheduledTask;
  inFlight?: Promise<void>;
  status: JobStatus;
}

/**
 * Runs jobs on cron schedules in the display time zone (a reminder "at 7:30" means 7:30
 * in Vietnam). A job never overlaps itself; stop() waits for runs in flight.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private state: SchedulerStatus["state"] = "stopped";

  constructor(
    private readonly log: Logger,
    private readonly timeZone: string,
  ) {}

  register(name: string, schedule: string, run: () => Promise<void>): void {
    if (!cron.validate(schedule)) throw new Error(`job ${name}: invalid cron expression "${schedule}"`);
    this.jobs.push({
      name,
      schedule,
      run,
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
      job.task = cron.schedule(job.schedule, () => this.trigger(job.name), {
        timezone: this.timeZone,
        name: job.name,
      });
    }
    this.state = "running";
  }

  /** Runs a job now (also used by the operator CLI and tests); skips if it is already running. */
  async trigger(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    if (job.inFlight || this.state === "stopping") return;
    job.status.running = true;
    job.status.lastStartedAt = new Date().toISOString();
    job.inFlight = job
      .run()
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
