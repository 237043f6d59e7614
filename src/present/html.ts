// Escapes text for Telegram's HTML parse mode: &, < and > are the characters it reserves.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
