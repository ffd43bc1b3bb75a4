import { z } from "zod";
import type { Button } from "../../../messaging/outgoing.js";
import { encodeCallback } from "../../../messaging/callback-data.js";
import { Composer } from "../../composer.js";
import type { OfficialContext } from "../../context.js";
import { defineFlow } from "../../conversation/flow.js";
import type { Feature } from "../feature.js";

/** Items per page of a list in chat: what fits a phone screen. */
export const PAGE_SIZE = 8;

/** Shows one page of a named list for a serialisable query. */
export type Pager = (ctx: OfficialContext, query: unknown, offset: number) => Promise<void>;

const pagers = new Map<string, Pager>();

/** A feature that pages a list (tasks, dossiers) registers how to show a page of it. */
export function registerList(list: string, pager: Pager): void {
  pagers.set(list, pager);
}

const listMore = defineFlow("list_more", {
  list: z.string(),
  /** The serialised query of the list being paged. */
  filter: z.string(),
  offset: z.number().int().min(0),
});

/** "Xem thêm" for a list with more items than one page; empty when none remain. */
export async function moreButton(
  ctx: OfficialContext,
  list: string,
  query: unknown,
  nextOffset: number,
  total: number,
): Promise<Button[]> {
  if (nextOffset >= total) return [];
  const nonce = await listMore.start(ctx, { list, filter: JSON.stringify(query), offset: nextOffset });
  return [{ kind: "query", title: "Xem thêm", payload: encodeCallback("more", nonce), hidden: true }];
}

async function nextPage(ctx: OfficialContext, flow: { list: string; filter: string; offset: number }) {
  await ctx.clearFlow();
  await pagers.get(flow.list)?.(ctx, JSON.parse(flow.filter), flow.offset);
}

/** "Xem thêm" pressed, or typed ("xem tiếp", "còn nữa"), on the list the official is paging. */
const officials = new Composer<OfficialContext>()
  .callback("more", async (ctx, next) => {
    const flow = listMore.fromCallback(ctx);
    return flow ? nextPage(ctx, flow) : next();
  })
  .intent("more", async (ctx) => {
    const flow = listMore.read(ctx);
    if (flow) return nextPage(ctx, flow);
    await ctx.reply("Không còn danh sách nào đang xem dở. Anh/chị gửi lại lệnh giúp em.");
  });

export const lists: Feature = { name: "lists", officials };
