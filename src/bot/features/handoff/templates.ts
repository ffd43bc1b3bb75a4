// A citizen's question handed to the one-stop desk ("Hỏi cán bộ"), and the answer relayed back.

export function handoffQueued(code: string): string {
  return `Em đã chuyển câu hỏi đến cán bộ Bộ phận một cửa (mã ${code}). Cán bộ sẽ trả lời anh/chị qua Zalo này trong giờ làm việc.`;
}

export function handoffToDesk(code: string, question: string): string {
  return `Câu hỏi của người dân (mã ${code}) cần cán bộ trả lời:\n“${question.slice(0, 600)}”`;
}

export const handoffGroupNote =
  "Cán bộ Bộ phận một cửa đã liên kết Zalo sẽ nhận tin riêng kèm nút “Trả lời”.";

export function handoffAnswer(code: string, official: string, answer: string): string {
  return `Cán bộ ${official} trả lời câu hỏi ${code} của anh/chị:\n${answer}`;
}

export const askQuestionFirstText =
  "Anh/chị nhắn câu hỏi, em sẽ tìm trong danh mục thủ tục; nếu chưa có, em chuyển cho cán bộ trả lời.";

export function answerPrompt(code: string | null): string {
  return `Anh/chị nhắn câu trả lời cho người dân (mã ${code}); em sẽ chuyển nguyên văn.`;
}

export function alreadyAnswered(code: string | null): string {
  return `Câu hỏi ${code} đã có cán bộ trả lời.`;
}

export const answerCancelled = "Đã thôi trả lời. Câu hỏi vẫn chờ cán bộ khác.";
export const answerNotACommand =
  "Anh/chị đang trả lời câu hỏi của người dân: nhắn nội dung trả lời, hoặc “hủy” để thôi.";
export const answerRelayed = "Đã gửi câu trả lời cho người dân. Cảm ơn anh/chị!";
export const answeredByOther = "Câu hỏi này đã có cán bộ khác trả lời.";
