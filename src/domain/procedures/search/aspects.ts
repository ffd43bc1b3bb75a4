/**
 * What a citizen wants to know about a procedure: the documents, how long it takes, the
 * fee, where to file, the steps, whether it can be done online, who is eligible. Patterns
 * run on normalised text (folded, teencode expanded), so "bn tien", "bao nhiêu tiền" and
 * "bao nhieu tien" are one case.
 *
 * Each pattern is strong (it names the aspect: "lệ phí", "mấy ngày") or weak (it only
 * hints at it: "được không" for eligibility, "làm sao" for steps). Weak hints count only
 * when no strong pattern matched. Aspects come out strong-first, then in the order the
 * message mentions them; "general" when nothing matched.
 */
import { normalizeText } from "./normalize.js";

export type Aspect = "documents" | "time" | "fee" | "where" | "steps" | "online" | "eligibility" | "general";

interface AspectPatterns {
  aspect: Exclude<Aspect, "general">;
  strong: readonly RegExp[];
  weak?: readonly RegExp[];
}

/** Word-bounded pattern over normalised text. */
const w = (source: string) => new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`);

const ASPECTS: readonly AspectPatterns[] = [
  {
    aspect: "documents",
    strong: [
      w("giay to|ho so|thanh phan ho so|to khai|mau don|don mau|bieu mau|mau to khai"),
      w("can (?:nhung |mang |chuan bi |nop )?(?:gi|nhung gi|cai gi)"),
      w("mang (?:theo|gi)|chuan bi (?:gi|nhung gi)|gom (?:nhung |co )?(?:gi|nhung gi)|gom nhung"),
      w("ban sao (?:hay|hoac) ban chinh|ban chinh (?:hay|hoac) ban sao|ban photo|bao nhieu bo"),
    ],
  },
  {
    aspect: "time",
    strong: [
      w("bao lau|may ngay|bao nhieu ngay|may hom|may tuan|bao nhieu lau|lau khong|lau vay|lau the"),
      w("khi nao (?:co|xong|lay|nhan)|bao gio (?:co|xong|lay|nhan)|thoi gian|thoi han|het han"),
      w("lay (?:duoc )?ngay|co ngay|trong ngay|lam gap|lay gap|lam nhanh|mat may|xong chua|bao gio xong"),
    ],
  },
  {
    aspect: "fee",
    strong: [
      w("le phi|phi|chi phi|mien phi|bao nhieu tien|ton (?:bao nhieu|tien|phi|kem)|mat (?:phi|tien)"),
      w(
        "het bao nhieu|dong (?:tien|phi)|tra tien|nop tien|nop phi|gia bao nhieu|bao nhieu mot ban|tien (?:le phi|lam)",
      ),
    ],
    weak: [w("tien|bao nhieu")],
  },
  {
    aspect: "where",
    strong: [
      w("o dau|tai dau|cho nao|noi nao|den dau|di dau|nop dau|lam dau|co quan nao|don vi nao"),
      w(
        "dia chi|phong nao|ban nao|bo phan nao|mot cua|xa hay huyen|huyen hay xa|xa hay tinh|len xa|ra xa|len huyen",
      ),
    ],
  },
  {
    aspect: "steps",
    strong: [
      w("cac buoc|may buoc|trinh tu|quy trinh|cach lam|huong dan|thu tuc (?:the nao|nhu the nao|ra sao|gi)"),
      w("(?:can|phai) lam (?:gi|nhung gi|sao|the nao)|lam (?:the nao|nhu the nao|ra sao)"),
    ],
    weak: [w("lam sao|the nao|ra sao|nhu the nao|sao")],
  },
  {
    aspect: "online",
    strong: [
      w("online|truc tuyen|qua mang|tren mang|dich vu cong|cong dich vu|vneid|qua zalo|qua app|tren app"),
      w(
        "buu dien|buu chinh|gui qua|khong (?:can|phai) (?:len|den|ra|di)|tai nha (?:duoc|khong)|lam tu xa|o xa",
      ),
    ],
  },
  {
    aspect: "eligibility",
    strong: [
      w("ai (?:duoc|co the|phai|di)|dieu kien|doi tuong|truong hop nao|co thuoc|duoc phep|bat buoc"),
      w("co (?:du|dat) (?:dieu kien|tieu chuan)|du tuoi|bao nhieu tuoi|may tuoi|co bi cam|co can phai"),
      w("\\d+ tuoi (?:co |thi )?(?:duoc|du|co the)"),
    ],
    weak: [
      w("co duoc khong|duoc khong|co the|co phai|duoc ko|co can|co bi|uy quyen|nho nguoi"),
      w("co (?:duoc|the) (?:[a-z0-9]+ ){0,6}khong"),
    ],
  },
];

/** The aspects a message asks about, most salient first; ["general"] when none. */
export function detectAspects(text: string): Aspect[] {
  const normalized = normalizeText(text);
  const found: Array<{ aspect: Aspect; strong: boolean; position: number }> = [];
  for (const { aspect, strong, weak = [] } of ASPECTS) {
    const strongAt = firstMatch(strong, normalized);
    if (strongAt !== undefined) {
      found.push({ aspect, strong: true, position: strongAt });
      continue;
    }
    const weakAt = firstMatch(weak, normalized);
    if (weakAt !== undefined) found.push({ aspect, strong: false, position: weakAt });
  }
  const anyStrong = found.some((f) => f.strong);
  const kept = found
    .filter((f) => f.strong || !anyStrong)
    .sort((a, b) => Number(b.strong) - Number(a.strong) || a.position - b.position);
  return kept.length > 0 ? kept.map((f) => f.aspect) : ["general"];
}

function firstMatch(patterns: readonly RegExp[], text: string): number | undefined {
  let first: number | undefined;
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m && (first === undefined || m.index < first)) first = m.index;
  }
  return first;
}
