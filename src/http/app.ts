import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.js";
import { type HealthSources, healthHandler } from "./health.js";

export interface AppDeps {
  log: Logger;
  health: HealthSources;
  /**
   * Routers that log for themselves, mounted before the request logger: the webhook, whose
   * every request is a hot path and already logs its outcome (one line, not two).
   */
  mountFirst?: (app: Express) => void;
  /** Extra routers mounted by later layers (admin API, sandbox, console). */
  mount?: (app: Express) => void;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  deps.mountFirst?.(app);
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
  // Bad input (a malformed JSON body, too large) is the client's mistake: a 4xx with its
  // reason, never express's HTML page. Anything else is logged and answered 500.
  app.use(
    (error: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      if (error.status && error.status >= 400 && error.status < 500) {
        res.status(error.status).json({ error: error.type ?? "bad_request" });
        return;
      }
      deps.log.error({ err: error, path: req.path }, "request failed");
      res.status(500).json({ error: "internal" });
    },
  );
  return app;
}
