/**
 * The operator commands as one table, and `runCli`, which runs one with its arguments and
 * answers the exit code. `index.ts` calls it with the process's arguments; tests call it in
 * process, the way README's commands are typed.
 */
import { ConfigError } from "../config.js";
import { type Command, UsageError } from "./command.js";
import { dossierCommands } from "./dossier-commands.js";
import { jobCommands } from "./jobs-commands.js";
import { onboardingCommands } from "./onboarding-commands.js";
import { operatorCommands } from "./operator-commands.js";
import { planCommands } from "./plan-commands.js";
import { reportCommands } from "./report-commands.js";

export const commands: Record<string, Command> = {
  ...onboardingCommands,
  ...planCommands,
  ...operatorCommands,
  ...jobCommands,
  ...dossierCommands,
  ...reportCommands,
};

export function usage(): string {
  return `usage: npm run cli -- <command>\n\n${Object.values(commands)
    .map((c) => `  ${c.usage}`)
    .join("\n")}`;
}

/**
 * Runs `npm run cli -- <argv…>`: 0 when the command succeeded, 2 for a usage or
 * configuration mistake (printed with the usage), 1 for any other failure (its message).
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage());
    return name ? 2 : 0;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      console.error(error.message);
      if (error instanceof UsageError) console.error(usage());
      return 2;
    }
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}
