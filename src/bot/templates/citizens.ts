import { type Button, MAX_BUTTON_TITLE } from "../../zalo/oa-client.js";
import type { CommuneContact } from "./procedure-answer.js";
import { clip } from "./text.js";

// What citizens read outside a procedure answer: small talk, choices, declines, handoff.

export function contactLines(c: CommuneContact): string {
  return [
    c.hotline ? `Đường dây nóng: ${c.hotline}` : null,
    c.officeHours ? `Giờ làm việc: ${c.officeHours}` : null,
    c.address ? `Địa chỉ: ${c.address}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

export const citizenMenuButtons: Button[] = [
  { kind: "query", title: "Hỏi thủ tục", payload: "#menu:procedures", hidden: true },
  { kind: "query", title: "Tra cứu hồ sơ", payload: "#menu:dossier", hidden: true },
  { kind: "query", title: "Phản ánh, kiến nghị", payload: "#menu:pakn", hidden: true },
  { kind: "query", title: "Hỏi cán bộ", payload: "#menu:handoff", hidden: true },
];

export function greetingReply(communeName: string): string {
  return `Dạ, em chào anh/chị! Em là trợ lý tự động của ${communeName}. Anh/chị cứ nhắn câu hỏi về thủ tục hành chính, ví dụ: “làm giấy khai sinh cần gì”, “đăng ký kết hôn mất bao lâu”.`;
}

export const thanksReply = "Dạ, không có gì ạ. Anh/chị cần hỏi thêm cứ nhắn em nhé!";

export const askProcedureHint =
  "Anh/chị nhắn tên thủ tục hoặc việc cần làm, ví dụ: “làm giấy khai sinh cho con”, “xác nhận tình trạng hôn nhân”, “chứng thực bản sao”.";

export const askReceiptCode =
  "Anh/chị gửi mã số trên giấy biên nhận hồ sơ (ví dụ 000.00.21.H45-261117-0001) để em tra cứu tình trạng.";

export const askPakn =
  "Anh/chị nhắn nội dung phản ánh hoặc kiến nghị trong tin tiếp theo. Em sẽ chuyển đến UBND và gửi lại mã theo dõi.";

export function paknReceived(code: string): string {
  return `Đã tiếp nhận phản ánh, kiến nghị của anh/chị. Mã theo dõi: ${code}. UBND sẽ xem xét và trả lời trong thời gian sớm nhất.`;
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

export function handoffQueued(code: string): string {
  return `Em đã chuyển câu hỏi đến cán bộ Bộ phận một cửa (mã ${code}). Cán bộ sẽ trả lời anh/chị qua Zalo này trong giờ làm việc.`;
}

export function handoffToDesk(code: string, question: string): string {
  return `Câu hỏi của người dân (mã ${code}) cần cán bộ trả lời:\n“${question.slice(0, 600)}”`;
}

export function handoffAnswer(code: string, official: string, answer: string): string {
  return `Cán bộ ${official} trả lời câu hỏi ${code} của anh/chị:\n${answer}`;
}

export const feedbackThanks = "Cảm ơn anh/chị đã đánh giá! Ý kiến này giúp UBND cải thiện câu trả lời.";
export const feedbackSorry =
  "Xin lỗi anh/chị vì câu trả lời chưa đúng. Anh/chị bấm “Hỏi cán bộ” để cán bộ hỗ trợ trực tiếp.";
