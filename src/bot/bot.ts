import { recordInteraction } from "../domain/users/zalo-users.js";
import { parseEvent } from "../zalo/events.js";
import type { InboxEvent } from "../zalo/inbox.js";
import type { InboxHandler } from "../zalo/inbox-worker.js";
import { compose, type Middleware } from "./composer.js";
import { BotContext, type BotServices, type Update } from "./context.js";
import { linking } from "./middleware/linking.js";
import { officialRouter } from "./officials/official-router.js";
import { type CatalogueSource, citizenRouter } from "./citizens/citizen-router.js";
import { citizenMenuButtons } from "./templates/citizens.js";
import { followWelcome } from "./templates/menu.js";

/** The bot's chain: linking for anyone, then officials, then citizens. */
export function botMiddlewares(catalogues: CatalogueSource): Middleware<BotContext>[] {
  return [linking, officialRouter, citizenRouter(catalogues)];
}

/**
 * Turns a stored inbox event into bot work. Echoes of the OA's own messages, delivery
 * receipts and unknown kinds are acknowledged without a reply (no reply loops).
 */
export function createBot(services: BotServices, middlewares: Middleware<BotContext>[]): InboxHandler {
  const run = compose(...middlewares);
  return async (row: InboxEvent) => {
    const parsed = parseEvent(JSON.parse(row.payload));
    const log = services.log.child({ inboxEventId: row.id, event: row.eventName });
    if (parsed.kind !== "known") {
      if (parsed.kind === "invalid")
        log.warn({ error: parsed.error }, "event failed validation; stored, not handled");
      return "ignored";
    }
    if (!row.communeId) {
      log.warn({ oaId: row.oaId }, "event for an OA no commune owns");
      return "ignored";
    }
    const communeId = row.communeId;
    const at = new Date(Number(parsed.event.timestamp));
    const context = (
      user: { zaloUserId: string; officialId: string | null },
      update: Pick<Update, "text" | "msgId"> & { attachments?: Update["attachments"] },
    ) =>
      new BotContext(
        { inboxEventId: row.id, eventName: row.eventName, attachments: [], ...update },
        user,
        communeId,
        services,
        log,
      );

    switch (parsed.name) {
      case "user_received_message":
      case "user_seen_message":
      case "user_submit_info":
        return "ignored";
      case "follow":
      case "unfollow": {
        const following = parsed.name === "follow";
        const user = await recordInteraction(
          services.prisma,
          communeId,
          parsed.event.follower.id,
          at,
          following,
        );
        if (following) {
          const commune = await services.prisma.commune.findUnique({
            where: { id: communeId },
            select: { name: true },
          });
          await context(user, { text: null, msgId: null }).reply(
            followWelcome(commune?.name ?? "UBND xã"),
            citizenMenuButtons,
          );
        }
        return "done";
      }
      case "user_click_chatnow": {
        const user = await recordInteraction(services.prisma, communeId, parsed.event.user_id, at);
        // Pressing "Nhắn tin" on the OA's page is a hello: answer it as one.
        await run(context(user, { text: "xin chào", msgId: null }));
        return "done";
      }
      case "user_send_text": {
        const user = await recordInteraction(services.prisma, communeId, parsed.event.sender.id, at);
        await run(
          context(user, {
            text: parsed.event.message.text.normalize("NFC"),
            msgId: parsed.event.message.msg_id,
          }),
        );
        return "done";
      }
      case "user_send_image":
      case "user_send_file":
      case "user_send_location":
      case "user_send_sticker": {
        const { sender, message } = parsed.event;
        const user = await recordInteraction(services.prisma, communeId, sender.id, at);
        const attachments = message.attachments.map((a) => ({
          type: a.type,
          url: a.payload?.url,
          name: a.payload?.name,
          size: a.payload?.size === undefined ? undefined : Number(a.payload.size) || undefined,
        }));
        await run(context(user, { text: null, msgId: message.msg_id, attachments }));
        return "done";
      }
    }
  };
}
