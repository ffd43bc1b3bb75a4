import { CONSOLE_LINK_TTL_MS, createConsoleLink } from "../../../domain/console/console-access.js";
import { Composer } from "../../composer.js";
import type { OfficialContext } from "../../context.js";
import type { IntentRecognizer } from "../../intents/intent.js";
import type { Feature } from "../feature.js";
import { consoleForLeadersOnly, consoleLinkText } from "./templates.js";

declare module "../../intents/intent.js" {
  interface FeatureIntents {
    /** "mở bảng điều khiển": a one-time link to the web console. */
    open_console: object;
  }
}

const OPEN =
  /^(?:(?:cho )?(?:toi|em|anh|chi) )?(?:mo|vao|xem|gui|lay)(?: (?:link|duong dan))? (?:bang dieu khien|trang quan tri|dashboard)(?: (?:cua xa|nhe|a|di|giup|cho toi))*$/;

const recognize: IntentRecognizer = ({ text }) => (OPEN.test(text) ? { name: "open_console" } : undefined);

/**
 * "mở bảng điều khiển": a leader gets a one-time, short-lived link that opens /console as
 * themselves. `baseUrl` is the service's public address (PUBLIC_BASE_URL).
 */
export function consoleFeature(baseUrl: string): Feature {
  const officials = new Composer<OfficialContext>().intent("open_console", async (ctx) => {
    if (ctx.official.actor.role !== "leader") return ctx.reply(consoleForLeadersOnly);
    const link = await createConsoleLink(ctx.prisma, ctx.official.actor.officialId, ctx.now);
    const url = `${baseUrl.replace(/\/$/, "")}/console/link/${link.token}`;
    await ctx.reply(consoleLinkText(url, Math.round(CONSOLE_LINK_TTL_MS / 60_000)));
  });
  return { name: "console", recognizers: [recognize], officials };
}
