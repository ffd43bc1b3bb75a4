import { TZDate } from "@date-fns/tz";
import type { Reach } from "../domain/officials/reach.js";
import type { ReminderRecipient } from "../domain/reminders/recipients.js";
import { encodeCallback } from "../messaging/callback-data.js";
import type { Notifier } from "../messaging/notifier.js";
import { type Button, MAX_BUTTONS } from "../messaging/outgoing.js";
import { groupFallback } from "../bot/features/reminders/templates.js";

/** When and how alerts may be delivered (README, "Reminders and alerts"). */
export interface DeliveryRules {
  timeZone: string;
  /** Minutes of the day; `from` > `to` spans midnight (21:00–07:00). Null: no quiet hours. */
  quietHours: { from: number; to: number } | null;
}

export interface AlertOptions {
  /** Escalations: delivered in quiet hours, and even to an official who turned reminders off. */
  urgent?: boolean;
  /** The official chose this time ("nhắc lúc 6h30"): honoured even within quiet hours. */
  chosenTime?: boolean;
}

/** "Đã nhận": pressing it is an interaction, which keeps Zalo's 7-day window open. */
export const ACKNOWLEDGE: Button = {
  kind: "query",
  title: "Đã nhận",
  payload: encodeCallback("ack"),
  hidden: true,
};

/**
 * The delivery rules between a job and the notifier, for one commune and one run: an
 * official gets the alert in their own chat while Zalo allows it, else in their
 * department's group; nothing leaves in quiet hours (it waits for their end) unless urgent;
 * an official who turned reminders off gets none unless urgent. Counts what it sent,
 * skipped (already sent: same key; or turned off) and could not deliver.
 */
export class Alerts {
  readonly counts = { sent: 0, skipped: 0, undeliverable: 0 };
  /** Who could not be reached, for the weekly digest. */
  readonly unreachable: { officialId: string; name: string }[] = [];

  constructor(
    private readonly notifier: Notifier,
    private readonly communeId: string,
    private readonly now: Date,
    private readonly rules: DeliveryRules,
    private readonly reach: ReadonlyMap<string, Reach>,
  ) {}

  async toOfficial(
    official: ReminderRecipient,
    text: string,
    buttons: readonly Button[],
    key: string,
    options: AlertOptions = {},
  ): Promise<void> {
    if (!official.preferences.remindersOn && !options.urgent) {
      this.counts.skipped += 1;
      return;
    }
    const route = this.reach.get(official.id) ?? { route: "none", reason: "not_linked" };
    const notBefore = this.notBefore(options);
    if (route.route === "none") {
      this.counts.undeliverable += 1;
      this.unreachable.push({ officialId: official.id, name: official.name });
      return;
    }
    const result =
      route.route === "user"
        ? await this.notifier.toUser(
            this.communeId,
            route.zaloUserId,
            text,
            [...buttons, ACKNOWLEDGE].slice(0, MAX_BUTTONS),
            key,
            notBefore,
          )
        : await this.notifier.toGroup(
            this.communeId,
            route.groupId,
            groupFallback(official.name, text),
            key,
            notBefore,
          );
    this.count(result);
  }

  async toGroup(groupId: string, text: string, key: string, options: AlertOptions = {}): Promise<void> {
    this.count(await this.notifier.toGroup(this.communeId, groupId, text, key, this.notBefore(options)));
  }

  private count(result: "queued" | "duplicate") {
    if (result === "queued") this.counts.sent += 1;
    else this.counts.skipped += 1;
  }

  /** The end of quiet hours when the run's instant falls within them (and the alert may wait). */
  private notBefore(options: AlertOptions): { notBefore?: Date } {
    const quiet = this.rules.quietHours;
    if (!quiet || options.urgent || options.chosenTime) return {};
    const local = new TZDate(this.now.getTime(), this.rules.timeZone);
    const minute = local.getHours() * 60 + local.getMinutes();
    const inQuiet =
      quiet.from <= quiet.to
        ? minute >= quiet.from && minute < quiet.to
        : minute >= quiet.from || minute < quiet.to;
    if (!inQuiet) return {};
    const end = new TZDate(
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      0,
      0,
      0,
      0,
      this.rules.timeZone,
    );
    end.setMinutes(quiet.to);
    if (end.getTime() <= this.now.getTime()) end.setDate(end.getDate() + 1);
    return { notBefore: new Date(end.getTime()) };
  }
}
