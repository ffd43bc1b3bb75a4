import type { Random } from "./random.js";

// Family names roughly by frequency in Vietnam.
const FAMILY: readonly [string, number][] = [
  ["Nguyễn", 30],
  ["Trần", 11],
  ["Lê", 10],
  ["Phạm", 7],
  ["Hoàng", 5],
  ["Phan", 4],
  ["Võ", 4],
  ["Đặng", 3],
  ["Bùi", 3],
  ["Đỗ", 3],
  ["Hồ", 2],
  ["Ngô", 2],
  ["Dương", 2],
  ["Trương", 1],
  ["Lý", 1],
];
const MALE_MIDDLE = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thanh", "Xuân"];
const FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng"];
// biome-ignore format: a word list reads better packed
const MALE_GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hải",
  "Hiếu",
  "Hòa",
  "Hùng",
  "Khánh",
  "Long",
  "Lợi",
  "Nam",
  "Nghĩa",
  "Phong",
  "Phúc",
  "Quang",
  "Sơn",
  "Tài",
  "Thắng",
  "Toàn",
  "Trung",
  "Tuấn",
  "Việt",
  "Vinh",
];
// biome-ignore format: a word list reads better packed
const FEMALE_GIVEN = [
  "Anh",
  "Chi",
  "Dung",
  "Giang",
  "Hà",
  "Hạnh",
  "Hiền",
  "Hoa",
  "Hương",
  "Lan",
  "Linh",
  "Loan",
  "Mai",
  "My",
  "Nga",
  "Ngân",
  "Nhung",
  "Oanh",
  "Phương",
  "Quyên",
  "Thảo",
  "Thủy",
  "Trang",
  "Yến",
];

/** A fictional Vietnamese full name: "Nguyễn Thị Thu Hà" style. */
export function vietnameseName(rng: Random): string {
  const family = rng.weighted(FAMILY, ([, weight]) => weight)[0];
  const female = rng.chance(0.5);
  const middle = rng.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE);
  const given = rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
  return `${family} ${middle} ${given}`;
}

/** A fictional mobile number; the "0900 0" prefix keeps demo numbers recognisable. */
export function demoPhone(rng: Random): string {
  return `09000${String(rng.int(0, 99_999)).padStart(5, "0")}`;
}
