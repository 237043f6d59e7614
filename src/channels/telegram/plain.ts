// A message Telegram refused for its HTML, as plain text: tags dropped, a link's address kept
// after its text, entities decoded. The last resort so a person always gets their answer.
import type { ApiCall } from "./render.js";

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_m, e: string) => {
    if (e[0] !== "#") return ENTITIES[e.toLowerCase()]!;
    const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return n <= 0x10ffff ? String.fromCodePoint(n) : "";
  });

export function htmlToPlain(html: string): string {
  return decode(
    html
      // `.*?"\s*>` takes the address up to the tag's last quote, even when a quote inside ended it early
      .replace(/<a\s+href="(.*?)"\s*>(.*?)<\/a>/gis, (_m, href: string, text: string) => {
        const url = decode(href);
        const label = text.replace(/<[^>]*>/g, "");
        return decode(label) === url ? label : `${label} (${href})`;
      })
      .replace(/<[^>]*>/g, ""),
  );
}

/** Telegram's answer to HTML it cannot parse. */
export const isEntityError = (description: string): boolean => /can't parse entities/i.test(description);

/** A sendMessage in HTML as the same message in plain text; undefined for other calls. */
export function plainPayload(call: ApiCall): (Omit<Extract<ApiCall, { method: "sendMessage" }>["payload"], "parse_mode"> & { text: string }) | undefined {
  if (call.method !== "sendMessage") return undefined;
  const { chat_id, link_preview_options, reply_markup } = call.payload;
  return { chat_id, link_preview_options, ...(reply_markup ? { reply_markup } : {}), text: htmlToPlain(call.payload.text) };
}
