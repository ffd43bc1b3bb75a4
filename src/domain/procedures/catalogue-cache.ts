import type { Db } from "../../db/client.js";
import { ProcedureCatalogue } from "./procedure-catalogue.js";

/**
 * Holds the catalogue the bot answers from. Building the index takes a moment, so it is
 * built once and checked for changes (an import by the operator) at most once a minute;
 * while it is still empty (a commune being set up), every few seconds.
 */
export class CatalogueCache {
  private catalogue: Promise<ProcedureCatalogue> | undefined;
  private checkedAt = 0;

  constructor(
    private readonly prisma: Db,
    private readonly recheckMs = 60_000,
    private readonly clock: () => number = Date.now,
    private readonly emptyRecheckMs = 5_000,
  ) {}

  async current(): Promise<ProcedureCatalogue> {
    const now = this.clock();
    if (!this.catalogue) {
      this.checkedAt = now;
      this.catalogue = ProcedureCatalogue.load(this.prisma);
      this.catalogue.catch(() => (this.catalogue = undefined));
      return this.catalogue;
    }
    const previous = await this.catalogue;
    if (now - this.checkedAt >= (previous.size === 0 ? this.emptyRecheckMs : this.recheckMs)) {
      this.checkedAt = now;
      this.catalogue = previous.refreshed(this.prisma).catch(() => previous);
    }
    return this.catalogue;
  }
}
