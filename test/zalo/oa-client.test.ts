import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ZaloPermanentError,
  ZaloRateLimitError,
  ZaloTokenError,
  ZaloTransientError,
  ZaloUnreachableError,
} from "../../src/zalo/errors.js";
import { type AccessTokenSource, OaClient } from "../../src/zalo/oa-client.js";

const API = "https://zalo.test";

/** A token source that hands out "t1", then "t2" after a refresh, and counts refreshes. */
function tokens(): AccessTokenSource & { refreshes: number } {
  let current = "t1";
  return {
    refreshes: 0,
    async accessToken() {
      return current;
    },
    async refreshAfterRejection() {
      this.refreshes += 1;
      current = `t${this.refreshes + 1}`;
      return current;
    },
  };
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("OaClient", () => {
  it("sends a consultation text with the access_token header and returns Zalo's message id", async () => {
    nock(API, { reqheaders: { access_token: "t1" } })
      .post("/v3.0/oa/message/cs", {
        recipient: { user_id: "5510185758261927916" },
        message: { text: "Xin chào" },
      })
      .reply(200, { error: 0, message: "Success", data: { message_id: "m1" } });
    const sent = await new OaClient(API, tokens()).sendText("5510185758261927916", "Xin chào");
    expect(sent).toEqual({ messageId: "m1" });
  });

  it("splits a text longer than 2,000 characters into several messages", async () => {
    const bodies: string[] = [];
    nock(API)
      .post("/v3.0/oa/message/cs", (b) => bodies.push(b.message.text) > 0)
      .times(2)
      .reply(200, { error: 0, data: { message_id: "m" } });
    const paragraph = `${"Hồ sơ gồm tờ khai và giấy tờ tùy thân. ".repeat(30)}\n`;
    await new OaClient(API, tokens()).sendText("u", paragraph.repeat(2));
    expect(bodies).toHaveLength(2);
    expect(bodies.every((t) => t.length <= 2000)).toBe(true);
  });

  it("sends buttons as a template attachment, at most five, titles cut to 20 characters", async () => {
    let sent:
      { message: { attachment: { payload: { buttons: { title: string; type: string }[] } } } } | undefined;
    nock(API)
      .post("/v3.0/oa/message/cs", (b) => {
        sent = b;
        return true;
      })
      .reply(200, { error: 0, data: { message_id: "m" } });
    const buttons = Array.from({ length: 7 }, (_, i) => ({
      kind: "query" as const,
      title: `Lựa chọn thật là dài số ${i}`,
      payload: `#${i}`,
    }));
    await new OaClient(API, tokens()).sendButtons("u", "Chọn một", buttons);
    const out = sent!.message.attachment.payload.buttons;
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({ title: "Lựa chọn thật là dài", type: "oa.query.show", payload: "#0" });
  });

  it("refreshes once and retries once when the token is rejected (-216)", async () => {
    const source = tokens();
    nock(API, { reqheaders: { access_token: "t1" } })
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: -216, message: "Access token is invalid" });
    nock(API, { reqheaders: { access_token: "t2" } })
      .post("/v3.0/oa/message/cs")
      .reply(200, { error: 0, data: { message_id: "m2" } });
    expect(await new OaClient(API, source).sendText("u", "hi")).toEqual({ messageId: "m2" });
    expect(source.refreshes).toBe(1);
  });

  it("does not loop when the refreshed token is rejected too", async () => {
    const source = tokens();
    nock(API).post("/v3.0/oa/message/cs").times(2).reply(200, { error: -220, message: "expired" });
    await expect(new OaClient(API, source).sendText("u", "hi")).rejects.toBeInstanceOf(ZaloTokenError);
    expect(source.refreshes).toBe(1);
  });

  it.each([
    [-230, ZaloUnreachableError],
    [-232, ZaloUnreachableError],
    [-213, ZaloUnreachableError],
    [-32, ZaloRateLimitError],
    [-201, ZaloPermanentError],
  ])("maps error %i (HTTP 200) to %o", async (code, type) => {
    nock(API).post("/v3.0/oa/message/cs").reply(200, { error: code, message: "x" });
    await expect(new OaClient(API, tokens()).sendText("u", "hi")).rejects.toBeInstanceOf(type);
  });

  it("treats HTTP 429 as a rate limit with Retry-After, and 5xx and timeouts as transient", async () => {
    nock(API).post("/v3.0/oa/message/cs").reply(429, "", { "Retry-After": "7" });
    const limited = await new OaClient(API, tokens()).sendText("u", "hi").catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ZaloRateLimitError);
    expect((limited as ZaloRateLimitError).retryAfterMs).toBe(7000);

    nock(API).post("/v3.0/oa/message/cs").reply(502, "bad gateway");
    await expect(new OaClient(API, tokens()).sendText("u", "hi")).rejects.toBeInstanceOf(ZaloTransientError);

    nock(API).post("/v3.0/oa/message/cs").delay(500).reply(200, { error: 0 });
    await expect(new OaClient(API, tokens(), 50).sendText("u", "hi")).rejects.toBeInstanceOf(
      ZaloTransientError,
    );
  });

  it("posts to a group, lists groups and reads a user profile", async () => {
    nock(API)
      .post("/v3.0/oa/group/message", { recipient: { group_id: "g1" }, message: { text: "Nhắc việc" } })
      .reply(200, { error: 0, data: { message_id: "gm1", group_id: "g1" } })
      .get("/v3.0/oa/group/getgroupsofoa")
      .query({ offset: 0, count: 50 })
      .reply(200, {
        error: 0,
        data: { groups: [{ group_id: "g1", name: "Một cửa", status: "enabled", total_member: 6 }], total: 1 },
      })
      .get("/v3.0/oa/user/detail")
      .query({ data: JSON.stringify({ user_id: "u1" }) })
      .reply(200, {
        error: 0,
        data: { user_id: "u1", display_name: "Lan", user_is_follower: true, avatars: { "240": "a.png" } },
      });
    const client = new OaClient(API, tokens());
    expect(await client.sendGroupText("g1", "Nhắc việc")).toEqual({ messageId: "gm1" });
    expect(await client.listGroups()).toEqual({
      groups: [{ groupId: "g1", name: "Một cửa", status: "enabled", totalMember: 6 }],
      total: 1,
    });
    expect(await client.userProfile("u1")).toEqual({
      userId: "u1",
      displayName: "Lan",
      isFollower: true,
      avatar: "a.png",
    });
  });
});
