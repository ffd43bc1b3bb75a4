import express, { type Express } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.js";
import { type HealthSources, healthHandler } from "./health.js";

export interface AppDeps {
  log: Logger;
  health: HealthSources;
  /** Extra routers mounted by later layers (webhook, admin API, sandbox). */
  mount?: (app: Express) => void;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(
    pinoHttp({
      logger: deps.log,
      // Only method, path and status: query strings and headers can carry tokens or phones.
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split("?")[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === "/health" },
    }),
  );
  app.get("/health", healthHandler(deps.health));
  deps.mount?.(app);
  app.use((_req, res) => {
    res.status(404).json({ error: "not_found" });
  });
  return app;
}
