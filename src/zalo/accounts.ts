import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { ZaloPermanentError } from "./errors.js";
import { OaClient } from "./oa-client.js";
import { TokenManager, type TokenState } from "./token-manager.js";

export interface ZaloAccountsOptions {
  appId: string;
  appSecret: string;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  /**
   * The OA of a one-commune deployment, from the environment (ZALO_OA_ID and its first
   * refresh token): it also serves a commune whose own OA id was never filled in.
   */
  defaultOa?: { oaId: string; refreshToken: string | undefined } | undefined;
  /** How long the commune → OA answer is kept (an operator may connect an OA while running). */
  cacheMs?: number;
}

export interface OaTokenState {
  oaId: string;
  communeId: string | null;
  token: TokenState;
  detail?: string;
  accessExpiresAt?: string;
}

/**
 * The Official Accounts this instance speaks for: one Zalo app, linked to the OA of each
 * commune it serves (one instance may serve a province). Each OA has its own rotating token
 * pair (its `OaToken` row, connected with `cli commune connect-oa`) and its own client; a
 * message leaves through the OA of the commune it belongs to.
 */
export class ZaloAccounts {
  private readonly managers = new Map<string, TokenManager>();
  private readonly clients = new Map<string, OaClient>();
  private readonly communeOa = new Map<string, { oaId: string | null; at: number }>();

  constructor(
    private readonly prisma: Db,
    private readonly options: ZaloAccountsOptions,
    private readonly log: Logger,
  ) {}

  get defaultOaId(): string | undefined {
    return this.options.defaultOa?.oaId;
  }

  tokenManager(oaId: string): TokenManager {
    let manager = this.managers.get(oaId);
    if (!manager) {
      const defaultOa = this.options.defaultOa?.oaId === oaId ? this.options.defaultOa : undefined;
      manager = new TokenManager(
        this.prisma,
        {
          oaId,
          appId: this.options.appId,
          appSecret: this.options.appSecret,
          oauthBaseUrl: this.options.oauthBaseUrl,
          bootstrapRefreshToken: defaultOa?.refreshToken,
        },
        this.log.child({ oaId }),
      );
      this.managers.set(oaId, manager);
    }
    return manager;
  }

  client(oaId: string): OaClient {
    let client = this.clients.get(oaId);
    if (!client) {
      client = new OaClient(this.options.apiBaseUrl, this.tokenManager(oaId));
      this.clients.set(oaId, client);
    }
    return client;
  }

  /** The OA a commune speaks through: its own, else the deployment's default one. */
  async oaIdOf(communeId: string | null): Promise<string | null> {
    if (!communeId) return this.defaultOaId ?? null;
    const cached = this.communeOa.get(communeId);
    if (cached && Date.now() - cached.at < (this.options.cacheMs ?? 60_000)) return cached.oaId;
    const commune = await this.prisma.commune.findUnique({
      where: { id: communeId },
      select: { zaloOaId: true },
    });
    const oaId = commune?.zaloOaId ?? this.defaultOaId ?? null;
    this.communeOa.set(communeId, { oaId, at: Date.now() });
    return oaId;
  }

  /** The client of a commune's OA; a commune with no OA connected cannot send (permanent). */
  async clientFor(communeId: string | null): Promise<OaClient> {
    const oaId = await this.oaIdOf(communeId);
    if (!oaId) {
      throw new ZaloPermanentError(
        "no Zalo OA for this commune: set its OA id (cli commune create --oa-id) and connect it (cli commune connect-oa)",
        null,
        "accounts",
      );
    }
    return this.client(oaId);
  }

  /** Every OA known here: the default one and those with a token pair stored. */
  async oaIds(): Promise<string[]> {
    const rows = await this.prisma.oaToken.findMany({ select: { oaId: true } });
    return [...new Set([...(this.defaultOaId ? [this.defaultOaId] : []), ...rows.map((r) => r.oaId)])];
  }

  /** Refreshes every OA's token that is close to expiry; one OA failing does not stop the others. */
  async ensureAllFresh(): Promise<void> {
    for (const oaId of await this.oaIds()) {
      await this.tokenManager(oaId)
        .ensureFresh()
        .catch(() => undefined); // the token manager logs the failure itself
    }
  }

  async states(): Promise<OaTokenState[]> {
    const owners = await this.prisma.oaToken.findMany({ select: { oaId: true, communeId: true } });
    const communeOf = new Map(owners.map((o) => [o.oaId, o.communeId]));
    return Promise.all(
      (await this.oaIds()).map(async (oaId) => ({
        oaId,
        communeId: communeOf.get(oaId) ?? null,
        ...(await this.tokenManager(oaId).state()),
      })),
    );
  }
}
