import express, { type Request, type Response, Router } from "express";
import type { Db } from "../db/client.js";
import { importDossierFile, importDossierRecords } from "../domain/imports/dossier-import.js";
import { dossierPushSchema, pushedCells } from "../domain/imports/dossier-push.js";
import type { ImportReport } from "../domain/imports/report.js";
import { isTableInputError } from "../domain/imports/table.js";
import type { Logger } from "../logger.js";
import { requireAdmin } from "./admin.js";
import { dryRunQuery, rawUpload, uploadedSheet } from "./uploads.js";

export interface AdminDossiersDeps {
  token: string | undefined;
  prisma: Db;
  log: Logger;
}

/** A quarter's export of a large commune as XLSX is a few MB. */
const UPLOAD_LIMIT = "20mb";

/**
 * Operator and system endpoints for a commune's dossiers: a one-stop system pushes records
 * as JSON, or an operator uploads the system's export (CSV or XLSX). Both answer the
 * import's report: counts, and the bad rows and warnings by number.
 */
export function adminDossiersRouter(deps: AdminDossiersDeps): Router {
  const router = Router();
  router.use("/admin/communes", requireAdmin(deps.token));

  router.post("/admin/communes/:slug/dossiers", express.json({ limit: UPLOAD_LIMIT }), async (req, res) => {
    const communeId = await communeIdOf(deps.prisma, req, res);
    if (!communeId) return;
    const dryRun = dryRunOf(req, res);
    if (dryRun === null) return;
    const body = dossierPushSchema.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return res.status(400).json({
        error: `${where}${issue?.message ?? "invalid body"}`,
        expected: '{"dossiers": [{"receiptCode": "…", "status": "…", …}]}',
      });
    }
    const report = await importDossierRecords(deps.prisma, communeId, body.data.dossiers.map(pushedCells), {
      dryRun,
      log: deps.log.child({ component: "dossier-import", source: "push" }),
    });
    res.json(answer(report, dryRun));
  });

  router.post("/admin/communes/:slug/dossiers/import", rawUpload, async (req, res) => {
    const communeId = await communeIdOf(deps.prisma, req, res);
    if (!communeId) return;
    const dryRun = dryRunOf(req, res);
    if (dryRun === null) return;
    const upload = uploadedSheet(req, "the one-stop system's export");
    if (!upload.ok) return res.status(upload.status).json({ error: upload.error, types: upload.types });
    let report: ImportReport;
    try {
      report = await importDossierFile(deps.prisma, communeId, upload.sheet, {
        dryRun,
        log: deps.log.child({ component: "dossier-import", source: "upload" }),
      });
    } catch (error) {
      // Nothing is written before the header is found: a file that is not a table is the caller's.
      if (isTableInputError(error)) {
        return res.status(400).json({ error: error.message });
      }
      throw error;
    }
    res.json(answer(report, dryRun));
  });
  return router;
}

async function communeIdOf(prisma: Db, req: Request, res: Response): Promise<string | null> {
  const slug = String(req.params.slug);
  const commune = await prisma.commune.findUnique({ where: { slug }, select: { id: true } });
  if (!commune) res.status(404).json({ error: `no commune with slug ${slug}` });
  return commune?.id ?? null;
}

/** Answers 400 for a dryRun it cannot read; null then. */
function dryRunOf(req: Request, res: Response): boolean | null {
  const dryRun = dryRunQuery(req);
  if (dryRun === null) res.status(400).json({ error: "dryRun must be true or false" });
  return dryRun;
}

function answer(report: ImportReport, dryRun: boolean) {
  return { dryRun, ...report };
}
