// The bot's command menu per language: Telegram picks a menu by the app's two-letter ISO 639-1
// code, so Kurmanji is set as `ku`; Dari has no such code and is served by a menu for its chat.
import type { BotCommand } from "grammy/types";
import type { LanguageCode, Translator } from "../../i18n/index.js";
import type { ApiCall } from "./render.js";

/** The commands in the menu, in this order. */
export const MENU = ["restart", "language", "help", "delete", "check", "ref"] as const;

/** The menu with its descriptions in one language. */
export function menuCommands(tr: Translator): BotCommand[] {
  return MENU.map((c) => ({ command: c, description: tr.t(`dialogue:commands.${c}`) }));
}

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

/** Whether a chat in `lang` needs a menu of its own: its app's language is another, or Telegram has no code for it. */
function needsChatMenu(lang: LanguageCode, appLang: LanguageCode | undefined): boolean {
  return menuLanguageCode(lang) === undefined || lang !== appLang;
}

/**
 * The calls that keep one chat's menu in the language chosen in the bot, after a turn that went
 * from `before` to `after` (null: no language). `/delete` removes the chat's menu: the choice of
 * language is the person's data too.
 */
export function chatMenuCalls(
  chatId: number,
  change: { readonly before: LanguageCode | undefined; readonly after: LanguageCode | undefined; readonly appLang: LanguageCode | undefined; readonly deleted: boolean },
  commands: (lang: LanguageCode) => BotCommand[],
): ApiCall[] {
  const scope = { type: "chat", chat_id: chatId } as const;
  const { before, after, appLang } = change;
  // after /delete the chat gets the menu of its app's language back, whatever it had
  if (change.deleted) return [{ method: "deleteMyCommands", payload: { scope } }];
  const hadOwn = before !== undefined && needsChatMenu(before, appLang);
  if (after === undefined || after === before) return [];
  if (needsChatMenu(after, appLang)) return [{ method: "setMyCommands", payload: { commands: commands(after), scope } }];
  return hadOwn ? [{ method: "deleteMyCommands", payload: { scope } }] : [];
}
