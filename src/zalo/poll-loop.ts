import type { Logger } from "../logger.js";

/**
 * Runs `step` on a timer and at once when woken, never two steps at a time; a wake
 * during a step runs another step right after it. Shared by the inbox worker and the
 * outbox sender, which differ only in what a step does and when the next one is due.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly step: () => Promise<void>,
    /** Milliseconds until the next step when nobody wakes the loop. */
    private readonly nextDelay: () => Promise<number> | number,
    private readonly log: Logger,
    private readonly name: string,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  wake(): void {
    if (this.running) this.schedule(0);
  }

  /** Stops scheduling and waits for a step in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delay));
  }

  private async tick(): Promise<void> {
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = (async () => {
      do {
        this.again = false;
        try {
          await this.step();
        } catch (error) {
          this.log.error({ err: error }, `${this.name} step failed`);
        }
      } while (this.again && this.running);
    })();
    await this.current;
    this.current = undefined;
    if (!this.running) return;
    const delay = await Promise.resolve(this.nextDelay()).catch(() => 1_000);
    this.schedule(delay);
  }
}
