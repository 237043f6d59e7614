// A person in a Telegram app, driven by a test: sends text, commands, stickers, photos, voice,
// edits, taps buttons on the bot's messages, and waits for what the bot answers.
import type { Message, Update, User } from "grammy/types";
import type { BotApiServer, BotMessage, ChatEvent, ChatState } from "./bot-api-server.js";

let queryCounter = 0;

/** Polls `test` every 10 ms until it holds (for state outside the Bot API server, e.g. the database). */
export async function until(test: () => boolean, ms = 5_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export class TestUser {
  readonly state: ChatState;

  constructor(
    readonly server: BotApiServer,
    readonly id: number,
    options: { languageCode?: string; firstName?: string; username?: string; group?: boolean; from?: Partial<User> } = {},
  ) {
    this.state = server.chat(id, {
      type: options.group ? "group" : "private",
      user: { first_name: options.firstName ?? "Test", ...(options.username ? { username: options.username } : {}), ...(options.languageCode ? { language_code: options.languageCode } : {}), ...options.from },
    });
  }

  private base(): Omit<Message, "text"> {
    return { message_id: this.state.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: this.state.chat, from: this.state.user } as Omit<Message, "text">;
  }

  private message(extra: Record<string, unknown>): number {
    return this.server.inject({ message: { ...this.base(), ...extra } } as Omit<Update, "update_id">);
  }

  send(text: string): number {
    const command = /^\/\w+/.exec(text);
    return this.message({ text, ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}) });
  }

  sticker(): number {
    return this.message({ sticker: { file_id: "CAACAgIAAxk", file_unique_id: "AgAD", type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" } });
  }

  photo(): number {
    return this.message({ photo: [{ file_id: "AgACAgIAAxk", file_unique_id: "AQAD", width: 90, height: 90 }], caption: "mein Ausweis" });
  }

  voice(): number {
    return this.message({ voice: { file_id: "AwACAgIAAxk", file_unique_id: "AgADv", duration: 3, mime_type: "audio/ogg" } });
  }

  /** the person edits a message they sent earlier */
  edit(messageId: number, text: string): number {
    return this.server.inject({ edited_message: { message_id: messageId, date: Math.floor(Date.now() / 1000) - 5, edit_date: Math.floor(Date.now() / 1000), chat: this.state.chat, from: this.state.user, text } } as unknown as Omit<Update, "update_id">);
  }

  /** Taps a button by its callback data on the given message (default: the newest that has it). */
  press(data: string, messageId?: number): number {
    const m = messageId !== undefined ? this.state.messages.get(messageId) : this.messages().reverse().find((x) => this.dataOf(x).includes(data)) ?? this.lastWithButtons();
    const id = `${this.id}-${++queryCounter}`;
    this.server.registerQuery(id, this.id);
    return this.server.inject({
      callback_query: {
        id,
        from: this.state.user,
        chat_instance: `ci${this.id}`,
        data,
        ...(m ? { message: { message_id: m.message_id, date: Math.floor(Date.now() / 1000), chat: this.state.chat, from: this.server.bot, text: m.text } } : {}),
      },
    } as unknown as Omit<Update, "update_id">);
  }

  /** Taps the button for a choice id (callback data "<step>:<id>") on the newest message offering it. */
  choose(choiceId: string): number {
    for (const m of this.messages().reverse()) {
      const data = this.dataOf(m).find((d) => d.endsWith(`:${choiceId}`));
      if (data) return this.press(data, m.message_id);
    }
    throw new Error(`no button for ${choiceId} in chat ${this.id}`);
  }

  dataOf(m: BotMessage): string[] {
    return (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
  }

  labelsOf(m: BotMessage | undefined): string[] {
    return (m?.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
  }

  messages(): BotMessage[] {
    return [...this.state.messages.values()];
  }

  lastWithButtons(): BotMessage | undefined {
    return this.messages().reverse().find((m) => m.reply_markup);
  }

  last(): BotMessage | undefined {
    return this.messages().at(-1);
  }

  events(): ChatEvent[] {
    return this.state.events;
  }

  /** Waits for a message from the bot, sent after event number `since`, whose text matches. */
  async expect(pattern: string | RegExp, since = 0, ms = 10_000): Promise<BotMessage> {
    const found = () => {
      const ids = new Set(this.state.events.slice(since).flatMap((e) => (e.kind === "send" ? [e.message_id] : [])));
      return this.messages().find((m) => ids.has(m.message_id) && (typeof pattern === "string" ? m.text.includes(pattern) : pattern.test(m.text)));
    };
    await this.server.waitFor(() => found() !== undefined, ms, `"${String(pattern)}" in chat ${this.id}`);
    return found()!;
  }

  /** Waits until the bot did something visible (a message or an edit) after event number `since`. */
  async answered(since: number, ms = 10_000): Promise<ChatEvent[]> {
    await this.server.waitFor(() => this.state.events.slice(since).some((e) => e.kind !== "answer"), ms, `an answer in chat ${this.id}`);
    return this.state.events.slice(since);
  }

  /** Sends, or taps, and waits for the answer; returns the new events. */
  async say(text: string, ms?: number): Promise<ChatEvent[]> {
    const since = this.state.events.length;
    this.send(text);
    return this.answered(since, ms);
  }

  async tap(choiceId: string, ms?: number): Promise<ChatEvent[]> {
    const since = this.state.events.length;
    this.choose(choiceId);
    return this.answered(since, ms);
  }
}
