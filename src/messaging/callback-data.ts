/**
 * The data a hidden button carries: `#verb:arg1:arg2`. Zalo posts a pressed button's
 * payload back as the user's text, so the transport recognises this shape to tell a
 * button press from typed text, and the bot writes it when it makes buttons.
 */
export interface CallbackData {
  verb: string;
  args: string[];
}

const CALLBACK = /^#([a-z]+)((?::[^:\s]+)*)$/;

export function decodeCallback(text: string | null | undefined): CallbackData | null {
  const m = text?.trim().match(CALLBACK);
  if (!m?.[1]) return null;
  return { verb: m[1], args: (m[2] ?? "").split(":").filter(Boolean) };
}

export function encodeCallback(verb: string, ...args: (string | number)[]): string {
  return [`#${verb}`, ...args.map(String)].join(":");
}
