import { MAX_BUTTON_TITLE } from "../../../messaging/outgoing.js";
import { clip } from "../../templates/text.js";
import type { CommuneContact } from "./procedure-answer.js";

// What citizens read around a procedure answer: choices, declines, the office's contacts.

export function contactLines(c: CommuneContact): string {
  return [
    c.hotline ? `Đường dây nóng: ${c.hotline}` : null,
    c.officeHours ? `Giờ làm việc: ${c.officeHours}` : null,
    c.address ? `Địa chỉ: ${c.address}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

export function contactReply(communeName: string, contact: CommuneContact): string {
  const lines = contactLines(contact);
  const handoff = "Anh/chị cũng có thể bấm “Hỏi cán bộ” để em chuyển câu hỏi đến Bộ phận một cửa.";
  return lines
    ? `Thông tin liên hệ ${communeName}:\n${lines}\n\n${handoff}`
    : `Em chưa có số điện thoại và giờ làm việc của ${communeName}. ${handoff}`;
}

/** A procedure's name as a button title: without "Thủ tục", clipped. */
export function procedureButtonTitle(name: string): string {
  return clip(withoutThuTuc(name), MAX_BUTTON_TITLE);
}

/** "Thủ tục đăng ký kết hôn" → "Đăng ký kết hôn". */
function withoutThuTuc(name: string): string {
  const rest = name.replace(/^Thủ tục\s+/i, "");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * Numbered titles for a choice among procedures that tell them apart within 20 characters:
 * variants of one procedure ("Đăng ký khai sinh", "… có yếu tố nước ngoài", "… lưu động")
 * would all clip to the same words, so after the words a name shares with its closest
 * sibling among the options only the rest is shown.
 */
export function choiceTitles(names: readonly string[]): string[] {
  const words = names.map((n) => withoutThuTuc(n).split(/\s+/));
  const sharedPrefix = (a: string[], b: string[]) => {
    let k = 0;
    while (k < a.length && k < b.length && a[k]!.toLowerCase() === b[k]!.toLowerCase()) k++;
    return k;
  };
  return words.map((w, i) => {
    const shared = Math.max(0, ...words.map((other, j) => (j === i ? 0 : sharedPrefix(w, other))));
    const rest = w.slice(shared).join(" ").replace("có yếu tố nước ngoài", "nước ngoài");
    const label = shared === 0 || rest === "" ? w.join(" ") : `…${rest}`;
    return clip(`${i + 1}. ${label}`, MAX_BUTTON_TITLE);
  });
}

export function chooseProcedure(names: { code: string; name: string }[]): string {
  const lines = names.map(
    (p, i) => `${i + 1}. ${p.name.length > 110 ? `${p.name.slice(0, 109).trimEnd()}…` : p.name}`,
  );
  return `Anh/chị hỏi về thủ tục nào ạ?\n${lines.join("\n")}`;
}

export function declined(
  contact: CommuneContact,
  closest: { name: string }[],
  referral: string | null,
): string {
  const lead = referral
    ? `Việc này không thuộc danh mục thủ tục của UBND xã; anh/chị liên hệ ${referral}.`
    : "Em chưa tìm thấy thủ tục phù hợp trong danh mục thủ tục hành chính đã công bố, nên không dám trả lời đoán.";
  const near =
    closest.length > 0 ? `\nCó thể anh/chị muốn hỏi:\n${closest.map((c) => `• ${c.name}`).join("\n")}` : "";
  const contacts = contactLines(contact);
  return `${lead}${near}\n\nAnh/chị có thể bấm “Hỏi cán bộ” để chuyển câu hỏi đến Bộ phận một cửa${contacts ? `, hoặc liên hệ:\n${contacts}` : "."}`;
}

/** "Nếu có yếu tố nước ngoài, chọn “Có yếu tố nước ngoài”." — one line per sibling offered. */
export function siblingLines(options: ReadonlyArray<{ label: string; when: string }>): string | null {
  if (options.length === 0) return null;
  return options.map((o) => `Nếu ${o.when || o.label.toLowerCase()}, chọn “${o.label}”.`).join("\n");
}

/**
 * A topic the catalogue does not hold: one line naming who handles it; a personal
 * dispute, the reception hours and the handoff; something the commune handles without a
 * published procedure, the desk and the handoff.
 */
export function referralReply(
  topic: { topic: string; referral: string | null; kind: string },
  contact: CommuneContact,
): string {
  const hours = contact.officeHours ? ` (giờ làm việc: ${contact.officeHours})` : "";
  switch (topic.kind) {
    case "dispute":
      return `Việc tranh chấp, mâu thuẫn giữa cá nhân không phải thủ tục hành chính. Anh/chị đến gặp cán bộ tiếp công dân của ${contact.name}${hours} để được hướng dẫn hòa giải, hoặc bấm “Hỏi cán bộ”.`;
    case "commune_desk":
      return `Việc ${topic.topic} do ${topic.referral ?? `Bộ phận một cửa ${contact.name}`} tiếp nhận${hours}. Danh mục thủ tục em có chưa đăng thủ tục này; anh/chị bấm “Hỏi cán bộ” để được hướng dẫn.`;
    default:
      return topic.referral
        ? `Việc ${topic.topic} không làm tại UBND xã; anh/chị liên hệ ${topic.referral}.`
        : `Việc ${topic.topic} không có trong danh mục thủ tục của UBND xã; anh/chị bấm “Hỏi cán bộ” để được hướng dẫn.`;
  }
}

export const askProcedureHint =
  "Anh/chị nhắn tên thủ tục hoặc việc cần làm, ví dụ: “làm giấy khai sinh cho con”, “xác nhận tình trạng hôn nhân”, “chứng thực bản sao”.";

export const procedureWithdrawn =
  "Thủ tục này không còn trong danh mục đang áp dụng. Anh/chị hỏi lại giúp em.";
