/**
 * Realistic messages of commune officials and the intent each should produce.
 *
 * `NOW` is Wednesday 18/11/2026, 10:00 in Vietnam, so: today 2026-11-18, this week
 * 16–22/11, next week 23–29/11, this month November, this quarter IV.
 *
 * Only the slots given in `intent` are compared (a `range` may give just from/to).
 * Rows marked `hard` are known to be difficult; they stay in the table on purpose.
 */
import type { Intent, IntentName } from "../../../src/bot/intents/intent.js";

export const NOW = new Date("2026-11-18T03:00:00Z");

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type ExpectedIntent = DeepPartial<Intent> & { name: IntentName };

export interface Utterance {
  text: string;
  intent: ExpectedIntent;
  /** Why this row is hard (ambiguous, needs world knowledge…). */
  hard?: string;
}

const today = { from: "2026-11-18", to: "2026-11-18" };
const tomorrow = { from: "2026-11-19", to: "2026-11-19" };
const thisWeek = { from: "2026-11-16", to: "2026-11-22" };
const nextWeek = { from: "2026-11-23", to: "2026-11-29" };
const thisMonth = { from: "2026-11-01", to: "2026-11-30" };
const q3 = { from: "2026-07-01", to: "2026-09-30" };
const q4 = { from: "2026-10-01", to: "2026-12-31" };
const nv12 = { kind: "code", code: "NV12" } as const;

export const UTTERANCES: Utterance[] = [
  // --- help
  { text: "menu", intent: { name: "help" } },
  { text: "Menu", intent: { name: "help" } },
  { text: "hướng dẫn", intent: { name: "help" } },
  { text: "huong dan su dung", intent: { name: "help" } },
  { text: "giúp", intent: { name: "help" } },
  { text: "trợ giúp", intent: { name: "help" } },
  { text: "help", intent: { name: "help" } },
  { text: "?", intent: { name: "help" } },
  { text: "em làm được gì?", intent: { name: "help" } },
  { text: "bot lam dc j vay", intent: { name: "help" } },
  { text: "cho anh xem hướng dẫn với", intent: { name: "help" } },
  { text: "có những chức năng gì", intent: { name: "help" } },
  { text: "HDSD", intent: { name: "help" } },
  { text: "giúp em với", intent: { name: "help" } },

  // --- greeting
  { text: "chào em", intent: { name: "greeting" } },
  { text: "Xin chào", intent: { name: "greeting" } },
  { text: "hi", intent: { name: "greeting" } },
  { text: "alo", intent: { name: "greeting" } },
  { text: "Alo em ơi", intent: { name: "greeting" } },
  { text: "chao bot", intent: { name: "greeting" } },
  { text: "hello", intent: { name: "greeting" } },
  { text: "chào buổi sáng", intent: { name: "greeting" } },
  { text: "a lô", intent: { name: "greeting" } },
  { text: "xin chao tro ly", intent: { name: "greeting" } },

  // --- thanks
  { text: "cảm ơn em", intent: { name: "thanks" } },
  { text: "cam on", intent: { name: "thanks" } },
  { text: "thanks", intent: { name: "thanks" } },
  { text: "tks em", intent: { name: "thanks" } },
  { text: "ok cảm ơn em", intent: { name: "thanks" } },
  { text: "oki, cảm ơn nhé", intent: { name: "thanks" } },
  { text: "Cám ơn nhiều ạ", intent: { name: "thanks" } },
  { text: "thank you", intent: { name: "thanks" } },
  { text: "ok", intent: { name: "thanks" } },
  { text: "camon e", intent: { name: "thanks" } },
  { text: "dạ vâng ạ", intent: { name: "thanks" } },

  // --- link
  { text: "đăng ký 482913", intent: { name: "link", code: "482913" } },
  { text: "dang ky 482913", intent: { name: "link", code: "482913" } },
  { text: "dk 482913", intent: { name: "link", code: "482913" } },
  { text: "DK482913", intent: { name: "link", code: "482913" } },
  { text: "liên kết 482913", intent: { name: "link", code: "482913" } },
  { text: "Đăng kí 482913", intent: { name: "link", code: "482913" } },
  { text: "mã đăng ký của tôi là 482913", intent: { name: "link", code: "482913" } },
  { text: "dk 4829", intent: { name: "link", code: "4829" } },
  { text: "  đăng ký   48291357 ", intent: { name: "link", code: "48291357" } },
  { text: "lien ket ma 052761", intent: { name: "link", code: "052761" } },
  { text: "482913", intent: { name: "link", code: "482913" } },
  { text: "đăng ký 48 29 13", intent: { name: "link", code: "482913" }, hard: "code typed with spaces" },

  // --- unlink
  { text: "hủy liên kết", intent: { name: "unlink" } },
  { text: "huy dang ky", intent: { name: "unlink" } },
  { text: "ngắt liên kết", intent: { name: "unlink" } },
  { text: "Hủy đăng ký tài khoản", intent: { name: "unlink" } },
  { text: "bỏ liên kết giúp anh", intent: { name: "unlink" } },
  { text: "huỷ liên kết zalo này", intent: { name: "unlink" } },

  // --- my_tasks
  { text: "việc của tôi", intent: { name: "my_tasks" } },
  { text: "viec cua toi", intent: { name: "my_tasks" } },
  { text: "nv của tôi", intent: { name: "my_tasks" } },
  { text: "nhiệm vụ của em", intent: { name: "my_tasks" } },
  { text: "tôi có việc gì", intent: { name: "my_tasks" } },
  { text: "ds nhiệm vụ", intent: { name: "my_tasks" } },
  { text: "danh sách nhiệm vụ của anh", intent: { name: "my_tasks" } },
  { text: "em có nv j ko", intent: { name: "my_tasks" } },
  { text: "việc được giao", intent: { name: "my_tasks" } },
  { text: "Cho anh xem việc của anh với", intent: { name: "my_tasks" } },
  { text: "toi dang co nhung viec gi", intent: { name: "my_tasks" } },
  { text: "nhiệm vụ của mình", intent: { name: "my_tasks" } },
  { text: "cv của e", intent: { name: "my_tasks" } },
  { text: "nhiệm vụ", intent: { name: "my_tasks" } },
  { text: "việc anh đang làm", intent: { name: "my_tasks" } },
  { text: "viêc cua tôi", intent: { name: "my_tasks" } },

  // --- tasks_due
  { text: "việc tuần này", intent: { name: "tasks_due", range: { ...thisWeek, label: "tuần này" } } },
  { text: "nv đến hạn tuần sau", intent: { name: "tasks_due", range: { ...nextWeek, label: "tuần sau" } } },
  {
    text: "việc trong tháng này",
    intent: { name: "tasks_due", range: { ...thisMonth, label: "tháng này" } },
  },
  {
    text: "việc hạn 30/6",
    intent: { name: "tasks_due", range: { from: "2026-06-30", to: "2026-06-30", label: "30/6" } },
  },
  {
    text: "việc đến hạn trước 15/12",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-12-14" } },
  },
  { text: "hạn trong quý 3", intent: { name: "tasks_due", range: { ...q3, label: "quý III/2026" } } },
  { text: "việc cuối tháng", intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-30" } } },
  { text: "việc hôm nay", intent: { name: "tasks_due", range: { ...today, label: "hôm nay" } } },
  { text: "việc ngày mai", intent: { name: "tasks_due", range: tomorrow } },
  { text: "việc thứ sáu", intent: { name: "tasks_due", range: { from: "2026-11-20", to: "2026-11-20" } } },
  { text: "việc thứ 4", intent: { name: "tasks_due", range: today } },
  { text: "ngày 5 tháng 12", intent: { name: "tasks_due", range: { from: "2026-12-05", to: "2026-12-05" } } },
  { text: "30/6", intent: { name: "tasks_due", range: { from: "2026-06-30", to: "2026-06-30" } } },
  { text: "quý 3", intent: { name: "tasks_due", range: q3 } },
  { text: "quý III", intent: { name: "tasks_due", range: q3 } },
  { text: "Q3", intent: { name: "tasks_due", range: q3 } },
  { text: "tháng 7", intent: { name: "tasks_due", range: { from: "2026-07-01", to: "2026-07-31" } } },
  { text: "tháng sau", intent: { name: "tasks_due", range: { from: "2026-12-01", to: "2026-12-31" } } },
  { text: "tuần này", intent: { name: "tasks_due", range: thisWeek } },
  { text: "Tuần sau", intent: { name: "tasks_due", range: nextWeek } },
  { text: "7 ngày tới", intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-25" } } },
  { text: "cuối năm", intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-12-31" } } },
  { text: "viec tuan nay", intent: { name: "tasks_due", range: thisWeek } },
  { text: "nhiem vu den han tuan sau a", intent: { name: "tasks_due", range: nextWeek } },
  { text: "việc đến hạn trong tuần này nhé", intent: { name: "tasks_due", range: thisWeek } },
  { text: "Việc hạn 25/11", intent: { name: "tasks_due", range: { from: "2026-11-25", to: "2026-11-25" } } },
  { text: "hôm nay có việc gì không em", intent: { name: "tasks_due", range: today } },
  { text: "hnay co viec j k", intent: { name: "tasks_due", range: today } },
  { text: "mai có nv nào đến hạn ko", intent: { name: "tasks_due", range: tomorrow } },
  {
    text: "việc sắp đến hạn",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-25" } },
  },
  {
    text: "việc thứ 6 tuần sau",
    intent: { name: "tasks_due", range: { from: "2026-11-27", to: "2026-11-27" } },
  },
  {
    text: "việc tháng 12/2026",
    intent: { name: "tasks_due", range: { from: "2026-12-01", to: "2026-12-31" } },
  },
  { text: "nhiệm vụ quý 4", intent: { name: "tasks_due", range: q4 } },
  { text: "viec quy IV nam 2026", intent: { name: "tasks_due", range: { ...q4, label: "quý IV/2026" } } },
  {
    text: "nv hạn từ 1/12 đến 15/12",
    intent: { name: "tasks_due", range: { from: "2026-12-01", to: "2026-12-15" } },
  },
  { text: "cv đến 30/11", intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-30" } } },
  { text: "tuần tới có việc gì", intent: { name: "tasks_due", range: nextWeek } },
  {
    text: "việc trong 2 tuần tới",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-12-02" } },
  },
  {
    text: "việc đến hạn trong 10 ngày tới",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-28" } },
  },
  { text: "việc chủ nhật", intent: { name: "tasks_due", range: { from: "2026-11-22", to: "2026-11-22" } } },
  {
    text: "những việc hạn cuối tháng này",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-30" } },
  },
  {
    text: "viec cuoi nam nay",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-12-31" } },
  },
  { text: "việc năm nay", intent: { name: "tasks_due", range: { from: "2026-01-01", to: "2026-12-31" } } },
  {
    text: "việc tháng 1 năm 2027",
    intent: { name: "tasks_due", range: { from: "2027-01-01", to: "2027-01-31" } },
  },
  { text: "nv ngay 20/11", intent: { name: "tasks_due", range: { from: "2026-11-20", to: "2026-11-20" } } },
  { text: "việc hạn 5-12", intent: { name: "tasks_due", range: { from: "2026-12-05", to: "2026-12-05" } } },
  { text: "việc tháng này của tôi", intent: { name: "tasks_due", range: thisMonth } },
  { text: "viec tuan nay cua em", intent: { name: "tasks_due", range: thisWeek } },
  {
    text: "việc đến hạn 30.11",
    intent: { name: "tasks_due", range: { from: "2026-11-30", to: "2026-11-30" } },
  },
  { text: "việc tuân này", intent: { name: "tasks_due", range: thisWeek } },
  { text: "việc tuna này", intent: { name: "tasks_due", range: thisWeek } },
  {
    text: "việc thứ hai tuần sau",
    intent: { name: "tasks_due", range: { from: "2026-11-23", to: "2026-11-23" } },
  },
  { text: "Hôm nay anh có phải nộp gì không", intent: { name: "tasks_due", range: today } },
  {
    text: "t6 có việc gì",
    intent: { name: "tasks_due", range: { from: "2026-11-20", to: "2026-11-20" } },
    hard: "t6 = thứ 6 or tháng 6",
  },
  {
    text: "việc đến hạn trước tết",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2027-02-05" } },
    hard: "needs the lunar calendar",
  },
  {
    text: "việc tuần sau nữa",
    intent: { name: "tasks_due", range: { from: "2026-11-30", to: "2026-12-06" } },
  },
  { text: "VIỆC TUẦN NÀY", intent: { name: "tasks_due", range: thisWeek } },
  { text: "việc    tuần   sau", intent: { name: "tasks_due", range: nextWeek } },
  { text: "cho em xem việc đến hạn tuần này với ạ", intent: { name: "tasks_due", range: thisWeek } },

  // --- tasks_overdue
  { text: "việc quá hạn", intent: { name: "tasks_overdue" } },
  { text: "nv qh", intent: { name: "tasks_overdue" } },
  { text: "việc trễ hạn", intent: { name: "tasks_overdue" } },
  { text: "việc chậm", intent: { name: "tasks_overdue" } },
  { text: "nhiệm vụ quá hạ", intent: { name: "tasks_overdue" } },
  { text: "co viec nao qua han khong em", intent: { name: "tasks_overdue" } },
  { text: "NHIỆM VỤ QUÁ HẠN", intent: { name: "tasks_overdue" } },
  { text: "các việc bị chậm tiến độ", intent: { name: "tasks_overdue" } },
  { text: "viec tre", intent: { name: "tasks_overdue" } },
  { text: "việc quá hạn của tư pháp", intent: { name: "tasks_overdue" } },
  { text: "những việc đã quá hạn mà chưa xong", intent: { name: "tasks_overdue" } },
  { text: "cv trễ", intent: { name: "tasks_overdue" } },
  { text: "quá hạn", intent: { name: "tasks_overdue" } },
  { text: "việc qa hạn", intent: { name: "tasks_overdue" } },
  { text: "viec con ton", intent: { name: "tasks_overdue" } },

  // --- department_tasks
  { text: "việc của tư pháp", intent: { name: "department_tasks", department: "tu phap" } },
  { text: "nhiệm vụ bộ phận một cửa", intent: { name: "department_tasks", department: "mot cua" } },
  { text: "việc văn phòng", intent: { name: "department_tasks", department: "van phong" } },
  { text: "viec cua dia chinh", intent: { name: "department_tasks", department: "dia chinh" } },
  { text: "Việc của ngành VH TT", intent: { name: "department_tasks", department: "vh tt" } },
  {
    text: "nhiem vu cua ke toan tai chinh xa",
    intent: { name: "department_tasks", department: "ke toan tai chinh xa" },
  },
  { text: "việc của Bộ phận TN & TKQ", intent: { name: "department_tasks", department: "tn & tkq" } },
  { text: "nv của văn phòng UBND", intent: { name: "department_tasks", department: "van phong ubnd" } },
  { text: "Địa chính có việc gì", intent: { name: "department_tasks", department: "dia chinh" } },
  { text: "việc tư pháp tuần này", intent: { name: "department_tasks", department: "tu phap" } },
  { text: "xem việc của địa chính giúp anh", intent: { name: "department_tasks", department: "dia chinh" } },
  { text: "việc của công an xã", intent: { name: "department_tasks", department: "cong an xa" } },
  {
    text: "nhiệm vụ giao cho văn hóa xã hội",
    intent: { name: "department_tasks", department: "van hoa xa hoi" },
  },

  // --- task_detail
  { text: "NV12", intent: { name: "task_detail", task: nv12 } },
  { text: "nv 12", intent: { name: "task_detail", task: nv12 } },
  { text: "#12", intent: { name: "task_detail", task: nv12 } },
  { text: "nhiệm vụ 12", intent: { name: "task_detail", task: nv12 } },
  { text: "chi tiết NV12", intent: { name: "task_detail", task: nv12 } },
  { text: "xem nv12", intent: { name: "task_detail", task: nv12 } },
  { text: "nv12 sao rồi", intent: { name: "task_detail", task: nv12 } },
  { text: "NV 7 thế nào rồi em", intent: { name: "task_detail", task: { kind: "code", code: "NV7" } } },
  { text: "nv012", intent: { name: "task_detail", task: nv12 } },
  {
    text: "xem việc báo cáo quý",
    intent: { name: "task_detail", task: { kind: "query", text: "bao cao quy" } },
  },
  {
    text: "chi tiết nhiệm vụ tuyên truyền cải cách hành chính",
    intent: { name: "task_detail", task: { kind: "query", text: "tuyen truyen cai cach hanh chinh" } },
  },
  { text: "Nv12 xong chưa", intent: { name: "task_detail", task: nv12 } },
  { text: "việc số 15", intent: { name: "task_detail", task: { kind: "code", code: "NV15" } } },
  {
    text: "tìm việc số hóa hồ sơ",
    intent: { name: "task_detail", task: { kind: "query", text: "so hoa ho so" } },
  },
  { text: "NV12 chưa xong", intent: { name: "task_detail", task: nv12 } },
  {
    text: "nhiệm vụ kiểm tra công tác CCHC thế nào rồi",
    intent: { name: "task_detail", task: { kind: "query", text: "kiem tra cong tac cchc" } },
  },
  { text: "NV-12", intent: { name: "task_detail", task: nv12 } },
  { text: "cho em xem nv 12 với", intent: { name: "task_detail", task: nv12 } },
  { text: "nv mười hai", intent: { name: "task_detail", task: nv12 }, hard: "number in words" },

  // --- task_history
  { text: "lịch sử NV12", intent: { name: "task_history", task: nv12 } },
  { text: "ls nv12", intent: { name: "task_history", task: nv12 } },
  { text: "NV12 lịch sử", intent: { name: "task_history", task: nv12 } },
  { text: "xem lịch sử nhiệm vụ 12", intent: { name: "task_history", task: nv12 } },
  { text: "lich su nv 12 a", intent: { name: "task_history", task: nv12 } },
  { text: "lịch sử xử lý NV3", intent: { name: "task_history", task: { kind: "code", code: "NV3" } } },
  { text: "nhật ký nv12", intent: { name: "task_history", task: nv12 } },
  {
    text: "lịch sử việc báo cáo quý",
    intent: { name: "task_history", task: { kind: "query", text: "bao cao quy" } },
  },

  // --- mark_done
  { text: "xong NV12", intent: { name: "mark_done", task: nv12 } },
  { text: "NV12 xong rồi", intent: { name: "mark_done", task: nv12, note: undefined } },
  { text: "hoàn thành nv 12", intent: { name: "mark_done", task: nv12 } },
  { text: "ht nv12", intent: { name: "mark_done", task: nv12 } },
  {
    text: "NV12 đã hoàn thành, đã gửi báo cáo huyện",
    intent: { name: "mark_done", task: nv12, note: "đã gửi báo cáo huyện" },
  },
  { text: "done nv12", intent: { name: "mark_done", task: nv12 } },
  {
    text: "xong việc báo cáo quý",
    intent: { name: "mark_done", task: { kind: "query", text: "bao cao quy" } },
  },
  { text: "nv12 hoan thnah roi", intent: { name: "mark_done", task: nv12 } },
  { text: "Em đã hoàn thành NV12 ạ", intent: { name: "mark_done", task: nv12, note: undefined } },
  { text: "NV12 xg r", intent: { name: "mark_done", task: nv12 } },
  {
    text: "NV12 đã xong, file em gửi sau",
    intent: { name: "mark_done", task: nv12, note: "file em gửi sau" },
  },
  { text: "nv12 hoàn tất", intent: { name: "mark_done", task: nv12 } },
  { text: "đã làm xong nhiệm vụ 12 rồi nhé", intent: { name: "mark_done", task: nv12 } },
  {
    text: "hoàn thành việc tổng kết năm",
    intent: { name: "mark_done", task: { kind: "query", text: "tong ket nam" } },
  },
  { text: "NV12 ok rồi", intent: { name: "mark_done", task: nv12 } },
  { text: "NV12 đã hoàn thành 100%", intent: { name: "mark_done", task: nv12 } },
  { text: "#12 xong", intent: { name: "mark_done", task: nv12 } },
  {
    text: "việc báo cáo quý xong rồi nhé",
    intent: { name: "mark_done", task: { kind: "query", text: "bao cao quy" } },
  },
  {
    text: "em xong cái báo cáo quý rồi nhé",
    intent: { name: "mark_done", task: { kind: "query", text: "bao cao quy" } },
    hard: "no task word before the title",
  },

  // --- set_progress
  { text: "NV12 60%", intent: { name: "set_progress", task: nv12, percent: 60 } },
  { text: "nv12 đạt 60%", intent: { name: "set_progress", task: nv12, percent: 60, note: undefined } },
  {
    text: "tiến độ NV12 60% đang chờ ký",
    intent: { name: "set_progress", task: nv12, percent: 60, note: "đang chờ ký" },
  },
  { text: "cập nhật nv 12 lên 80 phần trăm", intent: { name: "set_progress", task: nv12, percent: 80 } },
  { text: "nv12 dc 50% r", intent: { name: "set_progress", task: nv12, percent: 50 } },
  { text: "NV12 hoàn thành 70%", intent: { name: "set_progress", task: nv12, percent: 70 } },
  { text: "tien do nv12 la 30 %", intent: { name: "set_progress", task: nv12, percent: 30 } },
  {
    text: "NV5 được 90% rồi, còn chờ chủ tịch ký",
    intent: {
      name: "set_progress",
      task: { kind: "code", code: "NV5" },
      percent: 90,
      note: "còn chờ chủ tịch ký",
    },
  },
  { text: "nv12 0%", intent: { name: "set_progress", task: nv12, percent: 0 } },
  { text: "NV12 100%", intent: { name: "set_progress", task: nv12, percent: 100 } },
  { text: "cap nhat tien do nv 12: 45%", intent: { name: "set_progress", task: nv12, percent: 45 } },
  { text: "NV12 150%", intent: { name: "unknown" } },
  { text: "tiến độ nv12 đạt 75", intent: { name: "set_progress", task: nv12, percent: 75 } },
  { text: "nv12 tiến độ 40% ạ", intent: { name: "set_progress", task: nv12, percent: 40, note: undefined } },

  // --- request_extension
  {
    text: "gia hạn NV12 đến 30/12 vì chờ huyện",
    intent: { name: "request_extension", task: nv12, until: "2026-12-30", reason: "chờ huyện" },
  },
  {
    text: "xin gia hạn nv12",
    intent: { name: "request_extension", task: nv12, until: undefined, reason: undefined },
  },
  { text: "lùi hạn NV12 sang 15/12", intent: { name: "request_extension", task: nv12, until: "2026-12-15" } },
  {
    text: "NV12 xin thêm 1 tuần",
    intent: { name: "request_extension", task: nv12, until: undefined, reason: "xin thêm 1 tuần" },
  },
  {
    text: "gia han nv 12 den ngay 20/12 do chua co kinh phi",
    intent: { name: "request_extension", task: nv12, until: "2026-12-20", reason: "chua co kinh phi" },
  },
  {
    text: "NV12 xin lùi hạn đến cuối tháng 12 vì thiếu hồ sơ",
    intent: { name: "request_extension", task: nv12, until: "2026-12-31", reason: "thiếu hồ sơ" },
  },
  {
    text: "xin gia hạn việc tổng kết năm đến 31/12",
    intent: {
      name: "request_extension",
      task: { kind: "query", text: "tong ket nam" },
      until: "2026-12-31",
    },
  },
  { text: "lui han nv12 sang 15/1", intent: { name: "request_extension", task: nv12, until: "2027-01-15" } },
  {
    text: "NV 8 xin gia hạn đến 5/12 lý do cán bộ đi học",
    intent: {
      name: "request_extension",
      task: { kind: "code", code: "NV8" },
      until: "2026-12-05",
      reason: "cán bộ đi học",
    },
  },
  {
    text: "dời hạn nv12 sang tuần sau",
    intent: { name: "request_extension", task: nv12, until: "2026-11-29" },
  },
  {
    text: "nv12 xin gia hạn thêm 7 ngày nữa",
    intent: { name: "request_extension", task: nv12, until: undefined },
  },

  // --- attach_evidence
  { text: "minh chứng NV12", intent: { name: "attach_evidence", task: nv12 } },
  { text: "mc nv12", intent: { name: "attach_evidence", task: nv12 } },
  { text: "gửi minh chứng cho NV 12", intent: { name: "attach_evidence", task: nv12 } },
  { text: "nộp file nv12", intent: { name: "attach_evidence", task: nv12 } },
  { text: "em gửi minh chứng nv12 ạ", intent: { name: "attach_evidence", task: nv12 } },
  { text: "up file minh chung nv 12", intent: { name: "attach_evidence", task: nv12 } },
  { text: "đính kèm tài liệu cho NV12", intent: { name: "attach_evidence", task: nv12 } },
  { text: "NV12 minh chứng đây", intent: { name: "attach_evidence", task: nv12 } },

  // --- dossiers_overdue
  { text: "hồ sơ quá hạn", intent: { name: "dossiers_overdue" } },
  { text: "hs qh", intent: { name: "dossiers_overdue" } },
  { text: "hồ sơ trễ hạn", intent: { name: "dossiers_overdue" } },
  { text: "hs bị trễ", intent: { name: "dossiers_overdue" } },
  { text: "co ho so nao qua han ko", intent: { name: "dossiers_overdue" } },
  { text: "HỒ SƠ QUÁ HẠN", intent: { name: "dossiers_overdue" } },
  { text: "hồ sơ một cửa bị chậm", intent: { name: "dossiers_overdue" } },
  { text: "ds hồ sơ trễ hẹn", intent: { name: "dossiers_overdue" } },
  { text: "hồ sơ quá hạ", intent: { name: "dossiers_overdue" } },
  { text: "hso qua han", intent: { name: "dossiers_overdue" } },

  // --- dossiers_due
  { text: "hồ sơ đến hạn hôm nay", intent: { name: "dossiers_due", range: { ...today, label: "hôm nay" } } },
  { text: "hs hạn hôm nay", intent: { name: "dossiers_due", range: today } },
  { text: "hồ sơ sắp đến hạn tuần này", intent: { name: "dossiers_due", range: thisWeek } },
  { text: "hs tuần này", intent: { name: "dossiers_due", range: thisWeek } },
  { text: "hồ sơ ngày mai", intent: { name: "dossiers_due", range: tomorrow } },
  { text: "hồ sơ đến hạn", intent: { name: "dossiers_due", range: today } },
  {
    text: "hs sắp đến hạn",
    intent: { name: "dossiers_due", range: { from: "2026-11-18", to: "2026-11-25" } },
  },
  {
    text: "ho so den han thu 6",
    intent: { name: "dossiers_due", range: { from: "2026-11-20", to: "2026-11-20" } },
  },
  { text: "hồ sơ phải trả tuần sau", intent: { name: "dossiers_due", range: nextWeek } },
  { text: "hnay co hs nao den han k", intent: { name: "dossiers_due", range: today } },

  // --- dossier_lookup
  {
    text: "000.00.21.H45-260213-0001",
    intent: { name: "dossier_lookup", receiptCode: "000.00.21.H45-260213-0001" },
  },
  { text: "H45-260213-0001", intent: { name: "dossier_lookup", receiptCode: "H45-260213-0001" } },
  {
    text: "tra cứu hồ sơ 000.00.21.H45-260213-0001",
    intent: { name: "dossier_lookup", receiptCode: "000.00.21.H45-260213-0001" },
  },
  { text: "hs 260213-0001", intent: { name: "dossier_lookup", receiptCode: "260213-0001" } },
  {
    text: "tra cuu ho so 000.00.21.h45-260213-0001",
    intent: { name: "dossier_lookup", receiptCode: "000.00.21.H45-260213-0001" },
  },
  {
    text: "hồ sơ H45-261105-0123 đến đâu rồi",
    intent: { name: "dossier_lookup", receiptCode: "H45-261105-0123" },
  },
  {
    text: "kiểm tra giúp em hs số 261110-0042",
    intent: { name: "dossier_lookup", receiptCode: "261110-0042" },
  },
  { text: " h45-260213-0001 ", intent: { name: "dossier_lookup", receiptCode: "H45-260213-0001" } },

  // --- stats
  { text: "thống kê", intent: { name: "stats", range: undefined } },
  { text: "tk", intent: { name: "stats" } },
  { text: "số liệu", intent: { name: "stats" } },
  { text: "báo cáo nhanh", intent: { name: "stats" } },
  { text: "thống kê quý này", intent: { name: "stats", range: q4 } },
  { text: "tk tháng 10", intent: { name: "stats", range: { from: "2026-10-01", to: "2026-10-31" } } },
  { text: "thong ke thang nay", intent: { name: "stats", range: thisMonth } },
  { text: "cho anh xin số liệu tuần này", intent: { name: "stats", range: thisWeek } },
  { text: "tổng hợp tình hình tháng 11", intent: { name: "stats", range: thisMonth } },
  { text: "TK quý 3/2026", intent: { name: "stats", range: q3 } },
  { text: "thống kê năm nay", intent: { name: "stats", range: { from: "2026-01-01", to: "2026-12-31" } } },

  // --- report (the CCHC report)
  { text: "báo cáo quý 1", intent: { name: "report", range: { from: "2026-01-01", to: "2026-03-31" } } },
  { text: "bao cao quy 1", intent: { name: "report", range: { from: "2026-01-01", to: "2026-03-31" } } },
  { text: "bao cao 6 thang", intent: { name: "report", range: { from: "2026-01-01", to: "2026-06-30" } } },
  {
    text: "báo cáo 6 tháng đầu năm",
    intent: { name: "report", range: { from: "2026-01-01", to: "2026-06-30" } },
  },
  { text: "báo cáo 9 tháng", intent: { name: "report", range: { from: "2026-01-01", to: "2026-09-30" } } },
  { text: "báo cáo năm nay", intent: { name: "report", range: { from: "2026-01-01", to: "2026-12-31" } } },
  { text: "báo cáo", intent: { name: "report", range: undefined } },
  { text: "bao cao", intent: { name: "report", range: undefined } },
  { text: "Báo cáo CCHC quý III", intent: { name: "report", range: q3 } },
  { text: "cho anh xem báo cáo quý này", intent: { name: "report", range: q4 } },

  // --- report_rate
  {
    text: "tỷ lệ hồ sơ trực tuyến tháng này",
    intent: { name: "report_rate", metric: "online", range: thisMonth },
  },
  {
    text: "ty le ho so truc tuyen thang nay",
    intent: { name: "report_rate", metric: "online", range: thisMonth },
  },
  { text: "tỉ lệ số hóa", intent: { name: "report_rate", metric: "digitisation", range: undefined } },
  { text: "ti le so hoa", intent: { name: "report_rate", metric: "digitisation" } },
  {
    text: "tỉ lệ thanh toán trực tuyến quý này",
    intent: { name: "report_rate", metric: "online_payment", range: q4 },
  },
  { text: "tỷ lệ toàn trình", intent: { name: "report_rate", metric: "fully_online" } },
  { text: "tỉ lệ kết quả điện tử", intent: { name: "report_rate", metric: "electronic_result" } },
  { text: "tl xin lỗi hồ sơ trễ", intent: { name: "report_rate", metric: "apology" } },
  { text: "bao nhiêu % hồ sơ nộp online", intent: { name: "report_rate", metric: "online" } },

  // --- department_remaining
  {
    text: "bên văn hóa xã hội còn mấy việc",
    intent: { name: "department_remaining", department: "van hoa xa hoi" },
  },
  {
    text: "ben van hoa xa hoi con may viec",
    intent: { name: "department_remaining", department: "van hoa xa hoi" },
  },
  {
    text: "tư pháp còn bao nhiêu việc chưa xong",
    intent: { name: "department_remaining", department: "tu phap" },
  },
  {
    text: "bộ phận một cửa còn mấy nhiệm vụ",
    intent: { name: "department_remaining", department: "mot cua" },
  },

  // --- par_risk
  { text: "rủi ro chỉ số", intent: { name: "par_risk" } },
  { text: "rui ro chi so", intent: { name: "par_risk" } },
  { text: "nguy cơ mất điểm", intent: { name: "par_risk" } },
  { text: "xem rủi ro chỉ số PAR", intent: { name: "par_risk" } },

  // --- on_time_rate
  { text: "tỉ lệ đúng hạn quý này", intent: { name: "on_time_rate", range: q4 } },
  { text: "ty le dung han", intent: { name: "on_time_rate", range: undefined } },
  {
    text: "tỷ lệ hồ sơ đúng hạn tháng 9",
    intent: { name: "on_time_rate", range: { from: "2026-09-01", to: "2026-09-30" } },
  },
  {
    text: "Tỉ lệ giải quyết đúng hạn năm nay",
    intent: { name: "on_time_rate", range: { from: "2026-01-01", to: "2026-12-31" } },
  },
  { text: "tl đúng hạn", intent: { name: "on_time_rate" } },
  { text: "bao nhiêu % hồ sơ đúng hạn", intent: { name: "on_time_rate" } },
  {
    text: "ti le dung han thang truoc",
    intent: { name: "on_time_rate", range: { from: "2026-10-01", to: "2026-10-31" } },
  },
  { text: "tỉ lệ trễ hạn tháng này", intent: { name: "on_time_rate", range: thisMonth } },

  // --- more
  { text: "xem thêm", intent: { name: "more" } },
  { text: "thêm", intent: { name: "more" } },
  { text: "tiếp", intent: { name: "more" } },
  { text: "more", intent: { name: "more" } },
  { text: "xem tiep", intent: { name: "more" } },
  { text: "còn nữa không", intent: { name: "more" } },
  { text: "tiếp đi em", intent: { name: "more" } },
  { text: "xem tiếp nhé", intent: { name: "more" } },

  // --- unknown: chatter and citizen questions
  { text: "làm giấy khai sinh cần gì", intent: { name: "unknown" } },
  { text: "hôm nay trời đẹp quá", intent: { name: "unknown" } },
  { text: "anh đang họp", intent: { name: "unknown" } },
  { text: "ăn cơm chưa em", intent: { name: "unknown" } },
  { text: "thủ tục đăng ký kết hôn", intent: { name: "unknown" } },
  { text: "cho hỏi đăng ký thường trú cần giấy tờ gì", intent: { name: "unknown" } },
  { text: "chiều nay có họp không", intent: { name: "unknown" } },
  { text: "lol", intent: { name: "unknown" } },
  { text: "abc xyz", intent: { name: "unknown" } },
  { text: "123", intent: { name: "unknown" } },
  { text: "...", intent: { name: "unknown" } },
  { text: "", intent: { name: "unknown" } },
  { text: "   ", intent: { name: "unknown" } },
  { text: "😂😂", intent: { name: "unknown" } },
  { text: "gửi em file word", intent: { name: "unknown" } },
  { text: "em ơi sửa máy in giúp anh", intent: { name: "unknown" } },
  { text: "mai anh nghỉ phép", intent: { name: "unknown" } },
  { text: "thứ 6 họp giao ban", intent: { name: "unknown" } },
  { text: "đăng ký khai sinh cho con", intent: { name: "unknown" } },
  { text: "số điện thoại chủ tịch xã là gì", intent: { name: "unknown" } },
  { text: "lịch họp tuần này", intent: { name: "unknown" } },
  { text: "tuần này nghỉ lễ không", intent: { name: "unknown" } },
  { text: "hạn nộp thuế đất là khi nào", intent: { name: "unknown" } },
  { text: "chị Lan ơi", intent: { name: "unknown" } },
  { text: "thôi", intent: { name: "unknown" } },
  { text: "đăng ký kết hôn năm 2026 cần gì", intent: { name: "unknown" } },
  { text: "Cho em hỏi hồ sơ của bà Nguyễn Thị Lan đến đâu rồi", intent: { name: "unknown" } },
  { text: "xin chào, cho hỏi thủ tục cấp đổi sổ đỏ", intent: { name: "greeting" } },
  { text: "ok em", intent: { name: "thanks" } },

  // --- second batch: other phrasings, written before tuning the parser on them
  { text: "anh có bao nhiêu việc", intent: { name: "my_tasks" } },
  {
    text: "việc nào sắp hết hạn",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-25" } },
  },
  { text: "Danh sách việc tuần sau", intent: { name: "tasks_due", range: nextWeek } },
  { text: "viec cua phong tu phap", intent: { name: "department_tasks", department: "tu phap" } },
  { text: "đã xong nv 15 rồi ạ", intent: { name: "mark_done", task: { kind: "code", code: "NV15" } } },
  { text: "NV3 hoàn thành", intent: { name: "mark_done", task: { kind: "code", code: "NV3" } } },
  {
    text: "báo cáo tiến độ NV4: 50%",
    intent: { name: "set_progress", task: { kind: "code", code: "NV4" }, percent: 50 },
  },
  {
    text: "nv9 mới được 20%",
    intent: { name: "set_progress", task: { kind: "code", code: "NV9" }, percent: 20 },
  },
  {
    text: "xin lùi hạn nhiệm vụ 4 đến 20/12 ạ",
    intent: { name: "request_extension", task: { kind: "code", code: "NV4" }, until: "2026-12-20" },
  },
  {
    text: "nhiệm vụ 6 cần gia hạn do thiếu kinh phí",
    intent: { name: "request_extension", task: { kind: "code", code: "NV6" }, reason: "thiếu kinh phí" },
  },
  {
    text: "em nộp minh chứng nhiệm vụ 9",
    intent: { name: "attach_evidence", task: { kind: "code", code: "NV9" } },
  },
  { text: "nv10 có ai làm", intent: { name: "task_detail", task: { kind: "code", code: "NV10" } } },
  { text: "lịch sử cập nhật NV12", intent: { name: "task_history", task: nv12 } },
  {
    text: "Thống kê tháng trước",
    intent: { name: "stats", range: { from: "2026-10-01", to: "2026-10-31" } },
  },
  { text: "số liệu quý 3 năm 2026", intent: { name: "stats", range: q3 } },
  { text: "tỉ lệ đúng hạn", intent: { name: "on_time_rate", range: undefined } },
  { text: "tỷ lệ giải quyết hồ sơ đúng hạn quý III", intent: { name: "on_time_rate", range: q3 } },
  { text: "hồ sơ nào trễ hạn vậy em", intent: { name: "dossiers_overdue" } },
  { text: "hồ sơ chậm", intent: { name: "dossiers_overdue" } },
  { text: "hs đến hạn tuần sau", intent: { name: "dossiers_due", range: nextWeek } },
  { text: "hồ sơ hết hạn hôm nay", intent: { name: "dossiers_due", range: today } },
  {
    text: "tra hồ sơ 000.00.21.H45-261117-0007",
    intent: { name: "dossier_lookup", receiptCode: "000.00.21.H45-261117-0007" },
  },
  {
    text: "mã hồ sơ H45.21-261117-0007",
    intent: { name: "dossier_lookup", receiptCode: "H45.21-261117-0007" },
  },
  { text: "thêm nữa", intent: { name: "more" } },
  { text: "tiếp theo", intent: { name: "more" } },
  { text: "chào em, em làm được những gì", intent: { name: "help" } },
  { text: "cảm ơn em nhiều nhé", intent: { name: "thanks" } },
  { text: "ok e", intent: { name: "thanks" } },
  { text: "vâng", intent: { name: "thanks" } },
  { text: "👍", intent: { name: "thanks" } },
  { text: "đăng ký mã 573920", intent: { name: "link", code: "573920" } },
  { text: "ma lien ket: 573920", intent: { name: "link", code: "573920" } },
  { text: "tôi muốn hủy liên kết tài khoản", intent: { name: "unlink" } },
  { text: "không dùng nữa, hủy đăng ký", intent: { name: "unlink" } },
  { text: "nhiệm vụ tuần này của văn phòng", intent: { name: "department_tasks", department: "van phong" } },
  { text: "việc của phó chủ tịch", intent: { name: "department_tasks", department: "pho chu tich" } },
  { text: "việc của tôi còn hạn tuần này", intent: { name: "tasks_due", range: thisWeek } },
  {
    text: "sắp tới có việc gì không",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-25" } },
  },
  { text: "hôm nay hạn gì", intent: { name: "tasks_due", range: today } },
  {
    text: "nhiệm vụ tháng 12",
    intent: { name: "tasks_due", range: { from: "2026-12-01", to: "2026-12-31" } },
  },
  {
    text: "việc quý 1 năm sau",
    intent: { name: "tasks_due", range: { from: "2027-01-01", to: "2027-03-31" } },
  },
  {
    text: "việc từ nay đến cuối tháng",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-30" } },
  },
  {
    text: "từ giờ đến 15/12 có việc gì",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-12-15" } },
  },
  {
    text: "các việc đến hạn trong tháng 12",
    intent: { name: "tasks_due", range: { from: "2026-12-01", to: "2026-12-31" } },
  },
  {
    text: "viec het han ngay 30/11",
    intent: { name: "tasks_due", range: { from: "2026-11-30", to: "2026-11-30" } },
  },
  { text: "Việc nào trễ deadline", intent: { name: "tasks_overdue" } },
  { text: "việc bị quá hạn tháng trước", intent: { name: "tasks_overdue" } },
  { text: "nv đã quá hạn của ngành tư pháp", intent: { name: "tasks_overdue" } },
  { text: "cho anh xem nhiệm vụ số 5", intent: { name: "task_detail", task: { kind: "code", code: "NV5" } } },
  { text: "nv5 ai phụ trách", intent: { name: "task_detail", task: { kind: "code", code: "NV5" } } },
  {
    text: "Hoàn thành NV 5 rồi nha em",
    intent: { name: "mark_done", task: { kind: "code", code: "NV5" }, note: undefined },
  },
  {
    text: "nv5 đã hoàn thành, minh chứng gửi kèm",
    intent: { name: "mark_done", task: { kind: "code", code: "NV5" }, note: "minh chứng gửi kèm" },
  },
  { text: "up minh chứng nv5", intent: { name: "attach_evidence", task: { kind: "code", code: "NV5" } } },
  {
    text: "nv5 tiến độ 50%, đang trình ký",
    intent: { name: "set_progress", task: { kind: "code", code: "NV5" }, percent: 50, note: "đang trình ký" },
  },
  {
    text: "NV5 được 30 phần trăm",
    intent: { name: "set_progress", task: { kind: "code", code: "NV5" }, percent: 30 },
  },
  { text: "cập nhật tiến độ NV5", intent: { name: "task_detail", task: { kind: "code", code: "NV5" } } },
  { text: "nv5 xin lui han", intent: { name: "request_extension", task: { kind: "code", code: "NV5" } } },
  {
    text: "xin gia hạn NV5 sang tháng sau",
    intent: { name: "request_extension", task: { kind: "code", code: "NV5" }, until: "2026-12-31" },
  },
  {
    text: "gia hạn nv5 đến hết tháng 12",
    intent: { name: "request_extension", task: { kind: "code", code: "NV5" }, until: "2026-12-31" },
  },
  { text: "hồ sơ 261117-0007 xong chưa", intent: { name: "dossier_lookup", receiptCode: "261117-0007" } },
  { text: "thống kê hồ sơ tháng này", intent: { name: "stats", range: thisMonth } },
  { text: "số liệu hồ sơ quá hạn", intent: { name: "dossiers_overdue" } },
  { text: "báo cáo tình hình tuần này", intent: { name: "stats", range: thisWeek } },
  { text: "huong dan dang ky", intent: { name: "help" } },
  { text: "làm sao để liên kết", intent: { name: "help" } },
  { text: "em ơi", intent: { name: "greeting" } },
  { text: "hi em, việc tuần này có gì", intent: { name: "tasks_due", range: thisWeek } },
  { text: "Dạ em cảm ơn anh", intent: { name: "thanks" } },
  { text: "okie", intent: { name: "thanks" } },
  { text: "giấy chứng tử làm ở đâu", intent: { name: "unknown" } },
  { text: "cho hỏi lệ phí cấp bản sao", intent: { name: "unknown" } },
  { text: "mai họp lúc mấy giờ", intent: { name: "unknown" } },
  { text: "tuần này có lịch tiếp dân không", intent: { name: "unknown" } },
  { text: "báo cáo quý 3 nộp chưa", intent: { name: "unknown" } },
  { text: "xin nghỉ phép thứ 6", intent: { name: "unknown" } },
  { text: "chiều nay anh gửi báo cáo", intent: { name: "unknown" } },
  { text: "123456789", intent: { name: "unknown" } },
  { text: "0912345678", intent: { name: "unknown" } },
  // typos: letters swapped or missing, Unikey switched off (raw Telex)
  { text: "vieecj quas hanj", intent: { name: "tasks_overdue" }, hard: "raw Telex keystrokes" },
  { text: "thoong ke", intent: { name: "stats" } },
  { text: "lihc su nv12", intent: { name: "task_history", task: nv12 } },
  { text: "hoafn thanhf nv12", intent: { name: "mark_done", task: nv12 } },
  { text: "viec tuan nya", intent: { name: "tasks_due", range: thisWeek } },
  { text: "nhiem vu cua tooi", intent: { name: "my_tasks" } },
  { text: "ho so qua hna", intent: { name: "dossiers_overdue" } },
  { text: "xme thêm", intent: { name: "more" } },
  { text: "thogn ke quy nay", intent: { name: "stats", range: q4 } },
  { text: "viẹc quá hạn", intent: { name: "tasks_overdue" } },

  // --- third batch (held out: first measured before any parser change)
  {
    text: "Anh ơi cho em hỏi tuần này em có những việc gì phải làm ạ",
    intent: { name: "tasks_due", range: thisWeek },
  },
  { text: "e có nv nào qh k a", intent: { name: "tasks_overdue" } },
  { text: "các nhiệm vụ trễ hạn của xã", intent: { name: "tasks_overdue" } },
  {
    text: "NV 21 đã xong. Em đã upload biên bản lên phần mềm",
    intent: { name: "mark_done", task: { kind: "code", code: "NV21" } },
  },
  {
    text: "nv21 xong roi nhe e",
    intent: { name: "mark_done", task: { kind: "code", code: "NV21" }, note: undefined },
  },
  { text: "Hoàn thành nhiệm vụ số 21", intent: { name: "mark_done", task: { kind: "code", code: "NV21" } } },
  { text: "báo cáo đã hoàn thành nv21", intent: { name: "mark_done", task: { kind: "code", code: "NV21" } } },
  { text: "NV21: 75%", intent: { name: "set_progress", task: { kind: "code", code: "NV21" }, percent: 75 } },
  {
    text: "nv21 tiến độ khoảng 40 %",
    intent: { name: "set_progress", task: { kind: "code", code: "NV21" }, percent: 40 },
  },
  {
    text: "cập nhật tiến độ nhiệm vụ 21 là 90%",
    intent: { name: "set_progress", task: { kind: "code", code: "NV21" }, percent: 90, note: undefined },
  },
  {
    text: "NV21 mới làm được một nửa",
    intent: { name: "set_progress", task: { kind: "code", code: "NV21" }, percent: 50 },
    hard: "a fraction in words",
  },
  {
    text: "Xin gia hạn nhiệm vụ 21 đến ngày 31/12/2026 vì chưa có hướng dẫn của huyện",
    intent: {
      name: "request_extension",
      task: { kind: "code", code: "NV21" },
      until: "2026-12-31",
      reason: "chưa có hướng dẫn của huyện",
    },
  },
  {
    text: "nv21 cho em xin lùi sang tuần sau nhé",
    intent: { name: "request_extension", task: { kind: "code", code: "NV21" }, until: "2026-11-29" },
  },
  {
    text: "gia hạn #21 thêm 2 tuần",
    intent: { name: "request_extension", task: { kind: "code", code: "NV21" }, until: undefined },
  },
  {
    text: "gửi file minh chứng nv21",
    intent: { name: "attach_evidence", task: { kind: "code", code: "NV21" } },
  },
  {
    text: "nv21 em gửi ảnh minh chứng",
    intent: { name: "attach_evidence", task: { kind: "code", code: "NV21" } },
  },
  { text: "xem chi tiết nhiệm vụ 21", intent: { name: "task_detail", task: { kind: "code", code: "NV21" } } },
  { text: "nv21 giao cho ai", intent: { name: "task_detail", task: { kind: "code", code: "NV21" } } },
  { text: "nv 21 hạn bao giờ", intent: { name: "task_detail", task: { kind: "code", code: "NV21" } } },
  { text: "lịch sử nv 21", intent: { name: "task_history", task: { kind: "code", code: "NV21" } } },
  {
    text: "xem lịch sử cập nhật của NV21",
    intent: { name: "task_history", task: { kind: "code", code: "NV21" } },
  },
  {
    text: "hồ sơ nào sắp trễ hạn",
    intent: { name: "dossiers_due", range: { from: "2026-11-18", to: "2026-11-25" } },
  },
  { text: "Có hồ sơ nào quá hạn chưa xử lý không em", intent: { name: "dossiers_overdue" } },
  { text: "hs chậm trả", intent: { name: "dossiers_overdue" } },
  { text: "hồ sơ đến hạn trả ngày mai", intent: { name: "dossiers_due", range: tomorrow } },
  { text: "hồ sơ cần trả trong tuần", intent: { name: "dossiers_due", range: thisWeek } },
  { text: "hôm nay phải trả bao nhiêu hồ sơ", intent: { name: "dossiers_due", range: today } },
  {
    text: "kiểm tra hồ sơ mã 000.00.21.H45-261116-0003",
    intent: { name: "dossier_lookup", receiptCode: "000.00.21.H45-261116-0003" },
  },
  {
    text: "hs H45-261116-0003 của ông Nam",
    intent: { name: "dossier_lookup", receiptCode: "H45-261116-0003" },
  },
  { text: "thống kê tuần này", intent: { name: "stats", range: thisWeek } },
  {
    text: "số liệu tháng 10 năm 2026",
    intent: { name: "stats", range: { from: "2026-10-01", to: "2026-10-31" } },
  },
  { text: "tổng hợp số liệu quý IV", intent: { name: "stats", range: q4 } },
  { text: "báo cáo nhanh tháng này", intent: { name: "stats", range: thisMonth } },
  { text: "tỉ lệ hs đúng hạn tháng này bn %", intent: { name: "on_time_rate", range: thisMonth } },
  {
    text: "tỷ lệ đúng hạn của xã mình năm nay",
    intent: { name: "on_time_rate", range: { from: "2026-01-01", to: "2026-12-31" } },
  },
  { text: "đúng hạn bao nhiêu phần trăm", intent: { name: "on_time_rate" } },
  { text: "dang ky ma 918273", intent: { name: "link", code: "918273" } },
  { text: "Em đăng ký tài khoản, mã 918273", intent: { name: "link", code: "918273" } },
  { text: "huy lien ket tai khoan zalo", intent: { name: "unlink" } },
  { text: "xem tiếp đi", intent: { name: "more" } },
  { text: "còn không", intent: { name: "more" } },
  { text: "next", intent: { name: "more" } },
  { text: "Chào anh chị", intent: { name: "greeting" } },
  { text: "chào bạn", intent: { name: "greeting" } },
  { text: "xin chào trợ lý xã", intent: { name: "greeting" } },
  { text: "ok, đã nhận", intent: { name: "thanks" } },
  { text: "cảm ơn trợ lý", intent: { name: "thanks" } },
  { text: "tks nhiều", intent: { name: "thanks" } },
  {
    text: "việc của Văn phòng - Thống kê",
    intent: { name: "department_tasks", department: "van phong thong ke" },
  },
  {
    text: "nhiệm vụ ngành địa chính xây dựng",
    intent: { name: "department_tasks", department: "dia chinh xay dung" },
  },
  { text: "bộ phận một cửa có việc gì không", intent: { name: "department_tasks", department: "mot cua" } },
  { text: "việc ban tư pháp", intent: { name: "department_tasks", department: "tu phap" } },
  { text: "viec can lam hom nay", intent: { name: "tasks_due", range: today } },
  {
    text: "việc phải nộp trước thứ 6",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-11-19" } },
  },
  { text: "nhiệm vụ hết hạn tuần này", intent: { name: "tasks_due", range: thisWeek } },
  {
    text: "tháng 12 có những nhiệm vụ gì",
    intent: { name: "tasks_due", range: { from: "2026-12-01", to: "2026-12-31" } },
  },
  { text: "quý 4 còn việc gì chưa xong", intent: { name: "tasks_due", range: q4 } },
  {
    text: "viec trong nam 2026",
    intent: { name: "tasks_due", range: { from: "2026-01-01", to: "2026-12-31" } },
  },
  {
    text: "những việc đến hạn từ giờ tới cuối năm",
    intent: { name: "tasks_due", range: { from: "2026-11-18", to: "2026-12-31" } },
  },
  {
    text: "việc đến hạn 15/12/2026",
    intent: { name: "tasks_due", range: { from: "2026-12-15", to: "2026-12-15" } },
  },
  {
    text: "việc hạn ngày 1 tháng 12",
    intent: { name: "tasks_due", range: { from: "2026-12-01", to: "2026-12-01" } },
  },
  { text: "việc ngày 25", intent: { name: "tasks_due", range: { from: "2026-11-25", to: "2026-11-25" } } },
  { text: "viec thu 7 nay", intent: { name: "tasks_due", range: { from: "2026-11-21", to: "2026-11-21" } } },
  { text: "Việc của tôi quá hạn", intent: { name: "tasks_overdue" } },
  { text: "tôi còn việc nào chưa làm không", intent: { name: "my_tasks" } },
  { text: "Em có bao nhiêu nhiệm vụ", intent: { name: "my_tasks" } },
  { text: "list việc", intent: { name: "my_tasks" } },
  { text: "hôm nay là thứ mấy", intent: { name: "unknown" } },
  { text: "ngày mai có mưa không", intent: { name: "unknown" } },
  { text: "cho em số điện thoại bộ phận một cửa", intent: { name: "unknown" } },
  { text: "anh gửi công văn số 123 rồi nhé", intent: { name: "unknown" } },
  { text: "thủ tục cấp giấy phép xây dựng mất bao lâu", intent: { name: "unknown" } },
  { text: "ubnd xã làm việc thứ 7 không", intent: { name: "unknown" } },
  { text: "em cần nộp báo cáo gì tuần này", intent: { name: "tasks_due", range: thisWeek } },
  { text: "hello bot, việc quá hạn?", intent: { name: "tasks_overdue" } },
  {
    text: "Nhiệm vụ 5 đã có kết quả, đạt 100%",
    intent: { name: "set_progress", task: { kind: "code", code: "NV5" }, percent: 100 },
  },
  { text: "hoàn thành 100% nv5", intent: { name: "mark_done", task: { kind: "code", code: "NV5" } } },
  {
    text: "NV5 xong 80%",
    intent: { name: "set_progress", task: { kind: "code", code: "NV5" }, percent: 80 },
  },
  { text: "viec quá hạng", intent: { name: "tasks_overdue" } },
  { text: "nhiem vuj cua toi", intent: { name: "my_tasks" } },
  { text: "xoong nv12", intent: { name: "mark_done", task: nv12 } },
  { text: "hoàn thàn nv12", intent: { name: "mark_done", task: nv12 } },
  { text: "danh sach nhiem vu qua han", intent: { name: "tasks_overdue" } },
];
