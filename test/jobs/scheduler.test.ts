import { afterEach, describe, expect, it, vi } from "vitest";
import { Scheduler } from "../../src/jobs/scheduler.js";
import { createLogger } from "../../src/logger.js";

const log = createLogger("silent");

describe("Scheduler", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rejects an invalid cron expression when the job is registered", () => {
    expect(() => new Scheduler(log, "Asia/Ho_Chi_Minh").register("x", "every day", async () => {})).toThrow(
      /job x: invalid cron expression/,
    );
  });

  it("fires at the wall-clock time of the display time zone", async () => {
    vi.useFakeTimers();
    // 00:29:59 UTC = 07:29:59 in Vietnam (UTC+7, no daylight saving).
    vi.setSystemTime(new Date("2026-11-23T00:29:59.000Z"));
    const scheduler = new Scheduler(log, "Asia/Ho_Chi_Minh");
    const runs: string[] = [];
    scheduler.register("morning-digest", "30 7 * * 1-5", async () => {
      runs.push(new Date().toISOString());
    });
    scheduler.start();
    expect(scheduler.status().jobs[0]?.nextRunAt).toBe("2026-11-23T00:30:00.000Z");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toHaveLength(1);
    await scheduler.stop();
  });

  it("never overlaps a job with itself and records failures without throwing", async () => {
    const scheduler = new Scheduler(log, "Asia/Ho_Chi_Minh");
    let calls = 0;
    scheduler.register("flaky", "0 0 * * *", async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 20));
      throw new Error("boom");
    });
    await Promise.all([scheduler.trigger("flaky"), scheduler.trigger("flaky")]);
    expect(calls).toBe(1);
    expect(scheduler.status().jobs[0]).toMatchObject({ running: false, lastError: "boom" });
  });

  it("stop() waits for a run in flight", async () => {
    const scheduler = new Scheduler(log, "Asia/Ho_Chi_Minh");
    let finished = false;
    scheduler.register("slow", "0 0 * * *", async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });
    scheduler.start();
    void scheduler.trigger("slow");
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(scheduler.status().state).toBe("stopped");
  });
});
