import { Router } from "express";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { reportData } from "../domain/reports/report-data.js";
import {
  currentQuarterPeriod,
  parseReportPeriod,
  REPORT_PERIOD_HINT,
} from "../domain/reports/report-period.js";
import { reportFileName, reportWorkbookBuffer } from "../domain/reports/report-workbook.js";
import { requireAdmin } from "./admin.js";

export interface AdminReportDeps {
  token: string | undefined;
  prisma: Db;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const query = z.object({
  period: z.string({ error: `period must be one text: ${REPORT_PERIOD_HINT}` }).optional(),
  /** The moment the figures are taken at (ISO); now when absent. */
  at: z
    .string({ error: "at must be one ISO time" })
    .refine((s) => !Number.isNaN(Date.parse(s)), "at must be an ISO time such as 2026-06-15T03:00:00Z")
    .optional(),
  format: z.enum(["xlsx", "json"], { error: "format must be xlsx or json" }).optional(),
});

/**
 * The CCHC report of a commune: `GET /admin/communes/:slug/report?period=q2-2026` downloads
 * the XLSX (Phụ lục 2, by field, by department, PAR risks); `format=json` answers the same
 * figures as JSON. Without a period: the current quarter so far.
 */
export function adminReportRouter(deps: AdminReportDeps): Router {
  const router = Router();
  router.use("/admin/communes", requireAdmin(deps.token));

  router.get("/admin/communes/:slug/report", async (req, res) => {
    const q = query.safeParse(req.query);
    if (!q.success) return res.status(400).json({ error: q.error.issues[0]?.message });
    const now = q.data.at ? new Date(q.data.at) : new Date();
    const period = q.data.period === undefined ? currentQuarterPeriod(now) : parseReportPeriod(q.data.period);
    if (!period)
      return res.status(400).json({ error: `unknown period "${q.data.period}": ${REPORT_PERIOD_HINT}` });
    const commune = await deps.prisma.commune.findUnique({
      where: { slug: req.params.slug },
      select: { id: true, slug: true },
    });
    if (!commune) return res.status(404).json({ error: `no commune with slug ${req.params.slug}` });
    const data = await reportData(deps.prisma, commune.id, period, now);
    if (q.data.format === "json") return res.json(data);
    const file = reportFileName(commune.slug, data);
    res.setHeader("Content-Type", XLSX);
    res.setHeader("Content-Disposition", `attachment; filename="${file}"`);
    res.send(await reportWorkbookBuffer(data));
  });
  return router;
}
