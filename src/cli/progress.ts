import type { ImportProgress } from "../domain/imports/report.js";

/**
 * Progress of a long import on stderr. On a terminal one line is rewritten in place; otherwise
 * (a log file, CI) whole lines, one per tenth of the rows when the total is known and one per
 * `every` rows when it is not, so a log never gets one unreadable line of carriage returns.
 */
export function progressPrinter(what: string, every = 200): ImportProgress {
  const terminal = process.stderr.isTTY === true;
  let lastDone = 0;
  let lastTenth = -1;
  return (done, total) => {
    const count = total
      ? `${done}/${total} ${what} (${Math.round((100 * done) / total)}%)`
      : `${done} ${what}`;
    if (terminal) {
      process.stderr.write(`\r${count}`);
      return;
    }
    if (total) {
      const tenth = Math.floor((10 * done) / total);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
    } else {
      if (done - lastDone < every) return;
      lastDone = done;
    }
    process.stderr.write(`${count}\n`);
  };
}

/** Ends the in-place line on a terminal. */
export function endProgress(): void {
  if (process.stderr.isTTY === true) process.stderr.write("\n");
}
