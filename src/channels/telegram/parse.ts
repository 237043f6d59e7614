// Telegram update → dialogue input: commands, buttons (step-stamped callback data), text, and
// "anything else" (stickers, photos, voice, edits, very long text), which re-asks the question.
import type { Update } from "grammy/types";
import type { Command, DialogueInput, DialogueState } from "../../dialogue/types.js";
import { isLanguageCode } from "../../i18n/index.js";

/** Longer text is not an answer to any question: the question is asked again. */
export const MAX_TEXT = 1000;
/** Telegram's limit for callback data, in bytes. */
export const MAX_CALLBACK_DATA = 64;

const COMMANDS: Readonly<Record<string, Command>> = { language: "language", restart: "restart", delete: "delete", help: "help", back: "back" };
/** buttons that mean the same on every message, however old */
const ANYWHERE = new Set(["restart", "delete", "language", "help"]);
/** what a person sends that is not text: it gets the current question again */
const CONTENT = ["sticker", "photo", "voice", "video", "video_note", "audio", "document", "animation", "location", "contact", "venue", "poll", "dice", "story"];

export type Incoming =
  | {
      readonly kind: "dialogue";
      readonly chatId: number;
      /** the input; a button checks the step it was made for against the session */
      readonly input: DialogueInput | ((state: DialogueState) => DialogueInput);
      /** the Telegram app's language, mapped to ours */
      readonly lang?: string;
      readonly callback?: { readonly queryId: string; readonly messageId?: number; readonly step?: string };
    }
  /** a volunteer's `/check …` or `/ref CODE`: answered without touching any session */
  | { readonly kind: "lookup"; readonly chatId: number; readonly lookup: "check" | "ref"; readonly text: string; readonly lang?: string }
  /** a group or channel: answered with a note to write privately, no session */
  | { readonly kind: "group"; readonly chatId?: number; readonly lang?: string; readonly callbackQueryId?: string }
  | { readonly kind: "ignore" };

/** Telegram's IETF language tag → a Wegweiser language, where there is one. */
export function toLanguage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const c = code.toLowerCase().replace(/_/g, "-");
  if (c === "prs" || c === "fa-af") return "prs";
  const primary = c.split("-")[0]!;
  if (primary === "ku" || primary === "kmr") return "kmr";
  return isLanguageCode(primary) ? primary : undefined;
}

/** "<step>:<choice id>": the step lets a tap on an old question be recognised. */
export function callbackData(step: string, choiceId: string): string {
  const data = `${step}:${choiceId}`;
  // choice ids are vocabulary ids, language codes and short words; a test checks them all
  if (!/^[\x21-\x7e]+$/.test(data) || data.length > MAX_CALLBACK_DATA) throw new Error(`choice id "${choiceId}" cannot be Telegram callback data`);
  return data;
}

export function parseCallbackData(data: string): { step: string; id: string } | undefined {
  const m = /^([a-z_]{1,20}):([\x21-\x7e]{1,40})$/.exec(data);
  return m ? { step: m[1]!, id: m[2]! } : undefined;
}

function fromButton(data: string): (state: DialogueState) => DialogueInput {
  const parsed = parseCallbackData(data);
  return (state) => (parsed && (parsed.step === state.step || ANYWHERE.has(parsed.id)) ? { kind: "choice", id: parsed.id } : { kind: "other" });
}

function fromText(text: string, lang: string | undefined): DialogueInput {
  const command = /^\/([A-Za-z_]{1,32})(?:@\w+)?(?:\s|$)/.exec(text);
  if (command) {
    const name = command[1]!.toLowerCase();
    if (name === "start") return { kind: "start", ...(lang ? { suggestedLang: lang } : {}) };
    return Object.hasOwn(COMMANDS, name) ? { kind: "command", command: COMMANDS[name]! } : { kind: "other" };
  }
  return text.length > MAX_TEXT ? { kind: "other" } : { kind: "text", text };
}

export function parseUpdate(update: Update): Incoming {
  const cq = update.callback_query;
  if (cq) {
    const chat = cq.message?.chat;
    const lang = toLanguage(cq.from.language_code);
    if (!chat || chat.type !== "private") return { kind: "group", callbackQueryId: cq.id, ...(lang ? { lang } : {}) };
    return {
      kind: "dialogue",
      chatId: chat.id,
      input: cq.data !== undefined ? fromButton(cq.data) : { kind: "other" },
      ...(lang ? { lang } : {}),
      callback: { queryId: cq.id, messageId: cq.message?.message_id, step: cq.data !== undefined ? parseCallbackData(cq.data)?.step : undefined },
    };
  }
  const member = update.my_chat_member;
  if (member) {
    const joined = member.chat.type !== "private" && ["member", "administrator"].includes(member.new_chat_member.status) && member.old_chat_member.status !== member.new_chat_member.status;
    const lang = toLanguage(member.from.language_code);
    return joined && member.chat.type !== "channel" ? { kind: "group", chatId: member.chat.id, ...(lang ? { lang } : {}) } : { kind: "ignore" };
  }
  const edited = update.edited_message;
  const message = update.message ?? edited;
  if (!message) return { kind: "ignore" };
  const lang = toLanguage(message.from?.language_code);
  if (message.chat.type !== "private") {
    // in groups only a command addressed to the bot gets the note; chatter is not for us
    return !edited && message.text?.startsWith("/") ? { kind: "group", chatId: message.chat.id, ...(lang ? { lang } : {}) } : { kind: "ignore" };
  }
  const base = { kind: "dialogue" as const, chatId: message.chat.id, ...(lang ? { lang } : {}) };
  if (edited) return { ...base, input: { kind: "other" } };
  const lookup = typeof message.text === "string" ? /^\/(check|ref)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(message.text) : null;
  if (lookup && message.text!.length <= MAX_TEXT) {
    return { kind: "lookup", chatId: message.chat.id, lookup: lookup[1]!.toLowerCase() as "check" | "ref", text: lookup[2] ?? "", ...(lang ? { lang } : {}) };
  }
  if (typeof message.text === "string") return { ...base, input: fromText(message.text, lang) };
  if (CONTENT.some((k) => k in message)) return { ...base, input: { kind: "other" } };
  return { kind: "ignore" };
}
