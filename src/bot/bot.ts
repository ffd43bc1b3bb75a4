import type { Update, UpdateHandler, UpdateOutcome } from "../messaging/update.js";
import { type BotError, Composer, type Middleware } from "./composer.js";
import { BotContext, type BotServices, isOfficial, type OfficialContext } from "./context.js";
import type { Feature } from "./features/feature.js";
import type { IntentRecognizer } from "./intents/intent.js";
import { loadFlow, typedAnswers } from "./middleware/flow.js";
import { loadOfficial } from "./middleware/official.js";
import { recordSender } from "./middleware/sender.js";
import { somethingWentWrong } from "./templates/errors.js";

/**
 * The bot: one typed update in, replies out through the notifier. Every update gets its
 * context; the sender is recorded, their flow and (for officials) their scope loaded;
 * then the features are asked in order: those for anyone, then the officials' or the
 * citizens' ones. An update nothing handled (a group message, for now) is "ignored".
 */
export class Bot implements UpdateHandler {
  private readonly run: Middleware<BotContext>;
  private readonly recognizers: IntentRecognizer[];

  constructor(
    private readonly services: BotServices,
    features: readonly Feature[],
  ) {
    this.recognizers = features.flatMap((f) => f.recognizers ?? []);
    const officials = new Composer<OfficialContext>();
    const citizens = new Composer<BotContext>();
    const root = new Composer<BotContext>(recordSender, loadFlow, loadOfficial, typedAnswers);
    for (const f of features) {
      if (f.anyone) root.use(f.anyone.middleware());
      if (f.officials) officials.use(f.officials.middleware());
      if (f.citizens) citizens.use(f.citizens.middleware());
    }
    const forOfficials = officials.middleware();
    const forCitizens = citizens.middleware();
    // A linked official is never answered as a citizen: the two audiences do not fall into each other.
    root.use((ctx, next) => (isOfficial(ctx) ? forOfficials(ctx, next) : forCitizens(ctx, next)));
    this.run = root.catch((error) => this.failed(error)).middleware();
  }

  async handle(update: Update): Promise<UpdateOutcome> {
    const ctx = new BotContext(update, this.services, this.recognizers);
    let handled = true;
    await this.run(ctx, async () => {
      handled = false;
    });
    return handled ? "done" : "ignored";
  }

  /**
   * The error boundary: the failure is logged with the update, and the person is told
   * once, politely, that something went wrong and the office knows. That happens on the
   * last try only (an earlier try may still succeed), keyed by the update so a replay
   * never repeats it. The error goes on to the transport, which retries or parks the
   * event for the operator.
   */
  private async failed(error: BotError<BotContext>): Promise<never> {
    const { ctx } = error;
    const { attempt, final } = ctx.update.delivery;
    ctx.log.error({ err: error.error, attempt, final }, "handler failed");
    if (final && ctx.update.kind !== "group_text") {
      await this.services.notifier
        .toUser(ctx.communeId, ctx.update.userId, somethingWentWrong, [], `error:${ctx.update.id}`)
        .catch((notifyError: unknown) => ctx.log.error({ err: notifyError }, "could not tell the person"));
    }
    throw error.error;
  }
}

export function createBot(services: BotServices, features: readonly Feature[]): Bot {
  return new Bot(services, features);
}
