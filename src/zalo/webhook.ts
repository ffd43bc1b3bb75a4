import { createHash } from "node:crypto";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import type { StorageState } from "../db/client.js";
import type { Logger } from "../logger.js";
import { dedupeKeyOf, envelope, orderKeyOf } from "./events.js";
import type { InboxStore } from "./inbox.js";
import { type SignatureKeys, verifyZaloSignature } from "./signature.js";

export interface WebhookDeps {
  keys: SignatureKeys;
  inbox: InboxStore;
  log: Logger;
  /** Maps the OA an event is for to the commune that owns it. */
  resolveCommuneId: (oaId: string | null) => Promise<string | null>;
  /** Called after an event is stored, to wake the inbox worker. */
  onStored?: () => void;
  maxBodyBytes?: number;
  /** Reject events older than this. Off by default: Zalo redelivers for hours with the original timestamp. */
  maxAgeMs?: number;
  /** The database's known state: a missing file answers 503 at once; a failed insert is reported. */
  storage?: StorageState;
  /** How long the inbox insert may take before the answer is 503 (Zalo gives up after ~2 s). */
  storeDeadlineMs?: number;
}

/** The answer to Zalo when the event could not be stored: 503, so Zalo delivers it again. */
const RETRY_AFTER_SECONDS = "5";

/**
 * POST /webhooks/zalo. Reads the raw bytes (a JSON parser before this would break the
 * signature), verifies the MAC, stores the event in the inbox, and only then answers 200.
 * The bot never runs inside the request, so the answer comes well within Zalo's ~2 s.
 */
export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const limit = deps.maxBodyBytes ?? 256 * 1024;
  router.post(
    "/webhooks/zalo",
    express.raw({ type: () => true, limit }),
    async (req: Request, res: Response) => {
      const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const reject = (status: number, reason: string, extra: Record<string, unknown> = {}) => {
        deps.log.warn({ reason, status, bytes: raw.length, ...extra }, "webhook rejected");
        res.status(status).json({ error: reason });
      };

      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return reject(400, "body_not_json");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return reject(400, "body_not_object");
      const record = body as Record<string, unknown>;

      const timestamp = typeof record.timestamp === "string" ? record.timestamp : undefined;
      // With one app serving several OAs, the OA the event is for is the one that may sign it.
      const oaId = oaIdOf(record);
      const check = verifyZaloSignature(req.get("x-zevent-signature"), raw, timestamp, {
        ...deps.keys,
        oaId: oaId ?? deps.keys.oaId,
      });
      if (!check.ok) return reject(401, check.reason);

      const head = envelope.safeParse(body);
      if (!head.success) return reject(400, "missing_event_name");
      if (deps.maxAgeMs !== undefined && timestamp && Date.now() - Number(timestamp) > deps.maxAgeMs) {
        return reject(400, "event_too_old", { event: head.data.event_name });
      }

      const unavailable = (reason: string, error?: unknown) => {
        deps.log.error(
          { reason, event: head.data.event_name, err: error },
          "webhook event not stored: answered 503 so Zalo delivers it again",
        );
        res.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        res.status(503).json({ error: reason });
      };
      if (deps.storage?.fileGone()) return unavailable("database_file_missing");

      const bodyHash = createHash("sha256").update(raw).digest("hex");
      let result: "stored" | "duplicate";
      try {
        // Never 200 before the row is stored; never keep Zalo waiting past its ~2 s either.
        // An insert that finishes after the deadline is a stored event Zalo will redeliver:
        // the dedupe key makes the redelivery a duplicate, not a second event.
        result = await withDeadline(
          (async () =>
            deps.inbox.insert({
              communeId: await deps.resolveCommuneId(oaId),
              oaId,
              eventName: head.data.event_name,
              dedupeKey: dedupeKeyOf(record, bodyHash),
              orderKey: orderKeyOf(record),
              payload: raw.toString("utf8"),
            }))(),
          deps.storeDeadlineMs ?? 800,
        );
      } catch (error) {
        deps.storage?.reportFailure(error);
        return unavailable(deps.storage?.unavailableReason() ?? "database_error", error);
      }
      deps.storage?.reportSuccess();
      deps.log.info(
        { event: head.data.event_name, signedWith: check.signedWith, result },
        "webhook accepted",
      );
      res.status(200).json({ ok: true, duplicate: result === "duplicate" });
      if (result === "stored") deps.onStored?.();
    },
  );
  // Body-parser errors (too large, aborted) become a clear 4xx instead of express's HTML page.
  router.use(
    "/webhooks/zalo",
    (error: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (!error.status || error.status >= 500) return next(error);
      deps.log.warn({ reason: error.type, status: error.status }, "webhook rejected");
      res.status(error.status).json({ error: error.type ?? "bad_request" });
    },
  );
  return router;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database deadline of ${ms} ms passed`)), ms);
  });
  // A late failure of the abandoned insert must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The OA an event belongs to: recipient for user→OA events, sender for OA echoes, oa_id when flat. */
export function oaIdOf(body: Record<string, unknown>): string | null {
  const name = String(body.event_name ?? "");
  const pick = (k: "sender" | "recipient") => {
    const v = (body[k] as { id?: unknown } | undefined)?.id;
    return typeof v === "string" ? v : null;
  };
  if (typeof body.oa_id === "string") return body.oa_id;
  if (name.startsWith("oa_send_") || name === "user_received_message" || name === "user_seen_message") {
    return pick("sender");
  }
  return pick("recipient");
}
