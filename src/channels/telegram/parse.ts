// Telegram update → dialogue input: commands, buttons (step-stamped callback data), text, and
// "anything else" (stickers, photos, voice, edits, very long text), which re-asks the question.
// In groups only the volunteer look-ups (/check, /ref) are answered; the conversation is private.
import type { Update } from "grammy/types";
import type { Command, DialogueInput, DialogueState } from "../../dialogue/types.js";
import { isLanguageCode } from "../../i18n/index.js";
import { isSection, type Section } from "./result-view.js";

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
  /** a tap on a result button ("other services", "why / sources"): shown from the session, nothing changes */
  | { readonly kind: "section"; readonly chatId: number; readonly section: Section; readonly lang?: string; readonly callback: { readonly queryId: string; readonly messageId?: number; readonly step?: string } }
  /** a volunteer's `/check …` or `/ref CODE`, in a private chat or a group: answered without touching any session */
  | { readonly kind: "lookup"; readonly chatId: number; readonly userId?: number; readonly lookup: "check" | "ref"; readonly text: string; readonly lang?: string }
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
  return (state) => (parsed && (parsed.step === state.step || ANYWHERE.has(parsed.id)) ? { kind: "choice", id: parsed.id } : { kind: "other", reason: "old_button" });
}

/** "/check@SomeBot": a command for another bot in the same group is none of ours. */
function forOtherBot(text: string, botUsername: string | undefined): boolean {
  const to = /^\/[A-Za-z_]{1,32}@(\w+)/.exec(text)?.[1];
  return to !== undefined && botUsername !== undefined && to.toLowerCase() !== botUsername.toLowerCase();
}

const LOOKUP = /^\/(check|ref)(?:@\w+)?(?:\s+([\s\S]*))?$/i;

function fromText(text: string, lang: string | undefined): DialogueInput {
  const command = /^\/([A-Za-z_]{1,32})(?:@\w+)?(?:\s|$)/.exec(text);
  if (command) {
    const name = command[1]!.toLowerCase();
    if (name === "start") return { kind: "start", ...(lang ? { suggestedLang: lang } : {}) };
    return Object.hasOwn(COMMANDS, name) ? { kind: "command", command: COMMANDS[name]! } : { kind: "other" };
  }
  return text.length > MAX_TEXT ? { kind: "other" } : { kind: "text", text };
}

/** `botUsername` (without @) tells commands for this bot from those for others in a group. */
export function parseUpdate(update: Update, botUsername?: string): Incoming {
  const cq = update.callback_query;
  if (cq) {
    const chat = cq.message?.chat;
    const lang = toLanguage(cq.from.language_code);
    if (!chat || chat.type !== "private") return { kind: "group", callbackQueryId: cq.id, ...(lang ? { lang } : {}) };
    const button = cq.data !== undefined ? parseCallbackData(cq.data) : undefined;
    if (button?.step === "result" && isSection(button.id)) {
      return { kind: "section", chatId: chat.id, section: button.id, ...(lang ? { lang } : {}), callback: { queryId: cq.id, messageId: cq.message?.message_id, step: button.step } };
    }
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
  const text = message.text;
  const group = message.chat.type !== "private";
  // chatter and commands for other bots in a group are not for us
  if (group && (edited || !text?.startsWith("/") || forOtherBot(text, botUsername))) return { kind: "ignore" };
  const lookup = !edited && typeof text === "string" ? LOOKUP.exec(text) : null;
  if (lookup && text!.length <= MAX_TEXT) {
    const userId = message.from?.id;
    return { kind: "lookup", chatId: message.chat.id, ...(userId !== undefined ? { userId } : {}), lookup: lookup[1]!.toLowerCase() as "check" | "ref", text: lookup[2] ?? "", ...(lang ? { lang } : {}) };
  }
  // any other command in a group gets the note to write privately
  if (group) return { kind: "group", chatId: message.chat.id, ...(lang ? { lang } : {}) };
  const base = { kind: "dialogue" as const, chatId: message.chat.id, ...(lang ? { lang } : {}) };
  if (edited) return { ...base, input: { kind: "other" } };
  if (typeof text === "string") return { ...base, input: fromText(text, lang) };
  // a photo, voice note, sticker, file …: the person is told what the bot can read
  if (CONTENT.some((k) => k in message)) return { ...base, input: { kind: "other", reason: "media" } };
  return { kind: "ignore" };
}
