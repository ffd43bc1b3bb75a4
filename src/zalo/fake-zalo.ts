import { randomBytes } from "node:crypto";
import express, { type Request, type Response, Router } from "express";

/** A message as Zalo would have received it from an OA. */
export interface FakeZaloMessage {
  seq: number;
  /** The OA whose access token sent it. */
  oaId: string;
  messageId: string;
  at: string;
  recipient: { type: "user" | "group"; id: string };
  text: string;
  buttons: { title: string; type: string; payload: unknown }[];
  imageUrl: string | null;
}

export interface FakeZaloOptions {
  appId: string;
  appSecret: string;
  /** Groups the fake OA owns (the first OA's, when there are several). */
  groups: { groupId: string; name: string }[];
  /** The OAs linked to the app; default one, "sandbox-oa", owning `groups`. */
  oas?: { oaId: string; groups?: { groupId: string; name: string }[] }[];
  profiles?: (userId: string) => { displayName: string } | undefined;
  /** How many messages to keep in memory. */
  keep?: number;
}

/**
 * A stand-in for Zalo's OA OpenAPI and OAuth endpoints, speaking their wire format, for
 * one app linked to one OA or several (each with its own rotating token pair and groups).
 * The sandbox mounts it so the whole production path (outbox → OA client → HTTP →
 * "Zalo", token manager → OAuth) runs locally; tests and staging can point
 * ZALO_API_BASE_URL and ZALO_OAUTH_BASE_URL at it too.
 */
export class FakeZalo {
  readonly messages: FakeZaloMessage[] = [];
  private seq = 0;
  private readonly accounts: {
    oaId: string;
    accessToken: string;
    refreshToken: string;
    groups: { groupId: string; name: string }[];
  }[];

  constructor(private readonly options: FakeZaloOptions) {
    const oas = options.oas ?? [{ oaId: "sandbox-oa" }];
    this.accounts = oas.map((oa, i) => ({
      oaId: oa.oaId,
      accessToken: token(),
      refreshToken: i === 0 && !options.oas ? "sandbox-refresh-token" : `refresh-${oa.oaId}-${token()}`,
      groups: oa.groups ?? (i === 0 ? options.groups : []),
    }));
  }

  /** The refresh token a client should start from (the first OA's). */
  get bootstrapRefreshToken(): string {
    return this.accounts[0]!.refreshToken;
  }

  /** The refresh token an OA admin's consent would hand over for this OA. */
  refreshTokenOf(oaId: string): string {
    const account = this.accounts.find((a) => a.oaId === oaId);
    if (!account) throw new Error(`fake Zalo has no OA ${oaId}`);
    return account.refreshToken;
  }

  since(seq: number, recipient?: { type: "user" | "group"; id: string }): FakeZaloMessage[] {
    return this.messages.filter(
      (m) =>
        m.seq > seq &&
        (!recipient || (m.recipient.type === recipient.type && m.recipient.id === recipient.id)),
    );
  }

  router(): Router {
    const router = Router();
    router.use(express.json({ limit: "1mb" }));
    router.use(express.urlencoded({ extended: false }));

    router.post("/oauth/v4/oa/access_token", (req: Request, res: Response) => {
      const body = req.body as Record<string, string>;
      if (req.get("secret_key") !== this.options.appSecret || body.app_id !== this.options.appId) {
        return res.json({
          error: -14004,
          error_name: "invalid_secret",
          error_description: "secret key is invalid",
        });
      }
      // Refresh tokens are single-use: the OA is the one whose current token this is.
      const account = this.accounts.find((a) => a.refreshToken === body.refresh_token);
      if (body.grant_type !== "refresh_token" || !account) {
        return res.json({
          error: -14020,
          error_name: "invalid_grant",
          error_description: "refresh token is invalid",
        });
      }
      account.accessToken = token();
      account.refreshToken = token();
      res.json({
        access_token: account.accessToken,
        refresh_token: account.refreshToken,
        expires_in: "90000",
      });
    });

    /** The OA whose access token the request carries, or an error answer. */
    const authorised = (req: Request, res: Response) => {
      const account = this.accounts.find((a) => a.accessToken === req.get("access_token"));
      if (account) return account;
      res.json({ error: -216, message: "Access token is invalid" });
      return null;
    };

    router.post("/v3.0/oa/message/cs", (req, res) => {
      const account = authorised(req, res);
      if (!account) return;
      const { recipient, message } = req.body as {
        recipient?: { user_id?: string };
        message?: {
          text?: string;
          attachment?: { payload?: { buttons?: FakeZaloMessage["buttons"]; elements?: { url?: string }[] } };
        };
      };
      if (!recipient?.user_id) return res.json({ error: -201, message: "user_id is invalid" });
      if ((message?.text ?? "").length > 2000) return res.json({ error: -201, message: "text is too long" });
      const m = this.record(account.oaId, { type: "user", id: recipient.user_id }, message ?? {});
      res.json({
        error: 0,
        message: "Success",
        data: { message_id: m.messageId, user_id: recipient.user_id },
      });
    });

    router.post("/v3.0/oa/group/message", (req, res) => {
      const account = authorised(req, res);
      if (!account) return;
      const { recipient, message } = req.body as {
        recipient?: { group_id?: string };
        message?: { text?: string };
      };
      const group = account.groups.find((g) => g.groupId === recipient?.group_id);
      if (!group) return res.json({ error: -403, message: "OA is not in group" });
      const m = this.record(account.oaId, { type: "group", id: group.groupId }, message ?? {});
      res.json({ error: 0, message: "Success", data: { message_id: m.messageId, group_id: group.groupId } });
    });

    router.get("/v3.0/oa/group/getgroupsofoa", (req, res) => {
      const account = authorised(req, res);
      if (!account) return;
      const groups = account.groups.map((g) => ({
        group_id: g.groupId,
        name: g.name,
        status: "enabled",
        total_member: 5,
      }));
      res.json({ error: 0, message: "Success", data: { groups, total: groups.length } });
    });

    router.get("/v3.0/oa/user/detail", (req, res) => {
      if (!authorised(req, res)) return;
      let userId: string;
      try {
        userId = String((JSON.parse(String(req.query.data ?? "{}")) as { user_id?: string }).user_id ?? "");
      } catch {
        return res.json({ error: -201, message: "data is invalid" });
      }
      const profile = this.options.profiles?.(userId);
      res.json({
        error: 0,
        message: "Success",
        data: {
          user_id: userId,
          display_name: profile?.displayName ?? "Người dùng Zalo",
          user_is_follower: true,
        },
      });
    });
    return router;
  }

  private record(
    oaId: string,
    recipient: FakeZaloMessage["recipient"],
    message: {
      text?: string;
      attachment?: { payload?: { buttons?: FakeZaloMessage["buttons"]; elements?: { url?: string }[] } };
    },
  ): FakeZaloMessage {
    const m: FakeZaloMessage = {
      seq: ++this.seq,
      oaId,
      messageId: randomBytes(10).toString("hex"),
      at: new Date().toISOString(),
      recipient,
      text: message.text ?? "",
      buttons: message.attachment?.payload?.buttons ?? [],
      imageUrl: message.attachment?.payload?.elements?.[0]?.url ?? null,
    };
    this.messages.push(m);
    const keep = this.options.keep ?? 2000;
    if (this.messages.length > keep) this.messages.splice(0, this.messages.length - keep);
    return m;
  }
}

function token(): string {
  return randomBytes(24).toString("base64url");
}
