import { type Config, loadConfig } from "../config.js";
import type { Database } from "../db/client.js";
import { openMigratedDatabase } from "../db/migrate.js";

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** One operator command: `npm run cli -- <name> …`. */
export interface Command {
  usage: string;
  run: (args: string[]) => Promise<void>;
}

/** Opens the configured database (migrated if needed) for one command and closes it after. */
export async function withDatabase<T>(
  fn: (db: Database) => Promise<T>,
  config: Config = loadConfig(),
): Promise<T> {
  const db = await openMigratedDatabase(config.database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
