import type { Feature } from "./feature.js";
import { consoleFeature } from "./console/index.js";
import { dossiers } from "./dossiers/index.js";
import { feedback } from "./feedback/index.js";
import { handoff } from "./handoff/index.js";
import { linking } from "./linking/index.js";
import { lists } from "./lists/index.js";
import { fallback, menu } from "./menu/index.js";
import { type CatalogueSource, questions } from "./questions/index.js";
import { reminders } from "./reminders/index.js";
import { reports } from "./reports/index.js";
import { stats } from "./stats/index.js";
import { tasks } from "./tasks/index.js";

export type { Feature };
export type { CatalogueSource };

/**
 * The bot's features, in the order they are asked. Order matters where two could take the
 * same message: a flow waiting for the user's next words (evidence, a PAKN, an answer to
 * a citizen) comes before commands; a receipt code before small talk; small talk before
 * the procedure search, which takes any remaining text; the fall-backs come last.
 */
export function botFeatures(deps: {
  catalogues: CatalogueSource;
  /** The morning digest's default time, for officials who did not choose theirs. */
  digestTime?: string;
  /** The service's public address, for the console's one-time links. */
  publicBaseUrl?: string;
}): Feature[] {
  return [
    linking,
    handoff,
    feedback,
    tasks,
    lists,
    dossiers,
    stats,
    reports,
    reminders(deps.digestTime ?? "07:30"),
    consoleFeature(deps.publicBaseUrl ?? "http://localhost:3000"),
    menu,
    questions(deps.catalogues),
    fallback,
  ];
}
