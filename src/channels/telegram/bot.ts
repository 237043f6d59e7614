// The grammY bot, built from its dependencies: each update is parsed, run through one dialogue
// step and rendered into Bot API calls – all inside the inbox transaction – then handed to the
// sender. The channel's one error boundary lives here. No eligibility logic.
import { escapeHtml } from "../../present/html.js";
import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { Bot } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { App } from "../../app.js";
import { createConversation, type Conversation, type Turn } from "../../conversation.js";
import type { DialogueState } from "../../dialogue/types.js";
import type { LanguageCode } from "../../i18n/index.js";
import { renderReplies } from "../../present/dialogue-text.js";
import type { Reply } from "../../dialogue/types.js";
import { referralLookup, volunteerCheck } from "../../lookup/volunteer.js";
import { createRateLimiter, LOOKUP_LIMIT, type RateLimiter } from "../../referrals/rate-limit.js";
import { todayInGermany } from "../../text/today.js";
import type { Inbox, OutboxRow } from "./inbox.js";
import { referenceId, type Log } from "./log.js";
import { parseUpdate, type Incoming } from "./parse.js";
import { toCalls, type ApiCall, type CallTarget } from "./render.js";
import { forTelegram, sectionReplies } from "./result-view.js";
import { chatMenuCalls, menuCommands } from "./commands.js";

export const CHANNEL = "telegram";

/** Rate limits up to this long are waited out inside the call; longer ones go back to the outbox. */
export const DEFAULT_RETRY: Partial<AutoRetryOptions> = { maxDelaySeconds: 30, maxRetryAttempts: 3 };

/** Sees a newcomer's update before the dialogue does (the hand-over to a counsellor, design D22). */
export interface UpdateHook {
  /** runs inside the update's transaction; `done`: the dialogue does not see the update */
  before(incoming: Extract<Incoming, { kind: "dialogue" }>, update: Update): { readonly calls: readonly ApiCall[]; readonly done: boolean } | undefined;
  /** a turn's replies with what the hook adds (a choice at the result) */
  replies(turn: Turn): readonly Reply[];
}

export interface BotDeps {
  readonly app: App;
  readonly token: string;
  /** the Bot API server, e.g. a local one; Telegram's by default */
  readonly apiRoot?: string;
  readonly inbox: Inbox;
  /** receives the calls an update produced, once they are committed */
  readonly dispatch: (rows: readonly OutboxRow[]) => void;
  readonly log: Log;
  readonly conversation?: Conversation;
  readonly retry?: Partial<AutoRetryOptions>;
  readonly botInfo?: UserFromGetMe;
  /** referral look-ups per user; 10 in 10 minutes by default */
  readonly lookupLimiter?: RateLimiter;
  readonly today?: () => string;
  readonly hook?: UpdateHook;
}

/** Error code for logs: a stable code or class name, never the message (it may quote input). */
export function errorCode(err: unknown): string {
  const inner = (err as { error?: unknown }).error ?? err;
  const code = (inner as { code?: unknown }).code;
  return typeof code === "string" ? code : inner instanceof Error ? inner.name : "unknown";
}


/**
 * The database could not take a write or a read (disk full, I/O error, locked, read-only,
 * damaged). Such an update is not the person's fault and not a bug: it waits for the database.
 */
export function isStorageError(err: unknown): boolean {
  const inner = (err as { error?: unknown }).error ?? err;
  const code = (inner as { code?: unknown }).code;
  return typeof code === "string" && /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|NOMEM|PROTOCOL)/.test(code);
}

export function createTelegramBot(deps: BotDeps): Bot {
  const { app, inbox, log } = deps;
  const conversation = deps.conversation ?? createConversation(app);
  const bot = new Bot(deps.token, { client: { ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}) }, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  bot.api.config.use(autoRetry({ ...DEFAULT_RETRY, ...deps.retry }));

  const known = (lang: string | undefined): LanguageCode | undefined => (lang && (app.i18n.languages as readonly string[]).includes(lang) ? (lang as LanguageCode) : undefined);
  const answer = (queryId: string | undefined): ApiCall[] => (queryId ? [{ method: "answerCallbackQuery", payload: { callback_query_id: queryId } }] : []);
  const note = (chatId: number, lang: LanguageCode, key: string): ApiCall => ({
    method: "sendMessage",
    payload: { chat_id: chatId, text: escapeHtml(app.i18n.translator(lang).t(key)), parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  });

  const limiter = deps.lookupLimiter ?? createRateLimiter(LOOKUP_LIMIT);
  const today = deps.today ?? (() => todayInGermany());

  /** Replies → Bot API calls; `languages` shows the picker's question in every language. */
  const render = (replies: readonly Reply[], lang: LanguageCode, target: CallTarget, languages?: readonly string[]) =>
    toCalls(
      renderReplies(replies, app.i18n.translator(lang), {
        format: "html",
        translatorFor: (l) => app.i18n.translator(l as LanguageCode),
        ...(languages ? { languages } : {}),
        placeName: (key) => app.places.get(key)?.name,
      }),
      target,
    );

  /** Volunteer mode: the answer in the chat's language; no session is read for more, none is written. */
  function lookupCalls(i: Extract<Incoming, { kind: "lookup" }>): ApiCall[] {
    // the person asking, also in a group: their limit, their language
    const userKey = app.sessions.userKey(CHANNEL, i.userId ?? i.chatId);
    const lang = known(app.sessions.load<DialogueState>(userKey)?.lang ?? undefined) ?? known(i.lang) ?? "de";
    const replies = i.lookup === "check" ? volunteerCheck(app, i.text, today()) : referralLookup(app, i.text, today(), limiter.allow(userKey));
    return render(replies, lang, { chatId: i.chatId, step: "lookup" });
  }

  function dialogueCalls(i: Extract<Incoming, { kind: "dialogue" }>): ApiCall[] {
    // after /delete the session has no language left; the answer still speaks the one used
    let spoken: string | null = null;
    const turn = conversation.handle(CHANNEL, i.chatId, (state) => {
      spoken = state.lang;
      return typeof i.input === "function" ? i.input(state) : i.input;
    });
    const lang = known(turn.state.lang ?? spoken ?? undefined) ?? known(i.lang) ?? "de";
    const target: CallTarget = { chatId: i.chatId, step: turn.state.step, ...(i.callback ? { callback: i.callback } : {}) };
    const menu = chatMenuCalls(
      i.chatId,
      { before: known(spoken ?? undefined), after: known(turn.state.lang ?? undefined), appLang: known(i.lang), deleted: turn.effects.some((e) => e.type === "delete") },
      (l) => menuCommands(app.i18n.translator(l)),
    );
    return [...render(forTelegram(deps.hook ? deps.hook.replies(turn) : turn.replies, turn.state, conversation.deps), lang, target, turn.state.lang ? undefined : app.i18n.languages), ...menu];
  }

  /** A result button: that part of the result, read from the session; nothing is written. */
  function sectionCalls(i: Extract<Incoming, { kind: "section" }>): ApiCall[] {
    const state = app.sessions.load<DialogueState>(app.sessions.userKey(CHANNEL, i.chatId));
    const base = { chatId: i.chatId, callback: i.callback, ...(i.lang ? { lang: i.lang } : {}) };
    // a result button while the conversation stands elsewhere is an old button
    if (state?.step !== "result") return dialogueCalls({ kind: "dialogue", ...base, input: { kind: "other", reason: "old_button" } });
    const lang = known(state.lang ?? undefined) ?? known(i.lang) ?? "de";
    return render(sectionReplies(i.section, state, conversation.deps), lang, { chatId: i.chatId, step: state.step, callback: i.callback });
  }

  /** What the person is told when their update could not be handled: calm, in their language. */
  function failureCalls(i: Extract<Incoming, { kind: "dialogue" }>): ApiCall[] {
    let lang = known(i.lang) ?? "de";
    try {
      lang = known(app.sessions.load<DialogueState>(app.sessions.userKey(CHANNEL, i.chatId))?.lang ?? undefined) ?? lang;
    } catch {
      // the store itself may be what failed; the Telegram language will do
    }
    return [...answer(i.callback?.queryId), note(i.chatId, lang, "dialogue:error")];
  }

  function commit(updateId: number, chat: string, work: () => ApiCall[], fallback: () => ApiCall[]): void {
    let rows: OutboxRow[] | undefined;
    try {
      rows = inbox.process(updateId, chat, work);
    } catch (err) {
      // no error note for a full disk: the update stays pending and is applied later
      if (isStorageError(err)) throw err;
      log.error("telegram.update_failed", { ref: referenceId(), update: updateId, error: errorCode(err) });
      rows = inbox.process(updateId, chat, fallback);
    }
    if (rows?.length) deps.dispatch(rows);
  }

  bot.use((ctx) => {
    const incoming = parseUpdate(ctx.update, ctx.me.username);
    const updateId = ctx.update.update_id;
    switch (incoming.kind) {
      case "ignore":
        return;
      case "group": {
        // no session in groups: residence status is not for a group chat
        const calls = () => [...answer(incoming.callbackQueryId), ...(incoming.chatId !== undefined ? [note(incoming.chatId, known(incoming.lang) ?? "de", "dialogue:private_only")] : [])];
        commit(updateId, String(incoming.chatId ?? "group"), calls, calls);
        return;
      }
      case "lookup":
        commit(updateId, String(incoming.chatId), () => lookupCalls(incoming), () => failureCalls({ kind: "dialogue", chatId: incoming.chatId, input: { kind: "other" }, ...(incoming.lang ? { lang: incoming.lang } : {}) }));
        return;
      case "section": {
        const fallback = { kind: "dialogue" as const, chatId: incoming.chatId, input: { kind: "other" as const }, callback: incoming.callback, ...(incoming.lang ? { lang: incoming.lang } : {}) };
        commit(updateId, String(incoming.chatId), () => sectionCalls(incoming), () => failureCalls(fallback));
        return;
      }
      case "dialogue":
        commit(
          updateId,
          String(incoming.chatId),
          () => {
            const pre = deps.hook?.before(incoming, ctx.update);
            return pre?.done ? [...pre.calls] : [...(pre?.calls ?? []), ...dialogueCalls(incoming)];
          },
          () => failureCalls(incoming),
        );
    }
  });
  return bot;
}
