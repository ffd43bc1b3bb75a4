import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/logger.js";

/** A logger at `level` whose lines are kept, to check what a piece of code writes to the log. */
export function captureLog(level = "trace"): { log: Logger; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger(level, stream), text: () => lines.join("") };
}
