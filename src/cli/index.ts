/**
 * Operator commands: `npm run cli -- <command> [options]`. Each command opens the database
 * named by DATABASE_URL (default: the embedded one). The commands live in modules of their
 * own, one per concern, gathered in `commands.ts`; this file only hands them the arguments.
 */
import { runCli } from "./commands.js";

const code = await runCli(process.argv.slice(2));
// Success ends by itself once the command has closed what it opened.
if (code !== 0) process.exit(code);
