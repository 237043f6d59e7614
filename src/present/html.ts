// Escapes text for Telegram's HTML parse mode: &, < and > are the characters it reserves; inside
// an attribute (a link's href) the quotes as well, or a `"` in an address ends the attribute.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeHtmlAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
