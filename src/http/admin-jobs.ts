import express, { Router } from "express";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { reminderJob, REMINDER_JOBS } from "../jobs/index.js";
import type { JobRunner } from "../jobs/runner.js";
import { parseOperatorInstant, slotOf } from "../jobs/slots.js";
import { jobInfos } from "../jobs/status.js";
import { requireAdmin } from "./admin.js";

export interface AdminJobsDeps {
  token: string | undefined;
  prisma: Db;
  jobs: JobRunner;
  schedules: Readonly<Record<string, string>>;
  timeZone: string;
}

const runBody = z.object({
  /** A commune's slug; default every commune. */
  commune: z.string().min(1).optional(),
  /** The instant the run acts at (ISO 8601 with its offset, as `cli jobs:run --at`); default now. */
  at: z
    .string()
    .transform((at, ctx) => {
      const instant = parseOperatorInstant(at);
      if (!instant) {
        ctx.addIssue({
          code: "custom",
          message: "at: an ISO 8601 time with its offset, e.g. 2026-12-07T07:30+07:00",
        });
        return z.NEVER;
      }
      return instant;
    })
    .optional(),
});

/** Operator endpoints for the jobs: list them, and run one now (as `cli jobs:run`). */
export function adminJobsRouter(deps: AdminJobsDeps): Router {
  const router = Router();
  router.use("/admin/jobs", requireAdmin(deps.token));

  router.get("/admin/jobs", async (_req, res) => {
    res.json({ jobs: await jobInfos(deps.prisma, deps.schedules, deps.timeZone) });
  });

  router.post("/admin/jobs/:name/run", express.json({ limit: "16kb" }), async (req, res) => {
    const job = reminderJob(req.params.name);
    if (!job) {
      return res.status(404).json({ error: "no such job", jobs: REMINDER_JOBS.map((j) => j.name) });
    }
    const body = runBody.safeParse(req.body ?? {});
    if (!body.success) return res.status(400).json({ error: body.error.issues[0]?.message });
    let communeId: string | undefined;
    if (body.data.commune) {
      const commune = await deps.prisma.commune.findUnique({ where: { slug: body.data.commune } });
      if (!commune) return res.status(404).json({ error: `no commune with slug ${body.data.commune}` });
      communeId = commune.id;
    }
    const at = body.data.at ?? new Date();
    const summary = await deps.jobs.run(job, {
      slot: slotOf(at, deps.timeZone),
      now: at,
      force: true,
      ...(communeId ? { communeId } : {}),
    });
    res.json(summary);
  });
  return router;
}
