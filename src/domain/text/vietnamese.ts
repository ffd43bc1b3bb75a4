/**
 * Vietnamese text in the one form every matcher compares: the officials' intents, the
 * procedure search, plan deadlines and department names. People type with or without tone
 * marks, with the wrong ones, in composed or decomposed Unicode; folding both the message
 * and what it is matched against makes all of these meet.
 */

/** The text in Unicode NFC, or "" for anything that is not a string (a payload field gone wrong). */
export function nfc(text: string): string {
  return typeof text === "string" ? text.normalize("NFC") : "";
}

/** NFC, lower case, tone marks folded away (đ → d), whitespace collapsed and trimmed. */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/đ/g, "d")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Folded, then anything but a-z and 0-9 → one space: the folded words, space-separated. */
export function foldText(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
