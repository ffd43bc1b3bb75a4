import { addCalendarDays, zonedInstant } from "../../domain/calendar/working-days.js";
import type { Actor } from "../../domain/officials/scope.js";
import type { Button } from "../../zalo/oa-client.js";
import type { DateRange } from "../../domain/reports/quick-stats.js";
import type { TaskRef } from "../intents/intent.js";
import type { DayRange } from "../intents/intent.js";
import type { BotContext } from "../context.js";
import type { Clock } from "../templates/officials.js";

/** A handler's view of an official's update. */
export interface OfficialCtx {
  ctx: BotContext;
  actor: Actor;
  name: string;
  clock: Clock;
}

export async function officialCtx(ctx: BotContext, actor: Actor, name: string): Promise<OfficialCtx> {
  return { ctx, actor, name, clock: { now: ctx.now, calendar: await ctx.calendar() } };
}

/** A day range people said ("tuần này") as instants: [first day 00:00, day after last 00:00). */
export function instantsOf(range: DayRange): DateRange {
  return { from: zonedInstant(range.from, 0, 0), to: zonedInstant(addCalendarDays(range.to, 1), 0, 0) };
}

export function refLabel(ref: TaskRef): string {
  return ref.kind === "code" ? ref.code : `"${ref.text}"`;
}

/** "Xem thêm" for a list with more items than one page; empty when none remain. */
export async function moreButton(
  o: OfficialCtx,
  list: "tasks" | "dossiers",
  query: unknown,
  nextOffset: number,
  total: number,
): Promise<Button[]> {
  if (nextOffset >= total) return [];
  const nonce = await o.ctx.startFlow({
    flow: "list_more",
    list,
    filter: JSON.stringify(query),
    offset: nextOffset,
  });
  return [{ kind: "query", title: "Xem thêm", payload: `#more:${nonce}`, hidden: true }];
}
