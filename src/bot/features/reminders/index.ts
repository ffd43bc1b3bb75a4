import { reminderPreferences, setReminderPreferences } from "../../../domain/reminders/preferences.js";
import { Composer } from "../../composer.js";
import type { OfficialContext } from "../../context.js";
import type { IntentRecognizer } from "../../intents/intent.js";
import type { Feature } from "../feature.js";
import { acknowledged, preferencesText } from "./templates.js";

declare module "../../intents/intent.js" {
  interface FeatureIntents {
    reminders_off: object;
    reminders_on: object;
    /** "nhắc lúc 6h30" → "06:30"; null when the time is outside the morning. */
    reminder_time: { time: string | null };
    reminders_overdue_only: { on: boolean };
    reminder_settings: object;
  }
}

const NHAC = "(?:nhac(?: (?:viec|nho|han|nhiem vu))?|thong bao nhac(?: viec)?|tin nhac(?: viec)?)";
const OFF = new RegExp(
  `^(?:(?:toi|em|anh|chi) )?(?:tat|ngung|dung|huy|thoi|bo|khong (?:can|muon)(?: nhan)?)(?: (?:nhan|che do))? ${NHAC}(?: (?:nua|di|giup|cho|toi|em|a|nhe))*$`,
);
const ON = new RegExp(
  `^(?:(?:toi|em|anh|chi) )?(?:bat|mo)(?: lai)? ${NHAC}(?: (?:lai|nua|di|giup|cho|toi|em|a|nhe))*$`,
);
/** "nhắc lúc 6h30", "nhắc tôi vào 7 giờ sáng", "nhắc việc lúc 6 30". */
const TIME =
  /^(?:(?:toi|em|anh|chi) )?(?:doi )?(?:gio )?nhac(?: (?:viec|toi|em|minh|anh|chi))*(?: (?:vao|luc|gio))+ (\d{1,2})(?: (?:h|g|gio))?(?: (\d{1,2}|ruoi))?(?: (?:phut|sang|a|nhe))*$/;
const OVERDUE_ONLY =
  /^(?:(?:toi|em|anh|chi) )?chi (?:can )?nhac(?: (?:toi|em))?(?: (?:viec|nhiem vu|ho so|cac viec))?(?: (?:da|bi))? qua han(?: (?:thoi|nhe|a))*$/;
const EVERYTHING =
  /^(?:(?:toi|em|anh|chi) )?nhac (?:tat ca|het|day du|ca (?:viec )?sap (?:den|toi) han)(?: (?:viec|nhe|a))*$/;
const SETTINGS = /^(?:xem )?(?:cai dat|thiet lap|che do|gio) nhac(?: viec)?(?: (?:cua toi|the nao|ra sao))?$/;

/** The digest job looks every 5 minutes from 05:00 to 10:55 (jobs/morning-digest.ts). */
function morningTime(hour: number, minute: number): string | null {
  if (hour < 5 || hour > 10 || minute > 59 || (hour === 10 && minute > 55)) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

const recognize: IntentRecognizer = ({ text }) => {
  if (OFF.test(text)) return { name: "reminders_off" };
  if (ON.test(text)) return { name: "reminders_on" };
  const time = TIME.exec(text);
  if (time) {
    const minute = time[2] === "ruoi" ? 30 : Number(time[2] ?? 0);
    return { name: "reminder_time", time: morningTime(Number(time[1]), minute) };
  }
  if (OVERDUE_ONLY.test(text)) return { name: "reminders_overdue_only", on: true };
  if (EVERYTHING.test(text)) return { name: "reminders_overdue_only", on: false };
  if (SETTINGS.test(text)) return { name: "reminder_settings" };
  return undefined;
};

/** An official's own reminder settings, stored and honoured by every job. */
function settingsFeature(defaultTime: string): Feature {
  const change = async (ctx: OfficialContext, update: Parameters<typeof setReminderPreferences>[2]) => {
    const after = await setReminderPreferences(ctx.prisma, ctx.official.actor.officialId, update, {
      actor: { officialId: ctx.official.actor.officialId },
      channel: "zalo",
    });
    await ctx.reply(preferencesText(after, defaultTime));
  };
  const officials = new Composer<OfficialContext>()
    .intent("reminders_off", (ctx) => change(ctx, { remindersOn: false }))
    .intent("reminders_on", (ctx) => change(ctx, { remindersOn: true }))
    .intent("reminder_time", async (ctx) => {
      const time = ctx.intent.time;
      if (!time)
        return ctx.reply(
          "Tin nhắc buổi sáng gửi trong khoảng 5 giờ đến 10 giờ 55. Anh/chị chọn giờ trong khoảng đó, ví dụ: “nhắc lúc 6h30”.",
        );
      await change(ctx, { digestTime: time, remindersOn: true });
    })
    // "chỉ nhắc việc quá hạn", "nhắc tất cả" ask to be reminded, as "nhắc lúc 6h30" does:
    // after a "tắt nhắc" they turn reminders back on rather than set a filter nobody gets.
    .intent("reminders_overdue_only", (ctx) => change(ctx, { overdueOnly: ctx.intent.on, remindersOn: true }))
    .intent("reminder_settings", async (ctx) =>
      ctx.reply(
        preferencesText(await reminderPreferences(ctx.prisma, ctx.official.actor.officialId), defaultTime),
      ),
    )
    // "Đã nhận" under a reminder: pressing it is what keeps Zalo's 7-day window open.
    .callback("ack", (ctx) => ctx.reply(acknowledged));
  return { name: "reminders", recognizers: [recognize], officials };
}

export { settingsFeature as reminders };
