import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { createBot } from "./bot/bot.js";
import { botFeatures } from "./bot/features/index.js";
import { CatalogueCache } from "./domain/procedures/catalogue-cache.js";
import { ConversationStore } from "./bot/conversation/state-store.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { redactDatabaseUrl } from "./db/database-url.js";
import { openMigratedDatabase } from "./db/migrate.js";
import { seedDemoData } from "./demo/seed-demo-data.js";
import { seedNationalHolidayDefaults } from "./domain/calendar/holiday-defaults.js";
import { cachedCommuneResolver } from "./domain/communes/commune-for-oa.js";
import { adminRouter } from "./http/admin.js";
import { adminCommunesRouter } from "./http/admin-communes.js";
import { adminJobsRouter } from "./http/admin-jobs.js";
import { adminPlanRouter } from "./http/admin-plan.js";
import { adminDossiersRouter } from "./http/admin-dossiers.js";
import { adminReportRouter } from "./http/admin-report.js";
import { createApp } from "./http/app.js";
import { consoleRouter } from "./http/console/console-router.js";
import { sandboxRouter } from "./http/sandbox/sandbox-router.js";
import { registerHousekeeping } from "./jobs/housekeeping.js";
import { registerReminderJobs } from "./jobs/index.js";
import { JobLeases } from "./jobs/lease.js";
import { JobRunner } from "./jobs/runner.js";
import { Scheduler } from "./jobs/scheduler.js";
import type { WorkerHealth } from "./http/health.js";
import type { Logger } from "./logger.js";
import { Notifier } from "./messaging/notifier.js";
import { FakeZalo } from "./zalo/fake-zalo.js";
import type { SignatureKeys } from "./zalo/signature.js";
import { siteVerificationRouter } from "./zalo/site-verification.js";
import { ZaloChannel } from "./zalo/zalo-channel.js";

export interface RunningService {
  readonly db: Database;
  readonly scheduler: Scheduler;
  /** Runs the reminder jobs (the scheduler, the admin API and the sandbox use it). */
  readonly jobs: JobRunner;
  readonly channel: ZaloChannel;
  readonly server: Server;
  readonly url: string;
  /** The fake Zalo behind the sandbox (sandbox mode only). */
  readonly fakeZalo: FakeZalo | undefined;
  /** The keys webhook signatures are checked with (made up per run in sandbox mode). */
  readonly signatureKeys: SignatureKeys;
  /** Stops taking work, lets in-flight requests, events and jobs finish, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Wires configuration, database, HTTP server, Zalo channel, bot and scheduler. main.ts
 * adds signals and process exit; tests call this directly.
 */
export interface ServiceOptions {
  /** The bot's clock; tests pin it. */
  now?: () => Date;
  /**
   * SERVICE_ROLE=split: where this (web) process sends its wakes for the worker child, and
   * how that child is doing (main.ts forks and watches it).
   */
  worker?: { wake: (queue: "inbox" | "outbox") => void; health: () => WorkerHealth };
}

/** What both the web side and the worker side open: database, Zalo channel, notifier, jobs. */
async function openCore(config: Config, log: Logger, options: ServiceOptions, selfUrl: () => string) {
  log.info(
    {
      database: redactDatabaseUrl(config.database.url),
      provider: config.database.provider,
      role: config.role,
    },
    "opening database",
  );
  const db = await openMigratedDatabase(config.database);
  const now = options.now ?? (() => new Date());
  // The web side writes the defaults and the demo (before the sandbox's fake Zalo reads
  // the demo's groups); a worker finds them there.
  if (config.role !== "worker") {
    // Due dates are counted from the Holiday table: make sure this year and next are in it.
    const holidayYears = await seedNationalHolidayDefaults(db.prisma, now());
    for (const { year, written } of holidayYears) {
      if (written > 0) log.info({ year, rows: written }, "national holiday defaults written");
    }

    if (config.seedDemo) {
      const result = await seedDemoData(db.prisma, { now: new Date() });
      if (result.created) log.info({ counts: result.counts }, "demo commune seeded");
    }
  }
  const zalo = await zaloSettings(config, db, selfUrl);
  const channel = new ZaloChannel({
    prisma: db.prisma,
    log,
    keys: zalo.keys,
    appSecret: zalo.appSecret,
    defaultOa: zalo.defaultOa,
    apiBaseUrl: zalo.apiBaseUrl,
    oauthBaseUrl: zalo.oauthBaseUrl,
    resolveCommuneId: cachedCommuneResolver(db.prisma),
    outboxRatePerSecond: config.zalo.sendRatePerSecond,
    maxEventAgeMs: config.zalo.webhookMaxAgeMs,
    storage: db.storage,
    inboxWriter: db.inboxEvents,
    wakeElsewhere: options.worker?.wake,
  });
  const notifier = new Notifier(channel.outbox, channel.wakeOutbox);
  const scheduler = new Scheduler(log.child({ component: "scheduler" }), config.displayTimeZone);
  registerHousekeeping(scheduler, db.prisma, channel, {
    schedules: config.jobs.schedules,
    inboxRetentionDays: config.inboxRetentionDays,
  });
  const jobs = jobRunner(config, db.prisma, notifier, log);
  registerReminderJobs(
    scheduler,
    jobs,
    config.jobs.schedules,
    config.displayTimeZone,
    log.child({ component: "jobs" }),
  );
  return { db, now, zalo, channel, notifier, scheduler, jobs };
}
type Core = Awaited<ReturnType<typeof openCore>>;

/**
 * The worker side: hands stored events to the bot, sends the outbox, runs the scheduled
 * jobs (and those missed while down). Started by startService in role "all", or alone.
 */
function startHandling(config: Config, log: Logger, core: Core): void {
  const { db, channel, notifier, scheduler, now } = core;
  const catalogues = new CatalogueCache(db.prisma);
  // Build the search index now, so the first citizen does not wait for it.
  catalogues
    .current()
    .catch((error: unknown) => log.error({ err: error }, "procedure catalogue failed to load"));
  channel.start(
    createBot(
      {
        prisma: db.prisma,
        notifier,
        conversations: new ConversationStore(db.prisma),
        log: log.child({ component: "bot" }),
        now,
      },
      botFeatures({
        catalogues,
        digestTime: config.reminders.digestTime,
        publicBaseUrl: config.publicBaseUrl,
      }),
    ),
  );
  scheduler.start();
  // Slots missed while the service was down run once now, within the grace period.
  scheduler
    .catchUp(config.jobs.catchUpGraceMs)
    .catch((error: unknown) => log.error({ err: error }, "catching up missed job slots failed"));
  // Check the OA token now rather than at the first message: a refused refresh shows on
  // /health at once (the token manager logs the failure itself).
  channel.accounts?.ensureAllFresh().catch(() => undefined);
}

export interface RunningWorker {
  readonly db: Database;
  readonly channel: ZaloChannel;
  readonly scheduler: Scheduler;
  stop(): Promise<void>;
}

/**
 * SERVICE_ROLE=worker: the inbox, the outbox and the jobs, no HTTP. The web process that
 * forked it (split) wakes it over IPC; a worker deployed on its own polls the queues.
 */
export async function startWorker(
  config: Config,
  log: Logger,
  options: ServiceOptions = {},
): Promise<RunningWorker> {
  const core = await openCore(config, log, options, () => "");
  startHandling(config, log, core);
  let stopping: Promise<void> | undefined;
  return {
    db: core.db,
    channel: core.channel,
    scheduler: core.scheduler,
    stop: () =>
      (stopping ??= (async () => {
        await core.scheduler.stop();
        await core.channel.stop();
        await core.db.close();
      })()),
  };
}

export async function startService(
  config: Config,
  log: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  if (config.role === "worker") throw new Error("SERVICE_ROLE=worker starts with startWorker");
  // web and split: this process serves HTTP only; the worker side runs in another process.
  const handles = config.role === "all";
  let selfUrl = "";
  const core = await openCore(config, log, options, () => selfUrl);
  const { db, now, zalo, channel, scheduler, jobs } = core;

  let draining = false;
  const app = createApp({
    log,
    health: {
      db,
      scheduler: () => (handles ? scheduler.status() : { state: "elsewhere" as const }),
      ...(handles ? {} : { worker: options.worker?.health ?? (() => ({ state: "elsewhere" as const })) }),
      zalo: async () => ({ mode: config.mode, ...(await channel.tokenState()) }),
      draining: () => draining,
    },
    mountFirst: (app) => app.use(channel.router),
    mount: (app) => {
      app.use(siteVerificationRouter(config.zalo.siteVerification));
      app.use(
        adminRouter({
          token: config.adminApiToken,
          prisma: db.prisma,
          inbox: channel.inbox,
          outbox: channel.outbox,
        }),
      );
      app.use(
        adminCommunesRouter({
          token: config.adminApiToken,
          prisma: db.prisma,
          accounts: () => channel.accounts,
          defaultOaId: zalo.defaultOa?.oaId,
        }),
      );
      app.use(
        adminJobsRouter({
          token: config.adminApiToken,
          prisma: db.prisma,
          jobs,
          schedules: config.jobs.schedules,
          timeZone: config.displayTimeZone,
        }),
      );
      app.use(adminPlanRouter({ token: config.adminApiToken, prisma: db.prisma }));
      app.use(adminDossiersRouter({ token: config.adminApiToken, prisma: db.prisma, log }));
      app.use(adminReportRouter({ token: config.adminApiToken, prisma: db.prisma }));
      app.use(
        consoleRouter({
          prisma: db.prisma,
          log: log.child({ component: "console" }),
          adminToken: config.adminApiToken,
          publicBaseUrl: config.publicBaseUrl,
          production: config.env === "production",
          jobs,
          schedules: config.jobs.schedules,
          timeZone: config.displayTimeZone,
          inbox: channel.inbox,
          outbox: channel.outbox,
          defaultOaId: zalo.defaultOa?.oaId,
          now,
        }),
      );
      if (zalo.fake) {
        app.use(
          sandboxRouter({
            prisma: db.prisma,
            jobs,
            timeZone: config.displayTimeZone,
            fakeZalo: zalo.fake,
            keys: zalo.keys,
            log,
            selfUrl: () => selfUrl,
          }),
        );
      }
    },
  });

  const server = await new Promise<Server>((resolve, reject) => {
    // The sandbox lets anyone act as any official: keep it to this machine.
    const host = config.mode === "sandbox" ? "127.0.0.1" : "0.0.0.0";
    const s = app.listen(config.port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  selfUrl = `http://127.0.0.1:${port}`;

  if (handles) startHandling(config, log, core);
  else channel.openAccounts();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      // close() stops accepting connections and resolves once in-flight requests end;
      // idle keep-alive sockets would otherwise hold it open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await scheduler.stop();
      await channel.stop();
      await closed;
      await db.close();
    })();
    return stopping;
  };

  return {
    db,
    scheduler,
    jobs,
    channel,
    server,
    url: `http://localhost:${port}`,
    fakeZalo: zalo.fake,
    signatureKeys: zalo.keys,
    stop,
  };
}

/**
 * Zalo mode uses the configured app (and the deployment's own OA, if set; each commune's
 * OA is connected with the CLI). Sandbox mode makes up an OA with a secret of its own and
 * points the API and OAuth base URLs at the fake Zalo mounted under /sandbox/zalo.
 */
export async function zaloSettings(config: Config, db: Database, selfUrl: () => string) {
  if (config.mode === "zalo") {
    const z = config.zalo;
    return {
      keys: { appId: z.appId!, oaId: z.oaId, oaSecretKey: z.oaSecretKey! },
      appSecret: z.appSecret!,
      defaultOa: z.defaultOa,
      apiBaseUrl: () => z.apiBaseUrl,
      oauthBaseUrl: () => z.oauthBaseUrl,
      fake: undefined,
    };
  }
  const appSecret = randomBytes(16).toString("hex");
  // Each run has a fresh fake Zalo: a token pair stored by an earlier run means nothing to it.
  await db.prisma.oaToken.deleteMany({ where: { oaId: "sandbox-oa" } });
  const groups = await db.prisma.zaloGroup.findMany({ select: { groupId: true, name: true } });
  const fake = new FakeZalo({ appId: "sandbox-app", appSecret, groups });
  return {
    keys: { appId: "sandbox-app", oaId: "sandbox-oa", oaSecretKey: randomBytes(16).toString("hex") },
    appSecret,
    defaultOa: { oaId: "sandbox-oa", refreshToken: fake.bootstrapRefreshToken },
    apiBaseUrl: () => `${selfUrl()}/sandbox/zalo`,
    oauthBaseUrl: () => `${selfUrl()}/sandbox/zalo/oauth`,
    fake,
  };
}

/** The reminder jobs' runner with the delivery rules and settings of the configuration. */
export function jobRunner(
  config: Config,
  prisma: Database["prisma"],
  notifier: Notifier,
  log: Logger,
): JobRunner {
  return new JobRunner({
    prisma,
    notifier,
    leases: new JobLeases(prisma),
    log: log.child({ component: "jobs" }),
    rules: { timeZone: config.displayTimeZone, quietHours: config.reminders.quietHours },
    settings: {
      digestTime: config.reminders.digestTime,
      daysBefore: config.reminders.daysBefore,
      escalateAfterDays: config.reminders.escalateAfterDays,
    },
  });
}
