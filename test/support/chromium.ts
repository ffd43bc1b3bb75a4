import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's chromium package (.ci/run installs it); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether browser tests run here. On a developer's machine without Chromium they are
 * skipped with the reason printed, so `npm test` passes with only Node and a C++ toolchain;
 * in CI (`CI` set) they are mandatory and a missing browser fails them loudly.
 */
export function browserTestsEnabled(file: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) return true;
  console.warn(
    `\n  skipped ${file}: no Chromium at ${CHROMIUM} (install Debian's chromium package, or set CHROMIUM_PATH); CI runs it.\n`,
  );
  return false;
}

/** Headless Chromium with the flags a machine without internet needs (no background calls home). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
