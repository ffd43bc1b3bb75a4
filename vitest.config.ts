import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Tests never reach the network: nock blocks it, and Zalo is always mocked.
    env: { TZ: "UTC", LOG_LEVEL: "silent" },
  },
});
