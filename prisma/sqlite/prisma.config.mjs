// Prisma CLI config for the embedded SQLite database. A plain object (not defineConfig):
// the CLI loads it without TypeScript. engine "js" + adapter make the CLI use its bundled
// wasm schema engine, so migrations work with no engine download (see README).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () =>
    new PrismaBetterSQLite3({
      url: process.env.DATABASE_URL?.startsWith("file:")
        ? process.env.DATABASE_URL
        : "file:./data/tro-ly-xa.db",
    }),
};
