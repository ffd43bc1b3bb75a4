import type { Logger } from "../logger.js";
import type { InboxEvent, InboxStore } from "./inbox.js";
import { PollLoop } from "./poll-loop.js";

/** What the transport hands each stored event to (main wires the bot in). */
export type InboxHandler = (event: InboxEvent) => Promise<"done" | "ignored" | undefined>;

export interface InboxWorkerOptions {
  /** Events handled at once, across different users. */
  concurrency: number;
  /** Poll interval when idle; new events wake the worker at once. */
  pollMs: number;
}

/**
 * Drains the inbox: per user, one event at a time and in arrival order; across users,
 * up to `concurrency` in parallel. Failures are retried with backoff by the store and
 * parked after the last try.
 */
export class InboxWorker {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly loop: PollLoop;

  constructor(
    private readonly store: InboxStore,
    private readonly handle: InboxHandler,
    private readonly log: Logger,
    private readonly options: InboxWorkerOptions = { concurrency: 4, pollMs: 1_000 },
  ) {
    this.loop = new PollLoop(
      async () => {
        await this.pumpOnce();
      },
      () => this.options.pollMs,
      log,
      "inbox",
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Called after a webhook insert so a reply does not wait for the next poll. */
  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.all(this.inFlight.values());
  }

  /** Handles everything that is runnable now, then resolves (tests and the CLI use it). */
  async drain(): Promise<void> {
    for (;;) {
      const started = await this.pumpOnce();
      await Promise.all(this.inFlight.values());
      if (started === 0) return;
    }
  }

  private async pumpOnce(): Promise<number> {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const busyKeys = new Set(this.inFlight.keys());
    const events = await this.store.claim(free, new Date(), busyKeys);
    for (const event of events) {
      const run = this.run(event).finally(() => {
        this.inFlight.delete(event.orderKey);
        // A finished event may unblock the next one of the same user.
        this.wake();
      });
      this.inFlight.set(event.orderKey, run);
    }
    return events.length;
  }

  private async run(event: InboxEvent): Promise<void> {
    const log = this.log.child({ inboxEventId: event.id, event: event.eventName, attempt: event.attempts });
    try {
      const outcome = await this.handle(event);
      await this.store.complete(event.id, outcome === "ignored" ? "ignored" : "done");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      try {
        const result = await this.store.fail(event, message);
        if (result === "parked") log.error({ err: error }, "event parked after its last try");
        else log.warn({ err: error }, "event failed; will retry");
      } catch (storeError) {
        // The database itself is failing: the event keeps its lease and is taken up again
        // when the lease expires. Never let this reject: nothing awaits it, and an
        // unhandled rejection would take the whole service down.
        log.error({ err: storeError, cause: message }, "could not record the event's failure");
      }
    }
  }
}
