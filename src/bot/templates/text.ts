/** One line of at most `max` characters, with "…" when cut (phone screens, button titles). */
export function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The hotline as a number a phone can dial ("0200 3 812 345" → "02003812345"), or null when
 * it is not one ("Zalo OA", two numbers): Zalo's call button takes digits only.
 */
export function dialable(hotline: string): string | null {
  const compact = hotline.replace(/[\s.()-]/g, "");
  return /^\+?\d{3,15}$/.test(compact) ? compact : null;
}
