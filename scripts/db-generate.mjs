#!/usr/bin/env node
// Generates the Prisma client of each provider into src/db/generated/<provider>.
// Runs on npm install (postinstall). The `prisma-client` generator with engineType "client"
// needs no native engine; PRISMA_QUERY_ENGINE_LIBRARY only stops the CLI from trying to
// download one it will not use (see README).
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
execFileSync(process.execPath, [join(root, "scripts/db-schemas.mjs"), "--check"], { stdio: "inherit" });
for (const provider of ["sqlite", "postgres"]) {
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules/prisma/build/index.js"),
      "generate",
      "--config",
      join(root, "prisma", provider, "prisma.config.mjs"),
    ],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "/bin/false",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        PRISMA_OFFLINE_DIFF: "1",
      },
    },
  );
}
console.log("Prisma clients generated: src/db/generated/{sqlite,postgres}");
