// Telegram's HTML parse mode as the Bot API server checks it: only its tags, balanced, and every
// <, > and & outside a tag written as an entity. Returns the plain text or the server's error.

const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji"]);
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type HtmlResult = { readonly ok: true; readonly plain: string } | { readonly ok: false; readonly error: string };

export function parseTelegramHtml(html: string): HtmlResult {
  const stack: string[] = [];
  let plain = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const m = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/i.exec(html.slice(i));
      if (!m) return { ok: false, error: `Bad Request: can't parse entities: Unsupported start tag at byte offset ${i}` };
      const [whole, closing, name] = m as unknown as [string, string, string];
      const tag = name.toLowerCase();
      if (!TAGS.has(tag)) return { ok: false, error: `Bad Request: can't parse entities: Unsupported start tag "${tag}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== tag) return { ok: false, error: `Bad Request: can't parse entities: Unmatched end tag at byte offset ${i}, expected "</${stack[stack.length - 1] ?? ""}>", found "</${tag}>"` };
      } else {
        if (tag === "a" && !/href="[^"]*"/.test(m[3] ?? "")) return { ok: false, error: "Bad Request: can't parse entities: <a> without href" };
        stack.push(tag);
      }
      i += whole.length;
    } else if (ch === "&") {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/i.exec(html.slice(i));
      if (!m) return { ok: false, error: `Bad Request: can't parse entities: Can't find end of the entity starting at byte offset ${i}` };
      const e = m[1]!;
      plain += e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e.toLowerCase()]!;
      i += m[0].length;
    } else if (ch === ">") {
      return { ok: false, error: `Bad Request: can't parse entities: Unexpected end tag at byte offset ${i}` };
    } else {
      plain += ch;
      i++;
    }
  }
  if (stack.length > 0) return { ok: false, error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"` };
  return { ok: true, plain };
}
