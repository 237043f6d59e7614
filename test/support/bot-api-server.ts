// A Bot API server on loopback for tests and benchmarks: real HTTP on 127.0.0.1, getUpdates with
// Telegram's offset semantics (an update is dropped only once a later offset confirms it) and
// long-poll timeout, webhooks with the secret header and redelivery, the sending methods the
// bot uses with Telegram's checks, and fault injection (429 with retry_after, 500).
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Chat, InlineKeyboardMarkup, Update, User } from "grammy/types";
import { parseTelegramHtml } from "./telegram-html.js";

export const TEST_TOKEN = "123456:TEST-token-for-the-loopback-bot-api";

export interface BotMessage {
  readonly message_id: number;
  text: string;
  html: string;
  reply_markup?: InlineKeyboardMarkup;
  edits: number;
}

/** What the bot did in a chat, in order: the record tests compare. */
export type ChatEvent =
  | { readonly kind: "send"; readonly message_id: number; readonly text: string; readonly buttons: readonly string[] }
  | { readonly kind: "edit_markup"; readonly message_id: number; readonly buttons: readonly string[] }
  | { readonly kind: "answer"; readonly query: string };

export interface CallRecord {
  readonly method: string;
  /** the chat the call was about, where there is one */
  readonly chat?: number;
  readonly payload: Record<string, unknown>;
  readonly at: number;
  readonly status: number;
}

export type Failure = { readonly code: 429; readonly retryAfter: number } | { readonly code: 500 | 502 | 503 } | { readonly code: 403 };

export interface ChatState {
  readonly chat: Chat;
  readonly user: User;
  readonly messages: Map<number, BotMessage>;
  readonly events: ChatEvent[];
  nextMessageId: number;
}

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string, parameters?: Json): Answer => ({ status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } });
/** a menu's key in `commands`: "chat:<id>" for one chat's menu, else the language code ("" for the default) */
const commandsKey = (p: Json) => {
  const scope = p.scope as { type?: string; chat_id?: number } | undefined;
  return scope?.type === "chat" ? `chat:${scope.chat_id}` : String(p.language_code ?? "");
};
const buttonsOf = (m?: InlineKeyboardMarkup) => (m?.inline_keyboard ?? []).flat().map((b) => `${b.text}=${"callback_data" in b ? b.callback_data : ""}`);

export class BotApiServer extends EventEmitter {
  readonly token: string;
  readonly bot: User = { id: 123456, is_bot: true, first_name: "Wegweiser", username: "wegweiser_test_bot" };
  readonly chats = new Map<number, ChatState>();
  readonly calls: CallRecord[] = [];
  /** update ids confirmed by an offset (polling) or a 2xx answer (webhook), with when */
  readonly confirmed = new Map<number, number>();
  /** every update ever offered, by id */
  readonly issued = new Map<number, Update>();
  readonly commands = new Map<string, unknown>();
  webhook: { url: string; secret?: string; maxConnections?: number } | undefined;
  /** where a public webhook URL is reached on loopback (the TLS-terminating proxy) */
  readonly webhookRoutes = new Map<string, string>();
  readonly webhookAttempts: { update_id: number; status: number }[] = [];
  /** called synchronously when updates are confirmed, before the confirming call is answered */
  onConfirm?: (ids: readonly number[]) => void;

  private pending: Update[] = [];
  private answersByChat = new Map<number, number>();
  private nextUpdateId = 700_000_001;
  private faults = new Map<string, Failure[]>();
  private poll: { res: ServerResponse; limit: number; timer: NodeJS.Timeout } | undefined;
  private queries = new Map<string, { chatId: number; answered: boolean }>();
  private delivering = false;
  private server!: Server;
  private port = 0;
  private closed = false;

  private constructor(token: string, private readonly webhookRetryMs: number) {
    super();
    this.token = token;
    this.setMaxListeners(0);
  }

  static async start(options: { token?: string; webhookRetryMs?: number } = {}): Promise<BotApiServer> {
    const s = new BotApiServer(options.token ?? TEST_TOKEN, options.webhookRetryMs ?? 50);
    s.server = createServer((req, res) => void s.route(req, res));
    s.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
    s.port = (s.server.address() as AddressInfo).port;
    return s;
  }

  /** the apiRoot for grammY and TELEGRAM_API_ROOT */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.poll) this.answer(this.poll.res, ok([]));
    await new Promise<void>((resolve) => this.server.close(() => resolve()).closeAllConnections());
  }

  // ---- test side ----

  /** The next `count` calls of `method` fail as given. */
  failNext(method: string, count: number, failure: Failure): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...Array<Failure>(count).fill(failure)]);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  chat(id: number, init: { type?: "private" | "group"; user?: Partial<User> } = {}): ChatState {
    let c = this.chats.get(id);
    if (!c) {
      const user: User = { id: Math.abs(id) % 2 ** 40, is_bot: false, first_name: "Test", ...init.user };
      const chat = init.type === "group" ? ({ id, type: "group", title: "Helferkreis" } as Chat) : ({ id, type: "private", first_name: user.first_name, ...(user.username ? { username: user.username } : {}) } as Chat);
      c = { chat, user, messages: new Map(), events: [], nextMessageId: 1 };
      this.chats.set(id, c);
    }
    return c;
  }

  /** Offers an update (the id is filled in); returns its update_id. */
  inject(body: Omit<Update, "update_id">): number {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    this.issued.set(update.update_id, update);
    this.pending.push(update);
    this.flush();
    return update.update_id;
  }

  /** Offers an already confirmed update again, as Telegram does after a lost acknowledgement. */
  redeliver(updateId: number): void {
    const u = this.issued.get(updateId);
    if (!u) throw new Error(`no update ${updateId}`);
    this.confirmed.delete(updateId);
    this.pending.push(u);
    this.pending.sort((a, b) => a.update_id - b.update_id);
    this.flush();
  }

  registerQuery(id: string, chatId: number): void {
    this.queries.set(id, { chatId, answered: false });
  }

  queryAnswered(id: string): boolean {
    return this.queries.get(id)?.answered === true;
  }

  /** the taps in a chat the bot has not answered */
  unansweredQueries(chat: number): string[] {
    return [...this.queries].filter(([, q]) => q.chatId === chat && !q.answered).map(([id]) => id);
  }

  /** how many messages and edits the bot sent to a chat (accepted or not) */
  answerCount(chat: number): number {
    return this.answersByChat.get(chat) ?? 0;
  }

  pendingCount(): number {
    return this.pending.length;
  }

  /** Resolves when `test` holds, checked after every change; rejects after `ms`. */
  waitFor(test: () => boolean, ms = 10_000, what = "condition"): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.off("change", check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.off("change", check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.on("change", check);
    });
  }

  // ---- HTTP side ----

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    const body = await new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (c: Buffer) => (data += c.toString("utf8")));
      req.on("end", () => resolve(data));
    });
    if (!m) return this.answer(res, fail(404, "Not Found"));
    if (m[1] !== this.token) return this.answer(res, fail(401, "Unauthorized"));
    const method = m[2]!;
    let payload: Json = {};
    try {
      payload = body ? (JSON.parse(body) as Json) : Object.fromEntries(new URL(req.url!, "http://x").searchParams);
    } catch {
      return this.answer(res, fail(400, "Bad Request: invalid JSON"));
    }
    const fault = this.faults.get(method)?.shift();
    const chat = typeof payload.chat_id === "number" ? payload.chat_id : this.queries.get(String(payload.callback_query_id))?.chatId;
    const record = (status: number) => {
      this.calls.push({ method, ...(chat !== undefined ? { chat } : {}), payload, at: Date.now(), status });
      if (chat !== undefined && method !== "answerCallbackQuery") this.answersByChat.set(chat, (this.answersByChat.get(chat) ?? 0) + 1);
      this.emit("change");
    };
    if (fault) {
      record(fault.code);
      if (fault.code === 403) return this.answer(res, fail(403, "Forbidden: bot was blocked by the user"));
      return this.answer(res, fault.code === 429 ? fail(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter }) : fail(fault.code, "Internal Server Error"));
    }
    if (method === "getUpdates") {
      record(200);
      return this.getUpdates(payload, req, res);
    }
    const a = this.call(method, payload);
    record(a.status);
    this.answer(res, a);
    this.emit("change");
  }

  private answer(res: ServerResponse, a: Answer): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(a.status, { "content-type": "application/json" });
    res.end(JSON.stringify(a.body));
  }

  private confirmBelow(offset: number): void {
    const ids = this.pending.filter((u) => u.update_id < offset).map((u) => u.update_id);
    if (ids.length === 0) return;
    this.pending = this.pending.filter((u) => u.update_id >= offset);
    const now = Date.now();
    for (const id of ids) this.confirmed.set(id, now);
    this.onConfirm?.(ids);
    this.emit("change");
  }

  private getUpdates(p: Json, req: IncomingMessage, res: ServerResponse): void {
    if (this.webhook) return this.answer(res, fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"));
    if (typeof p.offset === "number" && p.offset > 0) this.confirmBelow(p.offset);
    if (this.poll) {
      clearTimeout(this.poll.timer);
      this.answer(this.poll.res, fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
      this.poll = undefined;
    }
    const limit = typeof p.limit === "number" ? Math.min(100, Math.max(1, p.limit)) : 100;
    const timeout = typeof p.timeout === "number" ? p.timeout : 0;
    if (this.pending.length > 0 || timeout <= 0 || this.closed) return this.answer(res, ok(this.pending.slice(0, limit)));
    const timer = setTimeout(() => this.flush(true), timeout * 1000);
    this.poll = { res, limit, timer };
    // a killed bot's connection closes: it is not waiting any more
    res.on("close", () => {
      if (this.poll?.res === res) {
        clearTimeout(timer);
        this.poll = undefined;
      }
    });
    void req;
  }

  /** Hands new updates to the waiting long poll or the webhook. */
  private flush(timedOut = false): void {
    this.emit("change");
    if (this.webhook) return void this.deliver();
    const poll = this.poll;
    if (!poll || (this.pending.length === 0 && !timedOut)) return;
    clearTimeout(poll.timer);
    this.poll = undefined;
    this.answer(poll.res, ok(this.pending.slice(0, poll.limit)));
  }

  private async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      // one update at a time, in order (max_connections 1)
      while (this.webhook && this.pending.length > 0 && !this.closed) {
        const u = this.pending[0]!;
        const hook = this.webhook;
        let status = 0;
        try {
          const r = await fetch(this.webhookRoutes.get(hook.url) ?? hook.url, {
            method: "POST",
            headers: { "content-type": "application/json", ...(hook.secret ? { "X-Telegram-Bot-Api-Secret-Token": hook.secret } : {}) },
            body: JSON.stringify(u),
          });
          status = r.status;
          await r.arrayBuffer();
        } catch {
          status = 0;
        }
        this.webhookAttempts.push({ update_id: u.update_id, status });
        if (status >= 200 && status < 300) this.confirmBelow(u.update_id + 1);
        else await new Promise((r) => setTimeout(r, this.webhookRetryMs));
      }
    } finally {
      this.delivering = false;
    }
  }

  private call(method: string, p: Json): Answer {
    switch (method) {
      case "getMe":
        return ok({ ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false });
      case "setMyCommands":
        this.commands.set(commandsKey(p), p.commands);
        return ok(true);
      case "deleteMyCommands":
        this.commands.delete(commandsKey(p));
        return ok(true);
      case "setWebhook":
        if (typeof p.url !== "string" || !p.url.startsWith("https://")) return fail(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
        this.webhook = { url: p.url, ...(typeof p.secret_token === "string" ? { secret: p.secret_token } : {}), ...(typeof p.max_connections === "number" ? { maxConnections: p.max_connections } : {}) };
        if (p.drop_pending_updates === true) this.pending = [];
        setImmediate(() => this.flush());
        return ok(true);
      case "deleteWebhook":
        this.webhook = undefined;
        if (p.drop_pending_updates === true) this.pending = [];
        return ok(true);
      case "getWebhookInfo":
        return ok({ url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.pending.length, ...(this.webhook?.maxConnections ? { max_connections: this.webhook.maxConnections } : {}) });
      case "answerCallbackQuery": {
        const q = this.queries.get(String(p.callback_query_id));
        if (!q || q.answered) return fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        q.answered = true;
        this.chats.get(q.chatId)?.events.push({ kind: "answer", query: String(p.callback_query_id) });
        return ok(true);
      }
      case "sendMessage":
        return this.sendMessage(p);
      case "editMessageReplyMarkup":
      case "editMessageText":
        return this.edit(method, p);
      case "deleteMessage": {
        const c = this.chats.get(Number(p.chat_id));
        return c?.messages.delete(Number(p.message_id)) ? ok(true) : fail(400, "Bad Request: message to delete not found");
      }
      default:
        return fail(404, "Not Found: method not found");
    }
  }

  private checkMarkup(markup: unknown): string | undefined {
    const rows = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
    if (markup === undefined) return undefined;
    if (!Array.isArray(rows)) return "Bad Request: can't parse reply keyboard markup JSON object";
    for (const b of rows.flat()) {
      const data = "callback_data" in b ? b.callback_data : undefined;
      if (typeof b.text !== "string" || b.text === "") return "Bad Request: text buttons are unallowed in the inline keyboard";
      if (typeof data !== "string" || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64) return "Bad Request: BUTTON_DATA_INVALID";
    }
    return undefined;
  }

  private sendMessage(p: Json): Answer {
    const c = this.chats.get(Number(p.chat_id));
    if (!c) return fail(400, "Bad Request: chat not found");
    const html = String(p.text ?? "");
    const parsed = p.parse_mode === "HTML" ? parseTelegramHtml(html) : ({ ok: true, plain: html } as const);
    if (!parsed.ok) return fail(400, parsed.error);
    if (parsed.plain.trim() === "") return fail(400, "Bad Request: message text is empty");
    if (parsed.plain.length > 4096) return fail(400, "Bad Request: message is too long");
    const bad = this.checkMarkup(p.reply_markup);
    if (bad) return fail(400, bad);
    const message: BotMessage = { message_id: c.nextMessageId++, text: parsed.plain, html, edits: 0, ...(p.reply_markup ? { reply_markup: p.reply_markup as InlineKeyboardMarkup } : {}) };
    c.messages.set(message.message_id, message);
    c.events.push({ kind: "send", message_id: message.message_id, text: parsed.plain, buttons: buttonsOf(message.reply_markup) });
    return ok({ message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: c.chat, from: this.bot, text: parsed.plain, ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}) });
  }

  private edit(method: string, p: Json): Answer {
    const c = this.chats.get(Number(p.chat_id));
    const m = c?.messages.get(Number(p.message_id));
    if (!c || !m) return fail(400, "Bad Request: message to edit not found");
    const bad = this.checkMarkup(p.reply_markup);
    if (bad) return fail(400, bad);
    const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
    if (method === "editMessageText") {
      const parsed = p.parse_mode === "HTML" ? parseTelegramHtml(String(p.text ?? "")) : ({ ok: true, plain: String(p.text ?? "") } as const);
      if (!parsed.ok) return fail(400, parsed.error);
      if (parsed.plain === m.text && JSON.stringify(markup) === JSON.stringify(m.reply_markup)) return fail(400, "Bad Request: message is not modified");
      m.text = parsed.plain;
      m.html = String(p.text);
    } else if (JSON.stringify(markup) === JSON.stringify(m.reply_markup)) {
      return fail(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    }
    if (markup) m.reply_markup = markup;
    else delete m.reply_markup;
    m.edits++;
    c.events.push({ kind: "edit_markup", message_id: m.message_id, buttons: buttonsOf(m.reply_markup) });
    return ok({ message_id: m.message_id, date: Math.floor(Date.now() / 1000), chat: c.chat, text: m.text, ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}) });
  }
}
