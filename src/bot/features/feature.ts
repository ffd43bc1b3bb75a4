import type { Composer } from "../composer.js";
import type { BotContext, OfficialContext } from "../context.js";
import type { IntentRecognizer } from "../intents/intent.js";

/**
 * One feature of the bot (tasks, dossiers, linking, citizens' questions …): the handlers
 * it registers for each audience, and recognisers of intents of its own. The bot asks
 * `anyone` first, then `officials` for a linked official, else `citizens`; within an
 * audience, features are asked in the order the bot lists them (features/index.ts).
 */
export interface Feature {
  name: string;
  recognizers?: IntentRecognizer[];
  anyone?: Composer<BotContext>;
  officials?: Composer<OfficialContext>;
  citizens?: Composer<BotContext>;
}
