// The bot's command menu per language: Telegram picks a menu by the app's two-letter ISO 639-1
// code, so Kurmanji is set as `ku`; Dari has no such code and is served by a menu for its chat.
import type { LanguageCode } from "../../i18n/index.js";

/** The commands in the menu, in this order. */
export const MENU = ["restart", "language", "help", "delete", "check", "ref"] as const;

/**
 * The `language_code` Telegram takes for one of our languages (setMyCommands: "a two-letter
 * ISO 639-1 language code", https://core.telegram.org/bots/api#setmycommands). Kurmanji (ISO
 * 639-3 kmr) is the main language behind ISO 639-1 `ku`. Dari (prs) is part of ISO 639-1 `fa`,
 * whose menu is Farsi's: Dari gets its own menu only in a chat that chose it (chatMenu).
 */
export function menuLanguageCode(lang: LanguageCode): string | undefined {
  if (lang === "kmr") return "ku";
  return /^[a-z]{2}$/.test(lang) ? lang : undefined;
}
