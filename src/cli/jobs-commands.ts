import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { openMigratedDatabase } from "../db/migrate.js";
import { resolveCommune } from "../domain/procedures/local-notes.js";
import { reminderJob, REMINDER_JOBS } from "../jobs/index.js";
import { parseOperatorInstant, slotOf } from "../jobs/slots.js";
import { jobInfos } from "../jobs/status.js";
import { createLogger } from "../logger.js";
import { Notifier } from "../messaging/notifier.js";
import { jobRunner } from "../service.js";
import { cachedCommuneResolver } from "../domain/communes/commune-for-oa.js";
import { OutboxStore } from "../zalo/outbox.js";
import { ZaloChannel } from "../zalo/zalo-channel.js";
import { type Command, UsageError } from "./command.js";

/** `jobs`, `jobs:run`: the reminder jobs for an operator, against the configured database. */
export const jobCommands: Record<string, Command> = {
  jobs: {
    usage: "jobs [--json]                list the jobs with their schedule, last and next run",
    run: async (args) => {
      const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
      const config = loadConfig();
      const db = await openMigratedDatabase(config.database);
      try {
        for (const job of await jobInfos(db.prisma, config.jobs.schedules, config.displayTimeZone)) {
          if (values.json) {
            const { name, schedule, lastRunAt, nextRunAt } = job;
            console.log(JSON.stringify({ name, schedule, lastRunAt, nextRunAt }));
          } else {
            console.log(
              `${job.name.padEnd(20)} ${job.schedule.padEnd(18)} last ${job.lastRunAt ?? "-"}  next ${job.nextRunAt ?? "-"}`,
            );
          }
        }
      } finally {
        await db.close();
      }
    },
  },
  "jobs:run": {
    usage:
      "jobs:run <name> [--commune <slug>] [--at <ISO time>]   run a reminder job now, send what it writes, print its counts",
    run: async (args) => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { commune: { type: "string" }, at: { type: "string" } },
      });
      const job = reminderJob(positionals[0] ?? "");
      if (!job) throw new UsageError(`name a job: ${REMINDER_JOBS.map((j) => j.name).join(", ")}`);
      const at = values.at === undefined ? new Date() : parseOperatorInstant(values.at);
      if (!at)
        throw new UsageError(`--at: not a time with its offset: ${values.at} (e.g. 2026-12-07T07:30+07:00)`);
      const config = loadConfig();
      const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
      const db = await openMigratedDatabase(config.database);
      try {
        let communeId: string | undefined;
        if (values.commune) {
          const commune = await resolveCommune(db.prisma, values.commune);
          if (!commune) throw new UsageError(`no commune with slug ${values.commune}`);
          communeId = commune.id;
        }
        const outbox = new OutboxStore(db.prisma);
        const runner = jobRunner(config, db.prisma, new Notifier(outbox), log);
        const summary = await runner.run(job, {
          slot: slotOf(at, config.displayTimeZone),
          now: at,
          force: true,
          ...(communeId ? { communeId } : {}),
        });
        if (config.mode === "zalo") {
          const z = config.zalo;
          const channel = new ZaloChannel({
            prisma: db.prisma,
            log,
            keys: { appId: z.appId!, oaId: z.oaId, oaSecretKey: z.oaSecretKey! },
            appSecret: z.appSecret!,
            defaultOa: z.defaultOa,
            apiBaseUrl: () => z.apiBaseUrl,
            oauthBaseUrl: () => z.oauthBaseUrl,
            resolveCommuneId: cachedCommuneResolver(db.prisma),
            outboxRatePerSecond: z.sendRatePerSecond,
          });
          await channel.drainOutbox();
          await channel.stop();
        } else if (summary.sent > 0) {
          console.error(
            "sandbox mode (no Zalo credentials): the messages wait in the outbox for the running service",
          );
        }
        if (summary.failed > 0) console.error(`${summary.failed} commune(s) failed: see the log and JobRun`);
        const { sent, skipped, undeliverable } = summary;
        console.log(JSON.stringify({ job: job.name, sent, skipped, undeliverable }));
      } finally {
        await db.close();
      }
    },
  },
};
