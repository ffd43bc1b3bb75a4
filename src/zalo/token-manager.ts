import { randomUUID } from "node:crypto";
import axios from "axios";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { AccessTokenSource } from "./oa-client.js";

export interface TokenManagerOptions {
  oaId: string;
  appId: string;
  appSecret: string;
  oauthBaseUrl: string;
  /** First refresh token, used only while the database holds none. */
  bootstrapRefreshToken: string | undefined;
  communeId?: string | null;
  /** Refresh proactively when less than this is left (access tokens live 25 h). */
  refreshMarginMs?: number;
  lockMs?: number;
  timeoutMs?: number;
}

export type TokenState = "ok" | "expiring" | "refreshing" | "failed" | "missing";

export class TokenRefreshError extends Error {}

/**
 * Keeps the OA access token fresh. Refresh tokens are single-use: a refresh runs under
 * an in-process single flight AND a database lease, so two replicas never spend the same
 * refresh token; after taking the lease it re-reads the stored pair (another replica may
 * have refreshed already) and saves the new pair before anyone uses it.
 */
export class TokenManager implements AccessTokenSource {
  private inFlight: Promise<string> | undefined;
  private readonly instanceId = randomUUID();
  private readonly margin: number;
  private readonly lockMs: number;

  constructor(
    private readonly prisma: Db,
    private readonly options: TokenManagerOptions,
    private readonly log: Logger,
  ) {
    this.margin = options.refreshMarginMs ?? 60 * 60_000;
    this.lockMs = options.lockMs ?? 30_000;
  }

  async accessToken(): Promise<string> {
    const row = await this.ensureRow();
    if (row.accessToken && row.accessExpiresAt && row.accessExpiresAt.getTime() - Date.now() > this.margin) {
      return row.accessToken;
    }
    return this.refresh(row.accessToken ?? null);
  }

  async refreshAfterRejection(stale: string): Promise<string> {
    return this.refresh(stale);
  }

  /** Refreshes proactively when the token is close to expiry (the scheduler calls this). */
  async ensureFresh(): Promise<void> {
    await this.accessToken();
  }

  async state(): Promise<{ token: TokenState; detail?: string; accessExpiresAt?: string }> {
    const row = await this.prisma.oaToken.findUnique({ where: { oaId: this.options.oaId } });
    if (!row) return { token: "missing" };
    if (row.state === "failed") return { token: "failed", detail: row.lastError ?? undefined };
    if (row.lockedUntil && row.lockedUntil > new Date()) return { token: "refreshing" };
    const expiresAt = row.accessExpiresAt?.toISOString();
    if (!row.accessToken || !row.accessExpiresAt) return { token: row.refreshToken ? "expiring" : "missing" };
    const left = row.accessExpiresAt.getTime() - Date.now();
    return { token: left > this.margin ? "ok" : "expiring", accessExpiresAt: expiresAt };
  }

  private refresh(stale: string | null): Promise<string> {
    this.inFlight ??= this.refreshUnderLease(stale).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async refreshUnderLease(stale: string | null): Promise<string> {
    const deadline = Date.now() + this.lockMs * 2;
    for (;;) {
      const now = new Date();
      const { count } = await this.prisma.oaToken.updateMany({
        where: { oaId: this.options.oaId, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
        data: { lockedUntil: new Date(now.getTime() + this.lockMs), lockedBy: this.instanceId },
      });
      if (count === 1) break;
      // Another replica is refreshing: wait for it, then use what it stored.
      if (Date.now() > deadline) throw new TokenRefreshError("timed out waiting for another refresh");
      await sleep(200);
      const row = await this.ensureRow();
      if (row.accessToken && row.accessToken !== stale && isValid(row.accessExpiresAt))
        return row.accessToken;
    }
    try {
      const row = await this.ensureRow();
      if (
        row.accessToken &&
        row.accessToken !== stale &&
        row.accessExpiresAt &&
        row.accessExpiresAt.getTime() - Date.now() > this.margin
      ) {
        // Another replica refreshed while we waited for the lease: give the lease back.
        await this.prisma.oaToken.update({
          where: { oaId: this.options.oaId },
          data: { lockedUntil: null, lockedBy: null },
        });
        return row.accessToken;
      }
      if (!row.refreshToken)
        throw new TokenRefreshError("no refresh token stored: set ZALO_REFRESH_TOKEN or re-authorise the OA");
      const pair = await this.callOAuth(row.refreshToken);
      await this.prisma.oaToken.update({
        where: { oaId: this.options.oaId },
        data: {
          accessToken: pair.accessToken,
          accessExpiresAt: new Date(Date.now() + pair.expiresInMs),
          refreshToken: pair.refreshToken,
          refreshExpiresAt: new Date(Date.now() + 90 * 24 * 3_600_000),
          state: "ok",
          lastError: null,
          lockedUntil: null,
          lockedBy: null,
        },
      });
      this.log.info({ oaId: this.options.oaId }, "OA access token refreshed");
      return pair.accessToken;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof TokenRefreshError;
      await this.prisma.oaToken.update({
        where: { oaId: this.options.oaId },
        data: {
          lockedUntil: null,
          lockedBy: null,
          lastError: message.slice(0, 500),
          ...(permanent ? { state: "failed" } : {}),
        },
      });
      // Loud on purpose: without a token no reply or reminder leaves, and only a person can re-authorise.
      this.log.error({ oaId: this.options.oaId, reason: message }, "OA token refresh FAILED");
      throw error;
    }
  }

  private async callOAuth(
    refreshToken: string,
  ): Promise<{ accessToken: string; refreshToken: string; expiresInMs: number }> {
    let response: { status: number; data: Record<string, unknown> };
    try {
      response = await axios.post(
        `${this.options.oauthBaseUrl}/v4/oa/access_token`,
        new URLSearchParams({
          refresh_token: refreshToken,
          app_id: this.options.appId,
          grant_type: "refresh_token",
        }).toString(),
        {
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            secret_key: this.options.appSecret,
          },
          timeout: this.options.timeoutMs ?? 10_000,
          validateStatus: () => true,
        },
      );
    } catch (error) {
      throw new Error(`OAuth request failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    if (response.status >= 500) throw new Error(`OAuth HTTP ${response.status}`);
    const body = response.data ?? {};
    const access = body.access_token;
    const refresh = body.refresh_token;
    if (typeof access !== "string" || typeof refresh !== "string") {
      const code = body.error ?? response.status;
      const reason = body.error_description ?? body.error_name ?? body.message ?? "no token in response";
      // A refused refresh token will not start working by itself: mark the state failed.
      throw new TokenRefreshError(`OAuth refused the refresh: ${String(code)} ${String(reason)}`);
    }
    const seconds = Number(body.expires_in ?? 90_000);
    return {
      accessToken: access,
      refreshToken: refresh,
      expiresInMs: (Number.isFinite(seconds) ? seconds : 90_000) * 1000,
    };
  }

  private async ensureRow() {
    const existing = await this.prisma.oaToken.findUnique({ where: { oaId: this.options.oaId } });
    const bootstrap = this.options.bootstrapRefreshToken;
    if (existing?.state === "failed" && bootstrap && bootstrap !== existing.refreshToken) {
      // The operator re-authorised the OA and set a new ZALO_REFRESH_TOKEN: start over from it.
      return this.prisma.oaToken.update({
        where: { oaId: this.options.oaId },
        data: {
          refreshToken: bootstrap,
          accessToken: null,
          accessExpiresAt: null,
          state: "ok",
          lastError: null,
        },
      });
    }
    if (existing) return existing;
    try {
      return await this.prisma.oaToken.create({
        data: {
          oaId: this.options.oaId,
          communeId: this.options.communeId ?? null,
          refreshToken: this.options.bootstrapRefreshToken ?? null,
        },
      });
    } catch {
      return this.prisma.oaToken.findUniqueOrThrow({ where: { oaId: this.options.oaId } });
    }
  }
}

function isValid(expiresAt: Date | null): boolean {
  return !!expiresAt && expiresAt.getTime() > Date.now();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
