import { describe, expect, it } from "vitest";
import { pgConnectionFields, redactDatabaseUrl, resolveDatabaseUrl } from "../../src/db/database-url.js";
// The Prisma CLI's twin of pgConnectionFields (plain JavaScript).
import { pgConnectionConfig } from "../../scripts/pg-cli-adapter.mjs";

describe("PostgreSQL URLs", () => {
  it.each([
    [
      "postgresql://u:p%40ss@db.example:6543/xa",
      { host: "db.example", port: 6543, user: "u", password: "p@ss", database: "xa" },
    ],
    ["postgresql://u@[::1]/xa", { host: "::1", port: 5432, database: "xa" }],
    ["postgresql://u@localhost/xa?host=/var/run/postgresql", { host: "/var/run/postgresql", database: "xa" }],
    ["postgresql://u@db/xa?sslmode=require", { ssl: { rejectUnauthorized: false } }],
    ["postgresql://u@db/xa?sslmode=verify-full", { ssl: { rejectUnauthorized: true } }],
  ])("%s", (url, expected) => {
    expect(pgConnectionFields(url)).toMatchObject(expected);
    expect(pgConnectionConfig(url)).toMatchObject(expected);
  });

  it("keeps ssl off unless asked, and hides the password in logs", () => {
    expect(pgConnectionFields("postgresql://u@db/xa")).not.toHaveProperty("ssl");
    expect(redactDatabaseUrl("postgresql://u:secret@db/xa")).toBe("postgresql://u:***@db/xa");
    expect(resolveDatabaseUrl(undefined)).toEqual({
      provider: "sqlite",
      url: "file:./data/tro-ly-xa.db",
      embedded: true,
    });
  });
});
