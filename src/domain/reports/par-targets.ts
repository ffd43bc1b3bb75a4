/**
 * The PAR-index criteria the data can measure, their points and the commune's targets, from
 * assets/reports/par-targets.json (checked when this module is first imported, so a bad
 * file stops the service at start-up). Defaults come from the deduction table and the
 * remedial plan of the seeds; a commune's own targets go under "communes" by slug.
 */
import { z } from "zod";
import { loadAsset } from "../../assets.js";

export const PAR_TARGETS_ASSET = "reports/par-targets.json";

export const PAR_MEASURES = [
  "plan_completion",
  "district_tasks_late",
  "digitisation_rate",
  "electronic_result_rate",
  "procedures_paid_online_rate",
  "paid_online_rate",
  "fully_online_rate",
  "online_services_used_rate",
  "online_rate",
  "late_without_apology",
] as const;
export type ParMeasure = (typeof PAR_MEASURES)[number];

const share = z.number().min(0).max(1);

const scoringSchema = z.discriminatedUnion("kind", [
  /** Points = max × value ÷ fullAt (capped at max); 0 below `floor`. */
  z
    .object({ kind: z.literal("proportional"), floor: share.optional(), fullAt: share.positive().optional() })
    .strict(),
  /** Points = max − pointsPerItem × count (not below 0). */
  z.object({ kind: z.literal("per_item"), pointsPerItem: z.number().positive() }).strict(),
]);

const criterionSchema = z
  .object({
    code: z.string().min(1),
    name: z.string().min(1),
    measure: z.enum(PAR_MEASURES),
    maxPoints: z.number().positive(),
    /** A share (0–1) for rates; a count of items for per_item criteria. */
    target: z.number().min(0),
    scoring: scoringSchema,
    department: z.string().min(1),
  })
  .strict();

export const parTargetsSchema = z
  .object({
    source: z.string(),
    criteria: z.array(criterionSchema).min(1),
    /** Per commune slug: the targets it set itself, by criterion code. */
    communes: z.record(z.string(), z.record(z.string(), z.number().min(0))),
  })
  .strict()
  .superRefine((file, ctx) => {
    const codes = new Set<string>();
    file.criteria.forEach((c, i) => {
      if (codes.has(c.code))
        ctx.addIssue({ code: "custom", path: ["criteria", i, "code"], message: "duplicate code" });
      codes.add(c.code);
      const rate = c.measure.endsWith("_rate") || c.measure === "plan_completion";
      if (rate && c.target > 1)
        ctx.addIssue({ code: "custom", path: ["criteria", i, "target"], message: "a rate's target is 0–1" });
      if (rate !== (c.scoring.kind === "proportional"))
        ctx.addIssue({
          code: "custom",
          path: ["criteria", i, "scoring"],
          message: "rates score proportionally, counts per item",
        });
    });
  });

export type ParCriterion = z.infer<typeof criterionSchema>;
export type ParTargets = z.infer<typeof parTargetsSchema>;

const TARGETS: ParTargets = loadAsset(PAR_TARGETS_ASSET, parTargetsSchema);

/** The criteria with the commune's own targets where it set them. */
export function parCriteria(communeSlug?: string, targets: ParTargets = TARGETS): ParCriterion[] {
  const own = (communeSlug && targets.communes[communeSlug]) || {};
  return targets.criteria.map((c) => (own[c.code] === undefined ? c : { ...c, target: own[c.code]! }));
}
