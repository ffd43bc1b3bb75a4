import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { FakeZalo, type FakeZaloOptions } from "../../src/zalo/fake-zalo.js";

/**
 * The fake Zalo (src/zalo/fake-zalo.ts) on a port of its own, for tests where the CLI or
 * the service must reach "Zalo" over HTTP: point ZALO_API_BASE_URL at `url` and
 * ZALO_OAUTH_BASE_URL at `url + "/oauth"`.
 */
export async function startFakeZaloServer(options: Partial<FakeZaloOptions> = {}) {
  const fake = new FakeZalo({ appId: "test-app", appSecret: "test-app-secret", groups: [], ...options });
  const app = express();
  app.use(fake.router());
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fake,
    url,
    /** Messages an OA sent to a user or group, waiting up to `timeoutMs` for them to arrive. */
    async waitFor(predicate: (m: FakeZalo["messages"][number]) => boolean, timeoutMs = 8_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = fake.messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(
            `no such message; got ${JSON.stringify(fake.messages.map((m) => [m.oaId, m.recipient, m.text.slice(0, 60)]))}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
