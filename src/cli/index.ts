/**
 * Operator commands: `npm run cli -- <command> [options]`. Each command opens the database
 * named by DATABASE_URL (default: the embedded one). The commands live in modules of their
 * own, one per concern; this file only dispatches.
 */
import { ConfigError } from "../config.js";
import { type Command, UsageError } from "./command.js";
import { dossierCommands } from "./dossier-commands.js";
import { jobCommands } from "./jobs-commands.js";
import { onboardingCommands } from "./onboarding-commands.js";
import { operatorCommands } from "./operator-commands.js";
import { planCommands } from "./plan-commands.js";
import { reportCommands } from "./report-commands.js";

const commands: Record<string, Command> = {
  ...onboardingCommands,
  ...planCommands,
  ...operatorCommands,
  ...jobCommands,
  ...dossierCommands,
  ...reportCommands,
};

function usage(): string {
  return `usage: npm run cli -- <command>\n\n${Object.values(commands)
    .map((c) => `  ${c.usage}`)
    .join("\n")}`;
}

const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(usage());
  process.exit(name ? 2 : 0);
}
command.run(rest).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    console.error(error.message);
    if (error instanceof UsageError) console.error(usage());
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
