import { redeemLinkCode, unlinkZaloUser } from "../../domain/officials/link-codes.js";
import type { Middleware } from "../composer.js";
import type { BotContext } from "../context.js";
import { parseOfficialIntent } from "../intents/parse-official-intent.js";
import { officialHelp, officialMenuButtons } from "../templates/officials.js";

const REFUSALS: Record<string, string> = {
  invalid: "Mã liên kết không đúng. Anh/chị kiểm tra lại mã do cán bộ quản trị cấp giúp em.",
  expired: "Mã liên kết đã hết hạn. Anh/chị xin cán bộ quản trị cấp mã mới.",
  used: "Mã liên kết này đã được dùng. Anh/chị xin cán bộ quản trị cấp mã mới.",
  revoked: "Mã liên kết này đã bị thu hồi. Anh/chị xin cán bộ quản trị cấp mã mới.",
  rate_limited: "Anh/chị đã nhập sai mã nhiều lần. Vui lòng thử lại sau 15 phút.",
  already_linked_other:
    "Tài khoản Zalo này đang liên kết với một cán bộ khác. Anh/chị nhắn “hủy liên kết” trước.",
};

/** "đăng ký 482913" binds this Zalo account to an official; "hủy liên kết" undoes it. Open to everyone. */
export const linking: Middleware<BotContext> = async (ctx, next) => {
  if (ctx.text === null) return next();
  const intent = parseOfficialIntent(ctx.text, ctx.now);
  if (intent.name === "link") {
    const result = await redeemLinkCode(ctx.prisma, {
      communeId: ctx.communeId,
      zaloUserId: ctx.sender.zaloUserId,
      code: intent.code,
      now: ctx.now,
      channel: "zalo",
    });
    if (!result.ok) {
      await ctx.reply(REFUSALS[result.reason] ?? REFUSALS.invalid!);
      return;
    }
    await ctx.reply(
      `Đã liên kết tài khoản Zalo với ${result.official.name} (${result.official.title}).\n\n${officialHelp(result.official.name)}`,
      officialMenuButtons,
    );
    return;
  }
  if (intent.name === "unlink" && ctx.sender.officialId) {
    const result = await unlinkZaloUser(ctx.prisma, {
      communeId: ctx.communeId,
      zaloUserId: ctx.sender.zaloUserId,
      channel: "zalo",
      now: ctx.now,
    });
    await ctx.reply(
      result.ok
        ? "Đã hủy liên kết. Tài khoản Zalo này không còn xem được việc của cán bộ."
        : "Tài khoản chưa liên kết.",
    );
    return;
  }
  return next();
};
