import axios, { type AxiosInstance, isAxiosError } from "axios";
import {
  errorForCode,
  ZaloError,
  ZaloPermanentError,
  ZaloRateLimitError,
  ZaloTokenError,
  ZaloTransientError,
} from "./errors.js";
import { type Button, MAX_BUTTON_TITLE, MAX_BUTTONS } from "../messaging/outgoing.js";
import { splitText, ZALO_TEXT_LIMIT } from "./split-text.js";

/** Where the client gets a valid access token, and how it asks for a new one. */
export interface AccessTokenSource {
  accessToken(): Promise<string>;
  /** Refreshes unless another caller already replaced `stale`; returns the valid token. */
  refreshAfterRejection(stale: string): Promise<string>;
}

export interface SentMessage {
  messageId: string | null;
}

export interface ZaloGroup {
  groupId: string;
  name: string;
  status: string | null;
  totalMember: number | null;
}

export interface UserProfile {
  userId: string;
  displayName: string | null;
  isFollower: boolean | null;
  avatar: string | null;
}

/**
 * For a text Zalo receives in several parts: parts already accepted are skipped, and each
 * newly accepted part is reported, so a retry after a failure never repeats a part.
 */
export interface PartProgress {
  skip: number;
  onPart: (partsSent: number) => Promise<void>;
}

const NO_PROGRESS: PartProgress = { skip: 0, onPart: async () => {} };

interface ZaloEnvelope<T> {
  error?: number;
  message?: string;
  data?: T;
}

/**
 * The OA OpenAPI, typed. Every call has a timeout; errors come back as the classes in
 * errors.ts; an invalid token is refreshed once and the call retried once.
 */
export class OaClient {
  private readonly http: AxiosInstance;

  constructor(
    baseUrl: string,
    private readonly tokens: AccessTokenSource,
    timeoutMs = 10_000,
  ) {
    this.http = axios.create({ baseURL: baseUrl, timeout: timeoutMs, validateStatus: () => true });
  }

  /** Sends text to a user, split over several messages when longer than Zalo's limit. */
  async sendText(
    userId: string,
    text: string,
    options: { quoteMessageId?: string } = {},
    progress: PartProgress = NO_PROGRESS,
  ): Promise<SentMessage> {
    return this.sendParts(splitText(text, ZALO_TEXT_LIMIT), progress, (chunk, i) => {
      const message: Record<string, unknown> = { text: chunk };
      if (i === 0 && options.quoteMessageId) message.quote_message_id = options.quoteMessageId;
      return this.sendCs(userId, message);
    });
  }

  private async sendParts(
    parts: string[],
    progress: PartProgress,
    send: (part: string, index: number, last: boolean) => Promise<SentMessage>,
  ): Promise<SentMessage> {
    let sent: SentMessage = { messageId: null };
    for (const [i, part] of parts.entries()) {
      if (i < progress.skip) continue;
      sent = await send(part, i, i === parts.length - 1);
      await progress.onPart(i + 1);
    }
    return sent;
  }

  /**
   * Text with up to five buttons (the v3 consultation message's template attachment).
   * A text longer than the limit is sent first, the buttons ride on its last part.
   */
  async sendButtons(
    userId: string,
    text: string,
    buttons: Button[],
    progress: PartProgress = NO_PROGRESS,
  ): Promise<SentMessage> {
    const attachment = {
      type: "template",
      payload: { buttons: buttons.slice(0, MAX_BUTTONS).map(toZaloButton) },
    };
    return this.sendParts(splitText(text, ZALO_TEXT_LIMIT), progress, (part, _i, last) =>
      this.sendCs(userId, last ? { text: part, attachment } : { text: part }),
    );
  }

  async sendImage(userId: string, imageUrl: string, caption?: string): Promise<SentMessage> {
    return this.sendCs(userId, {
      ...(caption ? { text: caption.slice(0, ZALO_TEXT_LIMIT) } : {}),
      attachment: {
        type: "template",
        payload: { template_type: "media", elements: [{ media_type: "image", url: imageUrl }] },
      },
    });
  }

  async sendGroupText(
    groupId: string,
    text: string,
    progress: PartProgress = NO_PROGRESS,
  ): Promise<SentMessage> {
    return this.sendParts(splitText(text, ZALO_TEXT_LIMIT), progress, async (chunk) => {
      const data = await this.call<{ message_id?: string }>("post", "/v3.0/oa/group/message", {
        body: { recipient: { group_id: groupId }, message: { text: chunk } },
      });
      return { messageId: data?.message_id ?? null };
    });
  }

  async listGroups(offset = 0, count = 50): Promise<{ groups: ZaloGroup[]; total: number }> {
    const data = await this.call<{ groups?: Record<string, unknown>[]; total?: number }>(
      "get",
      "/v3.0/oa/group/getgroupsofoa",
      { params: { offset, count } },
    );
    const groups = (data?.groups ?? []).map((g) => ({
      groupId: String(g.group_id ?? ""),
      name: String(g.name ?? ""),
      status: typeof g.status === "string" ? g.status : null,
      totalMember: typeof g.total_member === "number" ? g.total_member : null,
    }));
    return { groups, total: data?.total ?? groups.length };
  }

  async userProfile(userId: string): Promise<UserProfile> {
    const data = await this.call<Record<string, unknown>>("get", "/v3.0/oa/user/detail", {
      params: { data: JSON.stringify({ user_id: userId }) },
    });
    const avatars = data?.avatars as Record<string, string> | undefined;
    return {
      userId: String(data?.user_id ?? userId),
      displayName: typeof data?.display_name === "string" ? data.display_name : null,
      isFollower: typeof data?.user_is_follower === "boolean" ? data.user_is_follower : null,
      avatar: avatars?.["240"] ?? (typeof data?.avatar === "string" ? data.avatar : null),
    };
  }

  private async sendCs(userId: string, message: Record<string, unknown>): Promise<SentMessage> {
    const data = await this.call<{ message_id?: string }>("post", "/v3.0/oa/message/cs", {
      body: { recipient: { user_id: userId }, message },
    });
    return { messageId: data?.message_id ?? null };
  }

  private async call<T>(
    method: "get" | "post",
    path: string,
    request: { body?: unknown; params?: Record<string, unknown> },
  ): Promise<T | undefined> {
    const token = await this.tokens.accessToken();
    try {
      return await this.once<T>(method, path, request, token);
    } catch (error) {
      if (!(error instanceof ZaloTokenError)) throw error;
      // Refresh once and retry once; a second rejection is reported, never looped.
      const fresh = await this.tokens.refreshAfterRejection(token);
      return this.once<T>(method, path, request, fresh);
    }
  }

  private async once<T>(
    method: "get" | "post",
    path: string,
    request: { body?: unknown; params?: Record<string, unknown> },
    token: string,
  ): Promise<T | undefined> {
    let response: { status: number; data: unknown; headers: Record<string, unknown> };
    try {
      response = await this.http.request({
        method,
        url: path,
        data: request.body,
        params: request.params,
        headers: { access_token: token, "Content-Type": "application/json" },
      });
    } catch (error) {
      const reason = isAxiosError(error) ? (error.code ?? error.message) : String(error);
      throw new ZaloTransientError(`Zalo ${path}: ${reason}`, null, path);
    }
    if (response.status === 429) {
      throw new ZaloRateLimitError(
        `Zalo ${path}: HTTP 429`,
        null,
        path,
        retryAfterMs(response.headers["retry-after"]),
      );
    }
    if (response.status === 401) throw new ZaloTokenError(`Zalo ${path}: HTTP 401`, null, path);
    if (response.status >= 500)
      throw new ZaloTransientError(`Zalo ${path}: HTTP ${response.status}`, null, path);
    if (response.status >= 400)
      throw new ZaloPermanentError(`Zalo ${path}: HTTP ${response.status}`, null, path);
    const body = response.data as ZaloEnvelope<T> | undefined;
    if (typeof body !== "object" || body === null) {
      throw new ZaloTransientError(`Zalo ${path}: unexpected response`, null, path);
    }
    const code = Number(body.error ?? 0);
    if (code !== 0) throw errorForCode(code, body.message ?? "", path);
    return body.data;
  }
}

function toZaloButton(button: Button): Record<string, unknown> {
  const title = button.title.slice(0, MAX_BUTTON_TITLE);
  switch (button.kind) {
    case "query":
      return { title, type: button.hidden ? "oa.query.hide" : "oa.query.show", payload: button.payload };
    case "url":
      return { title, type: "oa.open.url", payload: { url: button.url } };
    case "phone":
      return { title, type: "oa.open.phone", payload: { phone_code: button.phone } };
  }
}

function retryAfterMs(header: unknown): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

export { ZaloError };
