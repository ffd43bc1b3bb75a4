// Citizens' ratings of an answer, complaints and suggestions (phản ánh, kiến nghị: PAKN).

export const askPakn =
  "Anh/chị nhắn nội dung phản ánh hoặc kiến nghị trong tin tiếp theo. Em sẽ chuyển đến UBND và gửi lại mã theo dõi.";

export function paknReceived(code: string): string {
  return `Đã tiếp nhận phản ánh, kiến nghị của anh/chị. Mã theo dõi: ${code}. UBND sẽ xem xét và trả lời trong thời gian sớm nhất.`;
}

export const feedbackThanks = "Cảm ơn anh/chị đã đánh giá! Ý kiến này giúp UBND cải thiện câu trả lời.";
export const feedbackSorry =
  "Xin lỗi anh/chị vì câu trả lời chưa đúng. Anh/chị bấm “Hỏi cán bộ” để cán bộ hỗ trợ trực tiếp.";
