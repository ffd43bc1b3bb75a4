/** Zalo's limit for one consultation text message. */
export const ZALO_TEXT_LIMIT = 2000;

/**
 * Splits text into chunks of at most `limit` characters, preferring paragraph breaks,
 * then line breaks, then sentence ends, then spaces; a single unbroken run longer than
 * the limit is cut hard. Counts UTF-16 code units, as Zalo's limit is applied to the
 * string length.
 */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut =
      lastBreak(window, /\n\s*\n/g) ??
      lastBreak(window, /\n/g) ??
      lastBreak(window, /[.!?…](?=\s)/g, 1) ??
      lastBreak(window, /\s/g) ??
      limit;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

/** Index just after the last match that ends within the limit, or null; never 0 (no progress). */
function lastBreak(window: string, pattern: RegExp, keep = 0): number | null {
  let found: number | null = null;
  const limit = window.length - 1;
  for (const m of window.matchAll(pattern)) {
    const end = m.index + (keep || m[0].length);
    if (end > 0 && end <= limit) found = end;
  }
  return found;
}
