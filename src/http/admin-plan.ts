import { Router } from "express";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { importPlan, isPlanInputError } from "../domain/imports/plan-import.js";
import { requireAdmin } from "./admin.js";
import { dryRunQuery, rawUpload, uploadedSheet } from "./uploads.js";

export interface AdminPlanDeps {
  token: string | undefined;
  prisma: Db;
}

const query = z.object({
  year: z
    .string({ error: "year is required, e.g. ?year=2024" })
    .regex(/^\d{4}$/, "year must be a year such as 2024")
    .transform(Number),
  title: z.string({ error: "title must be one text" }).trim().min(1).optional(),
  document: z.string({ error: "document must be one text, e.g. 11/KH-UBND" }).trim().min(1).optional(),
});

/** Operator endpoint for a commune's CCHC plan: the office's file as the body, as `cli import-plan`. */
export function adminPlanRouter(deps: AdminPlanDeps): Router {
  const router = Router();
  router.use("/admin/communes", requireAdmin(deps.token));

  router.post("/admin/communes/:slug/plan", rawUpload, async (req, res) => {
    const q = query.safeParse(req.query);
    if (!q.success) return res.status(400).json({ error: q.error.issues[0]?.message });
    const dryRun = dryRunQuery(req);
    if (dryRun === null) return res.status(400).json({ error: "dryRun must be true or false" });
    const upload = uploadedSheet(req, "the plan's file");
    if (!upload.ok) return res.status(upload.status).json({ error: upload.error, types: upload.types });
    const commune = await deps.prisma.commune.findUnique({ where: { slug: req.params.slug } });
    if (!commune) return res.status(404).json({ error: `no commune with slug ${req.params.slug}` });
    try {
      const report = await importPlan(
        deps.prisma,
        upload.sheet,
        { communeId: commune.id, year: q.data.year, title: q.data.title, documentNo: q.data.document },
        { actor: { label: "operator" }, channel: "admin_api", now: new Date() },
        { dryRun },
      );
      res.json({ ...report, dryRun });
    } catch (error) {
      if (isPlanInputError(error)) return res.status(400).json({ error: error.message });
      throw error;
    }
  });
  return router;
}
