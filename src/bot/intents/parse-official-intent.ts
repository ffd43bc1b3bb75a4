/**
 * Vietnamese chat message of a commune official → Intent. Pure, never throws.
 *
 * The message is normalised (normalize.ts), then ordered rules are tried, most specific
 * first: receipt code → (un)link → task code actions → list questions → task-title
 * actions → help/greeting/thanks fall-backs → unknown.
 *
 * Decisions on ambiguous phrases (see also src/domain/calendar/date-phrases/day-ranges.ts):
 * - A period wins over "của tôi": "việc của tôi tuần này" → tasks_due.
 * - A department wins over a period ("việc tư pháp tuần này" → department_tasks), but
 *   "quá hạn" wins over a department ("việc quá hạn của tư pháp" → tasks_overdue): the
 *   overdue list is the short, urgent one.
 * - "hồ sơ đến hạn" with no period → today; "sắp đến hạn" → the next 7 days; tasks
 *   "đến hạn"/"sắp đến hạn" with no period → the next 7 days.
 * - With a task code, the first action word decides ("gửi minh chứng NV12, đã xong" →
 *   attach_evidence). A percent means set_progress, except exactly 100% after
 *   "xong/hoàn thành" → mark_done. "chưa xong", "xong chưa?" are not mark_done (→ task_detail).
 * - Extension: `until` only from a stated date or period ("đến 30/7", "sang tuần sau"),
 *   rolled to next year only if it is more than ~6 months past and no year was written
 *   ("lùi sang 15/1" in November → next January); "xin thêm 1 tuần"
 *   has no original due date here, so until stays undefined and the phrase goes to reason.
 * - "ok", "vâng", "dạ" alone → thanks (an acknowledgement). A bare 6-digit number → link.
 */
import { addCalendarDays, dayKey, parseDayKey, toDayKey } from "../../domain/calendar/working-days.js";
import { findDayRange, type FoundRange } from "../../domain/calendar/date-phrases/index.js";
import type { DayRange, Intent, ReportMetric, TaskRef } from "./intent.js";
import { normalizeMessage, type NormalizedMessage, originalSlice } from "./normalize.js";
import { findReceiptCode } from "./receipt-code.js";
import { type CodeMatch, findTaskCode, queryRef } from "./task-ref.js";

const UNKNOWN: Intent = { name: "unknown" };

// ---------------------------------------------------------------------------
// Politeness and filler words

const PRONOUN = "(?:toi|em|anh|chi|minh|tui|tao|to|bac|chu|co|ban|bot|ad|admin|tro ly|moi nguoi|thay)";

/** Leading politeness ("cho anh hỏi", "em ơi", "giúp em", "anh muốn xem"). */
const LEADING = new RegExp(
  "^(?:" +
    [
      `${PRONOUN} oi`,
      "oi",
      "alo",
      "da",
      "vang",
      "thua",
      `(?:cho|xin cho) (?:${PRONOUN} )?(?:hoi|xin|biet|xem)(?: (?:voi|chut|ti|thu))?`,
      "cho xem",
      `(?:xin|cho) hoi`,
      `(?:lam on|vui long|nho|hay|giup|dum|gium)(?: ${PRONOUN})?`,
      `${PRONOUN} (?:muon|can|dang can|can phai)(?: (?:xem|biet|hoi|tra cuu|kiem tra))?`,
      `${PRONOUN} hoi`,
      "hoi",
    ].join("|") +
    ")(?: |$)",
);

/** Trailing politeness and question particles ("ạ", "nhé", "giúp em", "với", "không"). */
const TRAILING = new RegExp(
  "(?:^| )(?:" +
    [
      "a",
      "nhe",
      "nha",
      "nhen",
      "ne",
      "nhi",
      "ha",
      "hen",
      "voi",
      "di",
      "vay",
      "the",
      "oi",
      "\\?",
      "!",
      "khong",
      "chua",
      "duoc khong",
      "duoc",
      "roi",
      "giup",
      "dum",
      "gium",
      `(?:giup|dum|gium|ho|cho) ${PRONOUN}`,
      `${PRONOUN} oi`,
    ].join("|") +
    ")$",
);

/** A pronoun at the end is politeness, unless it is the owner ("việc của em"). */
const TRAILING_PRONOUN = new RegExp(`(?<!(?:^| )(?:cua|viec|vu|cho|sach|giao)) ${PRONOUN}$`);

/** Strip politeness at both ends until nothing changes. */
function stripPoliteness(text: string): string {
  let s = text;
  for (let i = 0; i < 20; i++) {
    const next = s.replace(LEADING, "").replace(TRAILING, "").replace(TRAILING_PRONOUN, "").trim();
    if (next === s) break;
    s = next;
  }
  return s;
}

/** Words that carry no request of their own: a message made only of these and keywords. */
const FILLER = new Set(
  (
    "co gi nao nhung cac khong chua roi da dang bi sap con xem cho toi em anh chi minh tui a nhe nha voi " +
    "di ha vay the la may cai danh sach liet ke tat ca het ca hien tai oi bot ad giup dum gium hoi biet " +
    "kiem tra check can phai lam nop xu ly duoc trong thi ai cua o ? gui hay tra ve bao nhieu nhieu " +
    "nay nua ne nhi ma va voi xin thong tin chi tiet nhu the nao ra sao sao ko k"
  ).split(" "),
);

function onlyFillers(text: string, ...remove: RegExp[]): boolean {
  let rest = text;
  for (const re of remove) rest = rest.replace(new RegExp(re.source, "g"), " ");
  return rest
    .split(" ")
    .filter((t) => t !== "")
    .every((t) => FILLER.has(t));
}

const cut = (text: string, found: FoundRange | undefined): string =>
  found ? `${text.slice(0, found.start)} ${text.slice(found.end)}`.replace(/\s+/g, " ").trim() : text;

// ---------------------------------------------------------------------------
// Vocabulary (on normalised text)

/** "làm việc" is "to work" ("xã làm việc thứ 7 không"), not a task. */
const TASK_WORD = /(?:^| )(?<!lam )(?:viec|cong viec|nhiem vu|dau viec|task|chi tieu)(?= |$)/;
const DOSSIER_WORD = /(?:^| )(?:ho so|tthc|thu tuc hanh chinh)(?= |$)/;
const OVERDUE =
  /(?:^| )(?<!sap )(?:(?:bi |da )?(?:qua han|tre han|qua hen|tre hen|ton dong|no dong|bi ton|con ton|tre(?! (?:em|con|nho|so sinh))(?: tien do)?|cham(?! (?:nhat|cong|diem))(?: tien do| tre)?))(?= |$)/;
/** "sắp đến hạn", "sắp hết hạn", "sắp trễ hạn": the next 7 days. */
const SOON = /(?:^| )sap (?:den|het|tre|qua|toi) (?:han|hen)(?= |$)/;
/** "hết hạn" is overdue ("hồ sơ hết hạn"), unless a day follows ("hết hạn hôm nay") or "sắp" precedes. */
const EXPIRED = /(?:^| )(?<!sap )(?:bi |da )?het han(?= |$)/;
const DUE =
  /(?:^| )(?:(?:sap )?(?:den han|toi han|het han)|sap (?:tre|qua) (?:han|hen)|con han|han|phai (?:nop|tra|xong|lam|hoan thanh)|can (?:nop|tra|xong|lam)|deadline)(?= |$)/;
const ON_TIME =
  /(?:ti|ty) le(?: (?:ho so|giai quyet|xu ly|tra|hoan thanh|nhiem vu|viec|cong viec|ket qua))* (?:dung|truoc|tre|qua) (?:han|hen)|(?:bao nhieu|may) (?:%|phan tram)(?: (?:ho so|viec|nhiem vu))?(?: (?:duoc )?(?:giai quyet|xu ly|tra|hoan thanh))? (?:dung|truoc) (?:han|hen)|(?:dung|truoc) (?:han|hen) (?:bao nhieu|may) (?:%|phan tram)/;
const STATS =
  /(?:^| )(?:thong ke|so lieu|bao cao nhanh|bao cao tong hop|tong hop|tong quan|tinh hinh|dashboard|bao cao so lieu)(?= |$)/;
const HELP =
  /(?:^| )(?:lam (?:duoc )?(?:nhung )?(?:gi|viec gi)|huong dan|tro giup|menu|help|(?:chuc nang|tinh nang) (?:gi|nao)|cach (?:su )?dung|(?:lam sao|lam the nao|cach nao) de|(?:su )?dung (?:nhu the nao|the nao|ra sao))(?= |$)/;

/** Departments people name without "của" ("việc văn phòng", "Địa chính có việc gì"). */
const DEPT_NAMES =
  "(?:van phong(?: ubnd)?|tu phap(?: ho tich)?|dia chinh(?: xay dung)?|mot cua|tiep nhan va tra ket qua|tn & tkq|ke toan(?: tai chinh)?|vh tt|van hoa thong tin|cong an|quan su|ldtbxh|mttq)(?: xa)?";
const DEPT_PREFIX = "(?:bo phan|nganh|linh vuc|phong|ban|to)";
const DEPT_AFTER_TASK = new RegExp(
  `(?:viec|cong viec|nhiem vu) (?:(${DEPT_PREFIX} .+)|(?:${DEPT_PREFIX} )?(${DEPT_NAMES})(?= |$))`,
);
const DEPT_BEFORE_TASK = new RegExp(
  `^(?:${DEPT_PREFIX} )?(${DEPT_NAMES}) (?:co|con|dang co|duoc giao)(?: nhung| cac)? (?:viec|cong viec|nhiem vu)`,
);
const OWNER =
  /(?:viec|cong viec|nhiem vu|dau viec)(?: (?:duoc giao|hien tai|dang co|con lai|dang lam))?(?: (?:cua|cho|thuoc|ben|giao cho)) (.+)$/;
const SELF = /^(?:toi|em|anh|chi|minh|tui|tao|to|ban than|rieng toi|minh toi)(?= |$)/;

/** "tôi", "em", "tôi còn hạn": the owner is the person asking. */
function isSelf(owner: string): boolean {
  const m = SELF.exec(owner);
  return m !== null && onlyFillers(owner.slice(m[0].length), DUE);
}

const MY_TASKS = [
  /(?:^| )(?:toi|em|anh|chi|minh|tui) (?:co|dang co|con|duoc giao|phai lam)(?: nhung| cac)? (?:viec|nhiem vu|cong viec)/,
  /(?:^| )danh sach (?:viec|nhiem vu|cong viec)/,
  /(?:^| )(?:viec|cong viec|nhiem vu) (?:duoc giao|can lam|phai lam|cua minh|dang lam|con lai|chua xong|dang xu ly|cua toi)(?= |$)/,
  /^(?:xem )?(?:viec|cong viec|nhiem vu|danh sach)(?: (?:toi|em|anh|chi|minh|tui))?$/,
];

// ---------------------------------------------------------------------------
// Task actions

type ActionName = "task_history" | "request_extension" | "attach_evidence" | "mark_done";

const ACTIONS: [ActionName, RegExp][] = [
  ["task_history", /(?:^| )(?:xem )?(?:lich su|nhat ky|qua trinh xu ly|dien bien)(?= |$)/g],
  [
    "request_extension",
    /(?:^| )(?:xin )?(?:gia han|lui han|doi han|xin han|keo dai(?: thoi gian| han)?|xin lui|lui (?:sang|den|toi|lai)|doi (?:sang|den|toi)|xin them)(?= |$)/g,
  ],
  [
    "attach_evidence",
    /(?:^| )(?:(?:gui|nop|up|tai len|dinh kem|bo sung) (?:cho )?)?(?:minh chung|bang chung)|(?:^| )(?:gui|nop|up|tai len|dinh kem|upload|bo sung) (?:cho )?(?:file|tai lieu|anh|hinh|hinh anh|ban scan|scan)(?= |$)|(?:^| )(?:dinh kem|upload|tai len)(?= |$)/g,
  ],
  ["mark_done", /(?:^| )(?:da )?(?:lam )?(?:xong|hoan thanh|hoan tat|done|ket thuc|finish|ok roi)(?= |$)/g],
];

/** "chưa xong", "sắp hoàn thành" … before, or a question after ("xong chưa?"). */
const NOT_DONE_BEFORE = /(?:^| )(?:chua|khong|sap|dang|gan|truoc khi|chua the|chua lam|khong the)$/;
const QUESTION_AFTER =
  /^ (?:chua|khong|hay chua|hay khong|duoc chua|duoc khong|the nao|khi nao|bao gio)(?= |$)/;

interface ActionMatch {
  name: ActionName;
  start: number;
  end: number;
}

function findActions(text: string): ActionMatch[] {
  const found: ActionMatch[] = [];
  for (const [name, re] of ACTIONS) {
    for (const m of text.matchAll(re)) {
      const start = m.index + (m[0].startsWith(" ") ? 1 : 0);
      const end = m.index + m[0].length;
      if (name === "mark_done") {
        if (NOT_DONE_BEFORE.test(text.slice(0, start).trimEnd())) continue;
        if (QUESTION_AFTER.test(text.slice(end))) continue;
      }
      found.push({ name, start, end });
      break;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const PERCENT = /(?<![\d/.])(\d{1,4}(?:\.\d+)?) ?(?:%|phan tram)/;
const BARE_PROGRESS =
  /(?:^| )(?:tien do|dat|len|muc)(?: la| duoc)? (\d{1,4})(?![\d/.])(?! ?(?:ngay|tuan|thang|nam|gio))/;

function findPercent(text: string): { percent: number; start: number; end: number } | undefined {
  const m = PERCENT.exec(text) ?? BARE_PROGRESS.exec(text);
  if (!m) return undefined;
  const start = m.index + (m[0].startsWith(" ") ? 1 : 0);
  return { percent: Math.round(Number(m[1])), start, end: m.index + m[0].length };
}

// ---------------------------------------------------------------------------
// Notes and reasons (cut from the original text, with diacritics)

const NOTE_EDGE_LEADING = new Set([
  "duoc",
  "dat",
  "len",
  "la",
  "muc",
  "khoang",
  "roi",
  "r",
  "va",
  "thi",
  "em",
  "anh",
  "chi",
  "a",
]);
const NOTE_EDGE_TRAILING = new Set([
  "a",
  "nhe",
  "nha",
  "nhen",
  "roi",
  "r",
  "em",
  "anh",
  "chi",
  "oi",
  "voi",
  "nhe",
]);
const foldWord = (w: string): string => normalizeMessage(w).text;

function cleanNote(raw: string): string | undefined {
  const words = raw.split(/\s+/).filter((w) => w !== "");
  const isPunct = (w: string): boolean => foldWord(w) === "";
  while (
    words.length > 0 &&
    (isPunct(words[0] as string) || NOTE_EDGE_LEADING.has(foldWord(words[0] as string)))
  )
    words.shift();
  while (
    words.length > 0 &&
    (isPunct(words[words.length - 1] as string) ||
      NOTE_EDGE_TRAILING.has(foldWord(words[words.length - 1] as string)))
  )
    words.pop();
  // "…, cảm ơn em" closing a report is not part of the note.
  const tail = words.slice(-3).map(foldWord).join(" ");
  const thanks = /(?:^| )cam on(?: (?:em|anh|chi|nhieu))?$/.exec(tail);
  if (thanks) words.splice(words.length - thanks[0].trim().split(" ").length);
  const note = words
    .join(" ")
    .replace(/\s+([,.;:!?])/g, "$1") // punctuation left around a removed word
    .replace(/[,.;:]+(?=[,.;:])/g, "")
    .replace(/^[\s,.;:!?–—-]+|[\s,.;:!?–—-]+$/g, "")
    .trim();
  return note === "" ? undefined : note;
}

/** The original text with the normalised spans removed. */
function remainder(msg: NormalizedMessage, spans: [number, number][]): string {
  const cuts = spans
    .filter(([a, b]) => b > a)
    .map(([a, b]): [number, number] => [msg.starts[a] as number, msg.ends[b - 1] as number])
    .sort((x, y) => x[0] - y[0]);
  let out = "";
  let pos = 0;
  for (const [a, b] of cuts) {
    if (a > pos) out += `${msg.original.slice(pos, a)} `;
    pos = Math.max(pos, b);
  }
  return out + msg.original.slice(pos);
}

/** "vì …", "do …", "lý do …" (not the "độ" of "tiến độ"). */
const BECAUSE = /(?:^| )(?:vi ly do|ly do la|ly do|nguyen nhan|boi vi|tai vi|vi|(?<!tien )do)(?= )/;
/** "xin thêm 1 tuần", "gia hạn 7 ngày nữa": a length, not a date. */
const DURATION =
  /(?:^| )(?:xin )?(?:gia han |lui han |lui |keo dai |doi han )?(?:them )?(?:\d{1,3}|mot|hai|ba|bon|nam|muoi) (?:ngay|tuan|thang)(?: (?:nua|lam viec))?(?= |$)/;

type Extension = Extract<Intent, { name: "request_extension" }>;

function extensionIntent(msg: NormalizedMessage, task: TaskRef, today: string): Extension {
  const text = msg.text;
  const because = BECAUSE.exec(text);
  const head = because ? text.slice(0, because.index) : text;
  const duration = DURATION.exec(head);
  const durationStart = duration ? duration.index + (duration[0].startsWith(" ") ? 1 : 0) : -1;
  const durationEnd = duration ? duration.index + duration[0].length : -1;
  // Hide the duration from the date search ("thêm 7 ngày nữa" is not "7 ngày tới").
  const dateText = duration
    ? head.slice(0, durationStart) + " ".repeat(durationEnd - durationStart) + head.slice(durationEnd)
    : head;
  const intent: Extension = { name: "request_extension", task };

  const found = findDayRange(dateText, today);
  if (found) {
    let until = found.range.to;
    if (!found.yearGiven && until < addCalendarDays(today, -183)) {
      // An extension goes forward: "lùi sang 15/1" asked in November means next January.
      // A recently past day ("đến 30/7" in November) stays as written, for the handler to refuse.
      const { year, month, day } = parseDayKey(until);
      until = toDayKey(year + 1, month, month === 2 && day === 29 ? 28 : day);
    }
    intent.until = until;
  }

  let reason: string | undefined;
  if (because) {
    // With both ("xin thêm 1 tuần vì chờ huyện"), keep the whole phrase.
    const from = duration ? durationStart : because.index + because[0].length;
    reason = cleanNote(originalSlice(msg, from, text.length));
  } else if (duration) {
    reason = cleanNote(originalSlice(msg, durationStart, durationEnd));
  }
  if (reason) intent.reason = reason;
  return intent;
}

type Span = [start: number, end: number];

function doneIntent(msg: NormalizedMessage, task: TaskRef, spans: Span[]): Intent {
  const note = cleanNote(remainder(msg, spans));
  return note ? { name: "mark_done", task, note } : { name: "mark_done", task };
}

/** Intents about one task named by its code. */
function codeIntent(msg: NormalizedMessage, code: CodeMatch, today: string): Intent {
  const text = msg.text;
  const task = code.ref;
  const first = findActions(text)[0];
  const codeSpan: Span = [code.start, code.end];
  if (first?.name === "task_history" || first?.name === "attach_evidence") return { name: first.name, task };
  if (first?.name === "request_extension") return extensionIntent(msg, task, today);

  const blanked = text.slice(0, code.start) + " ".repeat(code.end - code.start) + text.slice(code.end);
  const pct = findPercent(blanked);
  if (!pct)
    return first
      ? doneIntent(msg, task, [codeSpan, [first.start, first.end]])
      : { name: "task_detail", task };
  if (pct.percent > 100) return UNKNOWN;

  const spans: Span[] = [codeSpan, [pct.start, pct.end]];
  if (first) {
    spans.push([first.start, first.end]);
    // "xong 100%" is done; "hoàn thành 70%" is progress.
    if (pct.percent === 100) return doneIntent(msg, task, spans);
  }
  for (const w of text.matchAll(/(?:^| )(?:bao cao |cap nhat )?(?:tien do|cap nhat)(?= |$)/g)) {
    spans.push([w.index, w.index + w[0].length]);
  }
  const note = cleanNote(remainder(msg, spans));
  return note
    ? { name: "set_progress", task, percent: pct.percent, note }
    : { name: "set_progress", task, percent: pct.percent };
}

// ---------------------------------------------------------------------------
// Intents about a task named by title words

const TASK_NOUN = "(?:cai |cho )?(?:viec|cong viec|nhiem vu|dau viec)";

/** "xong việc báo cáo quý", "gia hạn việc X đến 30/12", "lịch sử việc X", "xem việc X". */
function leadingQueryAction(
  msg: NormalizedMessage,
  core: string,
  today: string,
  detail: boolean,
): Intent | undefined {
  const verbs = detail
    ? "(?:xem|chi tiet|tim|tim kiem|tra cuu|thong tin|kiem tra)(?: (?:chi tiet|thong tin|lai))?"
    : "(?:xin )?(?:da )?(?:lam )?(?:xong|hoan thanh|hoan tat|done|gia han|lui han|doi han|lich su|minh chung|(?:gui|nop|up|bo sung) minh chung)";
  const m = new RegExp(`^(${verbs}) ${TASK_NOUN} (.+)$`).exec(core);
  if (!m) return undefined;
  const verb = m[1] as string;
  let words = m[2] as string;
  if (detail) {
    const task = queryRef(words);
    return task && { name: "task_detail", task };
  }
  // findActions skips a question ("xong việc X chưa") or a negation: not a report.
  const action = findActions(msg.text)[0];
  if (!action) return undefined;
  if (action.name === "request_extension") {
    words = cut(words, findDayRange(words, today));
    const b = BECAUSE.exec(words);
    if (b) words = words.slice(0, b.index);
    const task = queryRef(words);
    return task && extensionIntent(msg, task, today);
  }
  const task = queryRef(words);
  if (!task) return undefined;
  if (/lich su/.test(verb)) return { name: "task_history", task };
  if (/minh chung/.test(verb)) return { name: "attach_evidence", task };
  return { name: "mark_done", task };
}

/** "việc báo cáo quý xong rồi", "việc báo cáo quý thế nào rồi". */
function trailingQueryAction(msg: NormalizedMessage, core: string): Intent | undefined {
  const done = new RegExp(`^${TASK_NOUN} (.+?) (?:da )?(?:lam )?(?:xong|hoan thanh|hoan tat)$`).exec(core);
  if (done && findActions(msg.text).some((a) => a.name === "mark_done")) {
    const task = queryRef(done[1] as string);
    if (task) return { name: "mark_done", task };
  }
  const how = new RegExp(
    `^${TASK_NOUN} (.+?) (?:the nao|sao|ra sao|den dau|toi dau|tien do ra sao|xong chua|da xong chua|nhu the nao)(?: roi)?$`,
  ).exec(core);
  if (how) {
    const task = queryRef(how[1] as string);
    if (task) return { name: "task_detail", task };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Whole-message intents

const GREETING_WORDS = new Set(
  "xin chao hi hello helo hey alo a lo em anh chi ban bot tro ly ad admin buoi sang chieu toi trua moi nguoi oi ca nha nhe nha".split(
    " ",
  ),
);
const GREETING_CORE = /(?:^| )(?:chao|hi|hello|helo|hey|alo|a lo)(?= |$)/;
const THANKS_WORDS = new Set(
  "ok cam on nhieu rat nhe em anh chi a nha roi duoc tot qua vang da u uh uk ukm ban bot tro ly you so much very nhe thi nhan ro hieu biet".split(
    " ",
  ),
);
const THANKS_CORE = /(?:^| )(?:cam on|ok|vang|da|uh|uk|ukm)(?= |$)/;
const MORE =
  /^(?:xem |cho xem )?(?:them|tiep|tiep tuc|nua|con nua|con|more|next|trang sau|trang tiep|xem nua)(?: (?:di|nua|theo|tiep|them))*$/;

/** A thumbs-up or similar sent alone is an acknowledgement. */
const ACK_EMOJI =
  /^(?=\s*\S)(?:\s|👍|🙏|👌|🤝|❤|♥|😊|🥰|💯|\uFE0F|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF})+$/u;

const tokensIn = (text: string, vocabulary: Set<string>): boolean =>
  text.split(" ").every((t) => vocabulary.has(t));

function wholeMessage(raw: string, core: string): Intent | undefined {
  if (/^[?\s]+$/.test(raw)) return { name: "help" };
  if (core === "") {
    if (/(?:^| )giup(?: |$)/.test(raw)) return { name: "help" };
    if (/(?:^| )(?:vang|da|ok)(?: |$)/.test(raw)) return { name: "thanks" };
    if (/(?:^| )(?:oi|alo)(?: |$)/.test(raw)) return { name: "greeting" };
    return undefined;
  }
  if (
    /^(?:menu|huong dan(?: su dung)?|giup(?: do)?|tro giup|help|lenh|cac lenh|chuc nang|tinh nang|start|bat dau)$/.test(
      core,
    )
  )
    return { name: "help" };
  if (MORE.test(core)) return { name: "more" };
  if (GREETING_CORE.test(core) && tokensIn(core, GREETING_WORDS)) return { name: "greeting" };
  if (THANKS_CORE.test(core) && tokensIn(core, THANKS_WORDS)) return { name: "thanks" };
  return undefined;
}

// ---------------------------------------------------------------------------
// The CCHC report

/** "6 tháng", "9 tháng" without "đầu năm", and "năm" alone: of this year. */
function reportRange(rest: string, today: string): { range?: DayRange } | undefined {
  const words = rest.trim();
  if (words === "") return {};
  const year = today.slice(0, 4);
  const months = /^(6|9) thang(?: (?:dau nam|nay))?$/.exec(words);
  if (months) {
    const last = months[1] === "6" ? "06-30" : "09-30";
    return {
      range: { from: `${year}-01-01`, to: `${year}-${last}`, label: `${months[1]} tháng đầu năm ${year}` },
    };
  }
  if (words === "nam" || words === "ca nam")
    return { range: { from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}` } };
  const found = findDayRange(words, today);
  if (found && onlyFillers(cut(words, found))) return { range: found.range };
  return undefined;
}

const REPORT =
  /^(?:(?:xem|lay|gui|xuat|lam) |cho (?:toi|em|anh|chi) (?:xin |xem )?)?bao cao(?: (?:cchc|cai cach hanh chinh|ket qua cchc|ket qua cai cach hanh chinh|dinh ky))?(?: (.*))?$/;
const RATE_WORD = /(?:^| )(?:ti le|ty le|tl|bao nhieu %|may %|bao nhieu phan tram|may phan tram)(?= |$)/;
const METRICS: [ReportMetric, RegExp][] = [
  ["online_payment", /(?:^| )thanh toan(?: (?:truc tuyen|online|qua mang|dien tu))?(?= |$)/],
  ["fully_online", /(?:^| )toan trinh(?= |$)/],
  ["digitisation", /(?:^| )so hoa(?= |$)/],
  ["electronic_result", /(?:^| )ket qua (?:dien tu|so)(?= |$)/],
  ["apology", /(?:^| )xin loi(?= |$)/],
  ["online", /(?:^| )(?:truc tuyen|online|dvctt|dich vu cong|qua mang)(?= |$)/],
];
const PAR_RISK =
  /^(?:xem )?(?:(?:rui ro|nguy co)(?: mat diem)?(?: (?:chi so|par index|par|cchc|cai cach hanh chinh|diem))*|(?:chi so par|par index)(?: (?:rui ro|nguy co))?|(?:co )?(?:nguy co )?mat diem (?:chi so|par|cchc)(?: (?:o dau|cho nao|gi))?)(?: (?:the nao|ra sao|nao|gi))?$/;
const DEPT_REMAINING =
  /^(?:(?:ben|bo phan|nganh|phong|linh vuc) )?(.+?) (?:con|dang con|con lai|con ton) (?:may|bao nhieu) (?:viec|nhiem vu|cong viec|dau viec)(?: (?:nua|chua xong|chua lam|chua hoan thanh|the))*$/;

function reportIntent(text: string, core: string, today: string): Intent | undefined {
  if (PAR_RISK.test(core)) return { name: "par_risk" };
  if (RATE_WORD.test(text)) {
    const metric = METRICS.find(([, re]) => re.test(text));
    if (metric) {
      const found = findDayRange(text, today);
      return { name: "report_rate", metric: metric[0], ...(found ? { range: found.range } : {}) };
    }
  }
  const report = REPORT.exec(core);
  // "báo cáo quý 3 nộp chưa" asks about the report as a task, not for its figures.
  if (report && !/(?:^| )(?:nop|gui|xong|hoan thanh|lam|chua|roi|han)(?= |$)/.test(report[1] ?? "")) {
    const range = reportRange(report[1] ?? "", today);
    if (range) return { name: "report", ...range };
  }
  const remaining = DEPT_REMAINING.exec(core);
  if (remaining && !isSelf(remaining[1] as string) && !TASK_WORD.test(remaining[1] as string))
    return { name: "department_remaining", department: remaining[1] as string };
  return undefined;
}

// ---------------------------------------------------------------------------
// Lists

/** Words after a department name that are not part of it ("việc của tư pháp có gì không"). */
const DEPT_TRAILING = new Set(
  "a nhe nha voi di khong chua roi gi nao co ha vay the oi em anh chi ? giup dum gium nhung cac con dang han la".split(
    " ",
  ),
);

/** Department words after "của"/prefix, without a period phrase or trailing fillers. */
function departmentOf(words: string, today: string): string | undefined {
  let dept = cut(words, findDayRange(words, today));
  dept = dept.replace(new RegExp(`^${DEPT_PREFIX} (?=.)`), "");
  const tokens = dept.split(" ").filter((t) => t !== "");
  while (tokens.length > 0 && DEPT_TRAILING.has(tokens[tokens.length - 1] as string)) tokens.pop();
  const result = tokens.join(" ");
  return result === "" ? undefined : result;
}

function listIntent(text: string, core: string, today: string): Intent | undefined {
  const found = findDayRange(text, today);
  const range: DayRange | undefined = found?.range;
  const hasTask = TASK_WORD.test(text);
  const hasDossier = DOSSIER_WORD.test(text);
  const overdue = OVERDUE.test(text) || (!range && EXPIRED.test(text));
  const rangeOf = (): { range?: DayRange } => (range ? { range } : {});

  if (ON_TIME.test(text)) return { name: "on_time_rate", ...rangeOf() };

  if (overdue && hasDossier) return { name: "dossiers_overdue" };
  if (overdue && (hasTask || onlyFillers(cut(text, found), OVERDUE, EXPIRED)))
    return { name: "tasks_overdue" };

  const owner = OWNER.exec(cut(core, findDayRange(core, today)));
  if (owner && !hasDossier) {
    const dept = departmentOf(owner[1] as string, today);
    if (dept === undefined || isSelf(dept))
      return range ? { name: "tasks_due", range } : { name: "my_tasks" };
    return { name: "department_tasks", department: dept };
  }

  if (STATS.test(text)) return { name: "stats", ...rangeOf() };

  if (hasDossier) {
    const due = DUE.exec(text);
    if (range) return { name: "dossiers_due", range };
    if (due) {
      const soon = SOON.test(text);
      const to = soon ? 7 : 0;
      return { name: "dossiers_due", range: nextDays(today, to, soon ? "7 ngày tới" : "hôm nay") };
    }
    return undefined;
  }

  const dept = DEPT_AFTER_TASK.exec(core) ?? DEPT_BEFORE_TASK.exec(core);
  if (dept) {
    const name = departmentOf((dept[1] ?? dept[2]) as string, today);
    if (name) return { name: "department_tasks", department: name };
  }

  const due = DUE.test(text);
  if (range && (hasTask || due || onlyFillers(cut(text, found), DUE))) return { name: "tasks_due", range };
  if (
    SOON.test(text) ||
    (/(?:^| )(?:den han|toi han)(?= |$)/.test(text) && (hasTask || onlyFillers(text, DUE)))
  ) {
    return { name: "tasks_due", range: nextDays(today, 7, "7 ngày tới") };
  }

  if (MY_TASKS.some((re) => re.test(core))) return { name: "my_tasks" };
  if (hasTask && onlyFillers(core, TASK_WORD)) return { name: "my_tasks" };
  return undefined;
}

const nextDays = (today: string, n: number, label: string): DayRange => ({
  from: today,
  to: addCalendarDays(today, n),
  label,
});

// ---------------------------------------------------------------------------

/**
 * "đăng ký 482913", "mã đăng ký của tôi là 482913", "mã 482913". The whole message must be
 * about linking: task notes mention "đăng ký", "kích hoạt 2500 tài khoản" and "xóa đăng
 * ký thường trú" all the time, and reading them as link commands would unlink an official
 * or count towards the wrong-code lock-out. Codes are always six digits.
 */
const LINK =
  /^(?:(?:toi|em|anh|chi) )?(?:(?:dang ky|lien ket|ket noi)(?: [a-z]+){0,4}|ma(?: (?:lien ket|dang ky|so))?(?: cua (?:toi|em|anh|chi))?(?: la)?)(?: ma(?: la)?)? (\d{4,8})$/;
/** "hủy liên kết", "không dùng nữa, hủy đăng ký": the unlink phrase ends the message. */
const UNLINK =
  /^(?:[a-z]+ ){0,5}(?:(?:huy|ngat|bo|go|xoa|dung|ngung)(?: bo)? (?:lien ket|dang ky|ket noi)|(?:khong|thoi) (?:lien ket|ket noi) nua)(?: (?:tai khoan|zalo|voi|tro ly|nay|cua toi|cua em))*$/;

function parse(msg: NormalizedMessage, now: Date): Intent {
  const text = msg.text;
  if (ACK_EMOJI.test(msg.original)) return { name: "thanks" };
  if (text === "") return UNKNOWN;
  const today = dayKey(now);
  const core = stripPoliteness(text);

  const whole = wholeMessage(text, core);
  if (whole) return whole;

  const receipt = findReceiptCode(msg.original);
  if (receipt) return { name: "dossier_lookup", receiptCode: receipt };

  if (UNLINK.test(core)) return { name: "unlink" };
  const link = LINK.exec(core);
  if (link) {
    const n = Number(link[1]);
    const looksLikeYear = (link[1] as string).length === 4 && n >= 1900 && n <= 2199;
    if (!looksLikeYear) return { name: "link", code: link[1] as string };
  }
  if (/^\d{6}$/.test(core)) return { name: "link", code: core };

  const code = findTaskCode(text);
  if (code) return codeIntent(msg, code, today);

  const leading = leadingQueryAction(msg, core, today, false);
  if (leading) return leading;

  const report = reportIntent(text, core, today);
  if (report) return report;

  const list = listIntent(text, core, today);
  if (list) return list;

  const query = leadingQueryAction(msg, core, today, true) ?? trailingQueryAction(msg, core);
  if (query) return query;

  if (HELP.test(text)) return { name: "help" };
  if (GREETING_CORE.test(core.split(" ").slice(0, 2).join(" "))) return { name: "greeting" };
  if (/(?:^| )cam on(?= |$)/.test(text)) return { name: "thanks" };
  return UNKNOWN;
}

/** What an official's message asks for; `now` fixes "hôm nay", "tuần này"… (Asia/Ho_Chi_Minh). */
export function parseOfficialIntent(text: string, now: Date): Intent {
  if (typeof text !== "string") return UNKNOWN;
  return parseOfficialMessage(normalizeMessage(text), now);
}

/** The same, for a message already normalised (the bot normalises each message once). */
export function parseOfficialMessage(msg: NormalizedMessage, now: Date): Intent {
  try {
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) return UNKNOWN;
    return parse(msg, now);
  } catch {
    return UNKNOWN;
  }
}
