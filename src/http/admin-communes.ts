import express, { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { communeBySlug, communeInput, OnboardingError, upsertCommune } from "../domain/communes/communes.js";
import { upsertDepartment } from "../domain/communes/departments.js";
import { GROUP_PURPOSES, setGroupPurpose, syncGroups } from "../domain/communes/groups.js";
import { onboardingStatus } from "../domain/communes/onboarding-status.js";
import { isTableInputError } from "../domain/imports/table.js";
import { importOfficials } from "../domain/officials/import-officials.js";
import { setServedProcedures } from "../domain/procedures/served.js";
import type { ZaloAccounts } from "../zalo/accounts.js";
import { requireAdmin } from "./admin.js";
import { dryRunQuery, rawUpload, uploadedSheet } from "./uploads.js";

export interface AdminCommunesDeps {
  token: string | undefined;
  prisma: Db;
  /** The OAs the service speaks for (Zalo mode), to list a commune's groups. */
  accounts: () => ZaloAccounts | undefined;
  defaultOaId: string | undefined;
}

const departmentBody = z.object({
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()).optional(),
  oneStop: z.boolean().optional(),
});
const groupBody = z.object({ purpose: z.enum(GROUP_PURPOSES), department: z.string().optional() });
const proceduresBody = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ codes: z.array(z.string()).min(1) }),
]);

/** Runs a handler; an operator's mistake (bad field, unknown commune, unreadable file) is a 4xx with its reason. */
function handle(work: (req: Request, res: Response) => Promise<unknown>) {
  return async (req: Request, res: Response) => {
    try {
      await work(req, res);
    } catch (error) {
      if (error instanceof OnboardingError) {
        const notFound = /^không có xã/.test(error.message);
        return res.status(notFound ? 404 : 400).json({ error: error.message });
      }
      if (isTableInputError(error)) {
        return res.status(400).json({ error: error.message });
      }
      throw error;
    }
  };
}

/**
 * Onboarding a commune through the admin API, as the CLI does: the commune and its OA id,
 * departments, officials from a sheet, the OA's groups and what each is for, the
 * procedures it serves, and what is still missing. Connecting an OA's token stays a CLI
 * step: the refresh token is a secret, read from the environment.
 */
export function adminCommunesRouter(deps: AdminCommunesDeps): Router {
  const router = Router();
  const json = express.json({ limit: "64kb" });
  router.use("/admin/communes", requireAdmin(deps.token));

  router.get(
    "/admin/communes",
    handle(async (_req, res) => {
      const communes = await deps.prisma.commune.findMany({
        orderBy: { slug: "asc" },
        select: { slug: true, name: true, zaloOaId: true },
      });
      res.json({ communes });
    }),
  );

  router.post(
    "/admin/communes",
    json,
    handle(async (req, res) => {
      const body = communeInput.safeParse(req.body ?? {});
      if (!body.success)
        return res
          .status(400)
          .json({ error: body.error.issues[0]?.message, path: body.error.issues[0]?.path });
      const result = await upsertCommune(deps.prisma, body.data);
      res.status(result.created ? 201 : 200).json(result);
    }),
  );

  router.get(
    "/admin/communes/:slug/status",
    handle(async (req, res) => {
      const commune = await communeBySlug(deps.prisma, String(req.params.slug));
      res.json(
        await onboardingStatus(deps.prisma, commune.id, { now: new Date(), defaultOaId: deps.defaultOaId }),
      );
    }),
  );

  router.post(
    "/admin/communes/:slug/departments",
    json,
    handle(async (req, res) => {
      const commune = await communeBySlug(deps.prisma, String(req.params.slug));
      const body = departmentBody.safeParse(req.body ?? {});
      if (!body.success) return res.status(400).json({ error: body.error.issues[0]?.message });
      const result = await upsertDepartment(deps.prisma, commune.id, body.data);
      res.status(result.created ? 201 : 200).json(result);
    }),
  );

  router.post(
    "/admin/communes/:slug/officials/import",
    rawUpload,
    handle(async (req, res) => {
      const commune = await communeBySlug(deps.prisma, String(req.params.slug));
      const dryRun = dryRunQuery(req);
      if (dryRun === null) return res.status(400).json({ error: "dryRun must be true or false" });
      const upload = uploadedSheet(req, "the list of officials");
      if (!upload.ok) return res.status(upload.status).json({ error: upload.error, types: upload.types });
      res.json(await importOfficials(deps.prisma, commune.id, upload.sheet, { dryRun }));
    }),
  );

  router.post(
    "/admin/communes/:slug/groups/sync",
    handle(async (req, res) => {
      const commune = await communeBySlug(deps.prisma, String(req.params.slug));
      const accounts = deps.accounts();
      if (!accounts)
        return res.status(409).json({ error: "Zalo is not configured (sandbox mode): no OA to ask" });
      const client = await accounts.clientFor(commune.id);
      const listed: { groupId: string; name: string }[] = [];
      for (let offset = 0; ; offset += 50) {
        const page = await client.listGroups(offset, 50);
        listed.push(...page.groups);
        if (page.groups.length < 50 || listed.length >= page.total) break;
      }
      const result = await syncGroups(deps.prisma, commune.id, listed);
      res.json({
        ...result,
        groups: await deps.prisma.zaloGroup.findMany({
          where: { communeId: commune.id },
          select: { groupId: true, name: true, purpose: true },
        }),
      });
    }),
  );

  router.put(
    "/admin/communes/:slug/groups/:groupId",
    json,
    handle(async (req, res) => {
      const commune = await communeBySlug(deps.prisma, String(req.params.slug));
      const body = groupBody.safeParse(req.body ?? {});
      if (!body.success) return res.status(400).json({ error: body.error.issues[0]?.message });
      await setGroupPurpose(deps.prisma, commune.id, String(req.params.groupId), {
        purpose: body.data.purpose,
        ...(body.data.department ? { departmentCode: body.data.department } : {}),
      });
      res.json({ groupId: req.params.groupId, purpose: body.data.purpose });
    }),
  );

  router.post(
    "/admin/communes/:slug/procedures",
    json,
    handle(async (req, res) => {
      const commune = await communeBySlug(deps.prisma, String(req.params.slug));
      const body = proceduresBody.safeParse(req.body ?? {});
      if (!body.success)
        return res.status(400).json({ error: 'send {"all": true} or {"codes": ["1.001193", …]}' });
      res.json(await setServedProcedures(deps.prisma, commune.id, body.data));
    }),
  );
  return router;
}
