// The adapter's pure parts: update → dialogue input, Telegram language codes, callback data
// for every question's buttons, packing and splitting under Telegram's 4,096 characters.
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { dialogueDeps } from "../../../src/conversation.js";
import { ask, initialState } from "../../../src/dialogue/step.js";
import type { DialogueState, Step } from "../../../src/dialogue/types.js";
import { MAX_CALLBACK_DATA, MAX_TEXT, parseCallbackData, parseUpdate, toLanguage } from "../../../src/channels/telegram/parse.js";
import { keyboard, MAX_MESSAGE, splitText, toCalls } from "../../../src/channels/telegram/render.js";
import { renderReplies } from "../../../src/present/dialogue-text.js";
import { forTelegram } from "../../../src/channels/telegram/result-view.js";
import { testApp } from "../../helpers.js";

const chat = { id: 42, type: "private" as const, first_name: "A" };
const from = { id: 42, is_bot: false, first_name: "A", language_code: "ar" };
const msg = (extra: object): Update => ({ update_id: 1, message: { message_id: 1, date: 0, chat, from, ...extra } }) as Update;
const state = (step: Step): DialogueState => ({ ...initialState(), step, lang: "de" });

describe("parseUpdate", () => {
  it("turns /start into a start with the Telegram language, other commands into commands", () => {
    expect(parseUpdate(msg({ text: "/start" }))).toMatchObject({ kind: "dialogue", chatId: 42, input: { kind: "start", suggestedLang: "ar" } });
    expect(parseUpdate(msg({ text: "/delete@wegweiser_bot" }))).toMatchObject({ input: { kind: "command", command: "delete" } });
    expect(parseUpdate(msg({ text: "/LANGUAGE" }))).toMatchObject({ input: { kind: "command", command: "language" } });
    expect(parseUpdate(msg({ text: "/frobnicate 22 duldung" }))).toMatchObject({ input: { kind: "other" } });
  });

  it("turns /check and /ref into volunteer look-ups that no session sees", () => {
    expect(parseUpdate(msg({ text: "/check 22 duldung Heinsberg" }))).toEqual({ kind: "lookup", chatId: 42, userId: 42, lookup: "check", text: "22 duldung Heinsberg", lang: "ar" });
    expect(parseUpdate(msg({ text: "/ref@wegweiser_bot ABCDE-FGHJK" }))).toMatchObject({ kind: "lookup", lookup: "ref", text: "ABCDE-FGHJK" });
    expect(parseUpdate(msg({ text: "/check" }))).toMatchObject({ kind: "lookup", lookup: "check", text: "" });
  });

  it("keeps text up to the limit and treats longer text, media and edits as 'other'", () => {
    expect(parseUpdate(msg({ text: "x".repeat(MAX_TEXT) }))).toMatchObject({ input: { kind: "text" } });
    expect(parseUpdate(msg({ text: "x".repeat(MAX_TEXT + 1) }))).toMatchObject({ input: { kind: "other" } });
    for (const media of [{ sticker: {} }, { photo: [] }, { voice: {} }, { document: {} }, { location: {} }]) expect(parseUpdate(msg(media))).toMatchObject({ input: { kind: "other", reason: "media" } });
    expect(parseUpdate({ update_id: 2, edited_message: { message_id: 1, date: 0, edit_date: 1, chat, from, text: "22" } } as Update)).toMatchObject({ input: { kind: "other" } });
    expect(parseUpdate(msg({ pinned_message: {} }))).toEqual({ kind: "ignore" });
  });

  it("checks a button's step against the session: a stale one becomes 'other'", () => {
    const p = parseUpdate({ update_id: 3, callback_query: { id: "q", from, chat_instance: "c", data: "status:duldung", message: { message_id: 9, date: 0, chat } } } as Update);
    if (p.kind !== "dialogue" || typeof p.input !== "function") throw new Error("expected a button");
    expect(p.callback).toEqual({ queryId: "q", messageId: 9, step: "status" });
    expect(p.input(state("status"))).toEqual({ kind: "choice", id: "duldung" });
    expect(p.input(state("needs"))).toEqual({ kind: "other", reason: "old_button" });
    const restart = parseUpdate({ update_id: 4, callback_query: { id: "q", from, chat_instance: "c", data: "result:restart", message: { message_id: 9, date: 0, chat } } } as Update);
    if (restart.kind !== "dialogue" || typeof restart.input !== "function") throw new Error("expected a button");
    expect(restart.input(state("age"))).toEqual({ kind: "choice", id: "restart" });
  });

  it("answers groups with the note only for commands, never for chatter", () => {
    const group = { id: -100, type: "group" as const, title: "G" };
    expect(parseUpdate({ update_id: 5, message: { message_id: 1, date: 0, chat: group, from, text: "/start" } } as Update)).toMatchObject({ kind: "group", chatId: -100 });
    expect(parseUpdate({ update_id: 6, message: { message_id: 1, date: 0, chat: group, from, text: "hallo" } } as Update)).toEqual({ kind: "ignore" });
  });

  it("takes /check and /ref in groups, addressed to this bot or to none, and leaves other bots' commands alone", () => {
    const group = { id: -100, type: "supergroup" as const, title: "G" };
    const say = (text: string) => parseUpdate({ update_id: 7, message: { message_id: 1, date: 0, chat: group, from, text } } as Update, "WegweiserBot");
    expect(say("/check 22 duldung")).toEqual({ kind: "lookup", chatId: -100, userId: 42, lookup: "check", text: "22 duldung", lang: "ar" });
    expect(say("/check@wegweiserbot 22 duldung")).toMatchObject({ kind: "lookup", lookup: "check", text: "22 duldung" });
    expect(say("/ref@WegweiserBot ABCDE-FGHJK")).toMatchObject({ kind: "lookup", lookup: "ref", text: "ABCDE-FGHJK" });
    expect(say("/check@OtherBot 22 duldung")).toEqual({ kind: "ignore" });
    expect(say("/start@OtherBot")).toEqual({ kind: "ignore" });
    expect(say("/start@WegweiserBot")).toMatchObject({ kind: "group", chatId: -100 });
  });

  it("turns a tap on “other services” or “why / sources” at the result into a section, other result buttons into choices", () => {
    const tap = (data: string) => parseUpdate({ update_id: 8, callback_query: { id: "q", from, chat_instance: "c", data, message: { message_id: 9, date: 0, chat } } } as Update);
    expect(tap("result:why")).toEqual({ kind: "section", chatId: 42, section: "why", lang: "ar", callback: { queryId: "q", messageId: 9, step: "result" } });
    expect(tap("result:services")).toMatchObject({ kind: "section", section: "services" });
    expect(tap("result:slip")).toMatchObject({ kind: "dialogue" });
    expect(tap("needs:why")).toMatchObject({ kind: "dialogue" });
  });
});

describe("toLanguage", () => {
  it("maps Telegram's language tags to Wegweiser's languages", () => {
    const cases: [string | undefined, string | undefined][] = [
      ["uk", "uk"], ["ar", "ar"], ["fa", "fa"], ["ru", "ru"], ["tr", "tr"], ["de", "de"], ["en", "en"], ["en-GB", "en"], ["pt-br", undefined],
      ["ku", "kmr"], ["prs", "prs"], ["fa-AF", "prs"], ["ps", "ps"], ["", undefined], [undefined, undefined],
    ];
    for (const [tag, lang] of cases) expect(toLanguage(tag), String(tag)).toBe(lang);
  });
});

describe("buttons", () => {
  const app = testApp();
  const deps = dialogueDeps(app, () => "2026-11-21");
  const steps: DialogueState[] = [
    state("language"), state("privacy"), state("age"), { ...state("age_birthday"), birthYear: 1990 }, state("status"), state("needs"), state("place"),
    { ...state("place_choice"), placeOptions: Array.from({ length: 8 }, (_, i) => ({ key: `0537001${i}`, name: `Ort ${i}`, land: "NW", level: "gemeinde" as const })) },
    state("result"),
  ];

  it("carry ASCII callback data of at most 64 bytes that names the step and the choice", () => {
    let buttons = 0;
    for (const s of steps) {
      const withHistory: DialogueState = { ...s, history: ["language", "privacy"], place: null };
      for (const reply of forTelegram(ask(withHistory, deps), withHistory, deps)) {
        const [rendered] = renderReplies([reply], app.i18n.translator("de"));
        const datas = keyboard(rendered!, s.step).inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data! : ""));
        for (const data of datas) {
          expect(data).toMatch(/^[\x21-\x7e]+$/);
          expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_DATA);
        }
        expect(datas.map((d) => parseCallbackData(d))).toEqual(expect.arrayContaining((reply.choices ?? []).map((c) => ({ step: s.step, id: c.id }))));
        expect(datas).toHaveLength(reply.choices?.length ?? 0);
        buttons += datas.length;
      }
    }
    expect(buttons).toBeGreaterThan(50);
  });

  it("mark chosen needs with ✓ and put “Done” on its own row", () => {
    const [m] = renderReplies(ask({ ...state("needs"), needs: ["arbeit"] }, deps), app.i18n.translator("de"));
    const rows = keyboard(m!, "needs").inline_keyboard;
    expect(rows.flat().find((b) => b.text.startsWith("✓"))?.text).toBe("✓ Arbeit");
    expect(rows.at(-1)).toHaveLength(1);
    expect(rows.at(-1)![0]!.text).toBe("Fertig (1 gewählt)");
  });

  it("lay the needs out in two columns in every language, however long the names, with Back beside “Done”", () => {
    for (const lang of app.i18n.languages) {
      const s: DialogueState = { ...state("needs"), lang, history: ["language", "privacy", "age", "status"] };
      const [m] = renderReplies(forTelegram(ask(s, deps), s, deps), app.i18n.translator(lang));
      const rows = keyboard(m!, "needs").inline_keyboard;
      const needRows = rows.slice(0, -1);
      expect(needRows.flat().length, lang).toBe(m!.choices.length - 2);
      for (const row of needRows.slice(0, -1)) expect(row, lang).toHaveLength(2);
      expect(rows.at(-1)!.map((b) => ("callback_data" in b ? b.callback_data : "")), lang).toEqual(["needs:back", "needs:done"]);
    }
  });
});

describe("messages", () => {
  it("split at line ends below 4,096 characters and lose nothing", () => {
    const text = Array.from({ length: 400 }, (_, i) => `• <b>Zeile ${i}</b> – ${"x".repeat(i % 50)}`).join("\n");
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(pieces.join("\n")).toBe(text);
  });

  it("cut an overlong line without breaking a tag or an entity", () => {
    const pieces = splitText(`<b>${"a&amp;b ".repeat(1200)}</b>`);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE);
      expect(p).not.toMatch(/<|&(?!amp;)|&a?m?p?$/);
    }
  });

  it("pack consecutive texts into one message, answer a tap first, and keep the keyboard on the question", () => {
    const calls = toCalls(
      [
        { key: "a", text: "Das habe ich nicht verstanden.", choices: [], multi: false },
        { key: "b", text: "Wie alt sind Sie?", choices: [{ id: "x", label: "X", selected: false }], multi: false },
      ],
      { chatId: 42, step: "age", callback: { queryId: "q", messageId: 3, step: "age" } },
    );
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery", "sendMessage"]);
    expect(calls[1]).toMatchObject({ payload: { text: "Das habe ich nicht verstanden.\n\nWie alt sind Sie?", reply_markup: { inline_keyboard: [[{ text: "X", callback_data: "age:x" }]] } } });
  });
});
