// Rendered dialogue messages → Bot API calls: texts packed into as few messages as fit in
// Telegram's 4,096 characters, choices as inline keyboards, a multi-select edited in place.
import type { BotCommand, InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { RenderedMessage } from "../../present/dialogue-text.js";
import { callbackData } from "./parse.js";

export const MAX_MESSAGE = 4096;

export type ApiCall =
  | {
      readonly method: "sendMessage";
      readonly payload: {
        readonly chat_id: number;
        readonly text: string;
        readonly parse_mode: "HTML";
        readonly link_preview_options: { readonly is_disabled: true };
        readonly reply_markup?: InlineKeyboardMarkup;
      };
    }
  | { readonly method: "editMessageReplyMarkup"; readonly payload: { readonly chat_id: number; readonly message_id: number; readonly reply_markup: InlineKeyboardMarkup } }
  | { readonly method: "answerCallbackQuery"; readonly payload: { readonly callback_query_id: string } }
  /** the menu of one chat, in the language chosen there (commands.ts) */
  | { readonly method: "setMyCommands"; readonly payload: { readonly commands: readonly BotCommand[]; readonly scope: ChatScope } }
  | { readonly method: "deleteMyCommands"; readonly payload: { readonly scope: ChatScope } };

export interface ChatScope {
  readonly type: "chat";
  readonly chat_id: number;
}

export interface CallTarget {
  readonly chatId: number;
  /** the step the buttons answer; stamped into their callback data */
  readonly step: string;
  /** the button pressed: its message, and the step its data was stamped with */
  readonly callback?: { readonly queryId: string; readonly messageId?: number; readonly step?: string };
}

/** Buttons that lead away from the question go below it, in one row: Back, and a multi-select's "Done". */
const NAVIGATION = new Set(["back"]);

export function keyboard(m: RenderedMessage, step: string): InlineKeyboardMarkup {
  const button = (c: RenderedMessage["choices"][number]): InlineKeyboardButton => ({ text: `${c.selected ? "✓ " : ""}${c.label}`, callback_data: callbackData(step, c.id) });
  const done = m.multi ? m.choices.filter((c) => !NAVIGATION.has(c.id)).at(-1) : undefined;
  const main = m.choices.filter((c) => c !== done && !NAVIGATION.has(c.id));
  const below = [...m.choices.filter((c) => NAVIGATION.has(c.id)), ...(done ? [done] : [])];
  // a multi-select (the needs) always in two columns; otherwise short labels two to a row
  const columns = m.multi || !main.some((c) => [...c.label].length > 18) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < main.length; i += columns) rows.push(main.slice(i, i + columns).map(button));
  if (below.length > 0) rows.push(below.map(button));
  return { inline_keyboard: rows };
}

/** The longest entity written (&#1114111;) and the cut that keeps one whole. */
const MAX_ENTITY = 10;

/**
 * Where to cut `line` at most `limit` units in: never inside an entity such as &amp; and never
 * between the two halves of a surrogate pair (which Telegram would refuse as a lone \ud83d).
 */
function safeCut(line: string, limit: number): number {
  let cut = limit;
  const amp = line.lastIndexOf("&", cut - 1);
  if (amp >= 0 && amp > cut - MAX_ENTITY && !line.slice(amp, cut).includes(";") && /^&#?\w+;/.test(line.slice(amp, amp + MAX_ENTITY))) cut = amp;
  const before = line.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut -= 1;
  return cut > 0 ? cut : limit;
}

/** Cuts HTML text at line ends into pieces of at most `limit` characters; tags never span lines. */
export function splitText(text: string, limit = MAX_MESSAGE): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let current = "";
  const flush = () => {
    if (current !== "") pieces.push(current);
    current = "";
  };
  for (let line of text.split("\n")) {
    while (line.length > limit) {
      // a single overlong line: drop its markup and cut outside entities like &amp;
      line = line.replace(/<[^>]+>/g, "");
      if (line.length <= limit) break;
      const cut = safeCut(line, limit);
      flush();
      pieces.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    if (current !== "" && current.length + 1 + line.length > limit) flush();
    current = current === "" ? line : `${current}\n${line}`;
  }
  flush();
  return pieces.filter((p) => p.trim() !== "");
}

function send(chatId: number, text: string, markup?: InlineKeyboardMarkup): ApiCall {
  return {
    method: "sendMessage",
    payload: { chat_id: chatId, text, parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(markup ? { reply_markup: markup } : {}) },
  };
}

export function toCalls(messages: readonly RenderedMessage[], target: CallTarget): ApiCall[] {
  const calls: ApiCall[] = [];
  // always answer a button press, first, so the app stops its spinner
  if (target.callback) calls.push({ method: "answerCallbackQuery", payload: { callback_query_id: target.callback.queryId } });
  const only = messages[0];
  if (target.callback?.messageId !== undefined && target.callback.step === target.step && messages.length === 1 && only?.multi) {
    // a toggle in a multi-select: the ✓ moves on the message that was tapped
    calls.push({ method: "editMessageReplyMarkup", payload: { chat_id: target.chatId, message_id: target.callback.messageId, reply_markup: keyboard(only, target.step) } });
    return calls;
  }
  let pack = "";
  const flush = (markup?: InlineKeyboardMarkup) => {
    const pieces = splitText(pack);
    pieces.forEach((p, i) => calls.push(send(target.chatId, p, i === pieces.length - 1 ? markup : undefined)));
    pack = "";
  };
  for (const m of messages) {
    if (pack !== "" && pack.length + 2 + m.text.length > MAX_MESSAGE) flush();
    pack = pack === "" ? m.text : `${pack}\n\n${m.text}`;
    if (m.choices.length > 0) flush(keyboard(m, target.step));
  }
  if (pack !== "") flush();
  return calls;
}
