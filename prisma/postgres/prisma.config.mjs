// Prisma CLI config for PostgreSQL. See prisma/sqlite/prisma.config.mjs for why it looks like this.
import { PrismaPg } from "@prisma/adapter-pg";
import { offlineDiffAdapterFactory } from "../../scripts/offline-diff-adapter.mjs";
import { pgConnectionConfig, relabelCatalogueTypes } from "../../scripts/pg-cli-adapter.mjs";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () =>
    process.env.PRISMA_OFFLINE_DIFF === "1"
      ? offlineDiffAdapterFactory()
      : relabelCatalogueTypes(new PrismaPg(pgConnectionConfig(process.env.DATABASE_URL))),
};
