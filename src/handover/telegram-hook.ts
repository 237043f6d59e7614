// The newcomer's side of a hand-over in Telegram: the offer at the result, the consent question,
// typed text passed to the counsellor while a hand-over is open, /stop, and the end on /delete.
// Navigation and commands keep working; only text typed at the result goes to the thread.
import type { Update } from "grammy/types";
import type { App } from "../app.js";
import type { UpdateHook } from "../channels/telegram/bot.js";
import type { ApiCall } from "../channels/telegram/render.js";
import { parseCommand } from "../dialogue/parse.js";
import { localeWords } from "../i18n/locale-words.js";
import { initialState } from "../dialogue/step.js";
import type { DialogueInput, DialogueState } from "../dialogue/types.js";
import type { LanguageCode } from "../i18n/index.js";
import { escapeHtml } from "../present/html.js";
import { STOP_DATA, type HandoverService } from "./service.js";

export const OFFER_CHOICE = "handover";
/** the callback data the result's offer button carries ("<step>:<choice>") */
export const OFFER_DATA = `result:${OFFER_CHOICE}`;
export const YES_DATA = "handover:yes";
export const NO_DATA = "handover:no";
export const CHANNEL = "telegram";

type Hooked = ReturnType<UpdateHook["before"]>;

export function createTelegramHook(app: App, service: HandoverService, onQueued: () => void, log?: { info(code: string, fields?: Record<string, string | number>): void }): UpdateHook {
  const { store } = service;
  const known = (lang: string | null | undefined): LanguageCode | undefined => (lang && (app.i18n.languages as readonly string[]).includes(lang) ? (lang as LanguageCode) : undefined);
  // sent after the update's transaction commits; a rollback leaves nothing to send
  const queued = () => setImmediate(onQueued);

  function message(chatId: number, html: string, buttons?: readonly { text: string; data: string }[]): ApiCall {
    return {
      method: "sendMessage",
      payload: {
        chat_id: chatId,
        text: html,
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(buttons ? { reply_markup: { inline_keyboard: buttons.map((b) => [{ text: b.text, callback_data: b.data }]) } } : {}),
      },
    };
  }

  function isDelete(input: DialogueInput | undefined): boolean {
    if (!input) return false;
    if (input.kind === "command") return input.command === "delete";
    if (input.kind === "choice") return input.id === "delete";
    return input.kind === "text" && parseCommand(input.text, localeWords()) === "delete";
  }

  return {
    before(i, update: Update): Hooked {
      const userKey = app.sessions.userKey(CHANNEL, i.chatId);
      const state = app.sessions.load<DialogueState>(userKey);
      const tr = app.i18n.translator(known(state?.lang) ?? known(i.lang) ?? "de");
      const t = (key: string, params?: Record<string, unknown>) => escapeHtml(tr.t(key, params));
      const answer: ApiCall[] = i.callback ? [{ method: "answerCallbackQuery", payload: { callback_query_id: i.callback.queryId } }] : [];
      const done = (...calls: ApiCall[]): Hooked => ({ calls: [...answer, ...calls], done: true });
      const data = update.callback_query?.data;
      const text = update.message?.text;
      const open = store.openFor(userKey);
      const stopButton = { text: tr.t("handover:stop_button"), data: STOP_DATA };

      if (data === OFFER_DATA) {
        if (open) return done(message(i.chatId, t("handover:already", { service: service.serviceName(open) }), [stopButton]));
        const offer = state ? service.offer(state) : undefined;
        if (!offer) return undefined;
        const place = offer.place ? tr.isolate(offer.place) : tr.t("handover:place_unknown");
        return done(message(i.chatId, t("handover:consent", { service: tr.service(offer.service), place }), [
          { text: tr.t("handover:yes"), data: YES_DATA },
          { text: tr.t("handover:no"), data: NO_DATA },
        ]));
      }
      if (data === YES_DATA) {
        const r = state ? service.request(userKey, i.chatId, state) : ({ kind: "unavailable" } as const);
        if (r.kind === "unavailable") return done(message(i.chatId, t("handover:unavailable")));
        if (r.kind === "already") return done(message(i.chatId, t("handover:already", { service: service.serviceName(r.handover) }), [stopButton]));
        log?.info("handover.consent", { code: "given", handover: r.handover.id });
        queued();
        const params = { service: tr.service(r.offer.service), place: r.offer.place ? tr.isolate(r.offer.place) : "" };
        return done(message(i.chatId, t(r.offer.place ? "handover:sent" : "handover:sent_no_place", params), [stopButton]));
      }
      if (data === NO_DATA) {
        log?.info("handover.consent", { code: "declined" });
        return done(message(i.chatId, t("handover:declined")));
      }
      if (data === STOP_DATA || (text !== undefined && /^\/stop(?:@\w+)?\s*$/i.test(text))) {
        if (!open) return done(message(i.chatId, t("handover:none_open")));
        service.end(open, "stopped");
        queued();
        return done(message(i.chatId, t("handover:stopped")));
      }
      if (!open) return undefined;

      const input = typeof i.input === "function" ? i.input(state ?? initialState()) : i.input;
      if (isDelete(input)) {
        // the dialogue erases the session and the referral; the hand-over ends and goes first
        service.end(open, "deleted");
        queued();
        return { calls: [], done: false };
      }
      // commands and navigation are the dialogue's; so is typed text while questions are asked
      if (data !== undefined || (state && state.step !== "result")) return undefined;
      if (text !== undefined && (text.startsWith("/") || parseCommand(text, localeWords()) !== undefined)) return undefined;
      // the text as typed (up to Telegram's 4,096 characters), not the dialogue's shortened input
      if (text === undefined) return done(message(i.chatId, t("handover:only_text")));
      service.fromNewcomer(open, text);
      queued();
      return done();
    },
    replies(turn) {
      if (turn.state.step !== "result" || !turn.replies.some((r) => r.key === "dialogue:result.next")) return turn.replies;
      if (store.openFor(turn.userKey) || !service.offer(turn.state)) return turn.replies;
      return turn.replies.map((r) => {
        if (r.key !== "dialogue:result.next" || !r.choices) return r;
        const at = Math.max(0, r.choices.findIndex((c) => c.id === "slip") + 1);
        return { ...r, choices: [...r.choices.slice(0, at), { id: OFFER_CHOICE, key: "handover:offer" }, ...r.choices.slice(at)] };
      });
    },
  };
}
