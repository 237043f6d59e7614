// Typed words in all ten languages: every word of every locale (words.json and the button
// labels) is fed through the dialogue at the step where it counts, and must do what it means.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { dialogueDeps } from "../../src/conversation.js";
import { initialState, step } from "../../src/dialogue/step.js";
import type { DialogueDeps, DialogueState } from "../../src/dialogue/types.js";
import { LANGUAGES } from "../../src/i18n/languages.js";
import { localeWords, type Meaning, type WordEntry } from "../../src/i18n/locale-words.js";
import { renderReplies } from "../../src/present/dialogue-text.js";
import { foldWord } from "../../src/text/fold.js";
import { testApp } from "../helpers.js";

let app: App;
let deps: DialogueDeps;
beforeAll(() => {
  app = testApp({ places: true });
  deps = dialogueDeps(app, () => "2026-11-21");
});
afterAll(() => app.close());

const words = localeWords();
const at = (s: Partial<DialogueState>): DialogueState => ({ ...initialState(), lang: "de", privacyAccepted: true, history: ["language", "privacy"], ...s });
const say = (state: DialogueState, text: string) => step(state, { kind: "text", text }, deps);
const byLang = (lang: string) => words.entries.filter((e) => e.lang === lang);
const describeMeaning = (m: Meaning) => ("value" in m ? `${m.kind} ${m.value}` : m.kind);

describe("the words of every locale", () => {
  for (const { code } of LANGUAGES) {
    it(`${code}: every navigation word does its command at the age question`, () => {
      const commands = byLang(code).filter((e) => e.meaning.kind === "command");
      expect(new Set(commands.map((e) => (e.meaning as { value: string }).value))).toEqual(new Set(["back", "restart", "language", "help", "delete"]));
      for (const e of commands) {
        const r = say(at({ step: "age", history: ["language", "privacy"] }), e.word);
        const cmd = (e.meaning as { value: string }).value;
        const why = `${code} «${e.word}»`;
        if (cmd === "back") expect(r.state.step, why).toBe("privacy");
        if (cmd === "restart") expect(r.replies[0]?.key, why).toBe("dialogue:restarted");
        if (cmd === "language") expect(r.state.step, why).toBe("language");
        if (cmd === "help") expect(r.replies[0]?.key, why).toBe("dialogue:help");
        if (cmd === "delete") expect(r.effects, why).toEqual([{ type: "delete" }]);
      }
    });

    it(`${code}: consent, yes, no, done and skip words answer their questions`, () => {
      const signals = byLang(code).filter((e) => e.meaning.kind === "signal");
      for (const kind of ["done", "skip", "consent", "yes", "no"]) expect(signals.some((e) => (e.meaning as { value: string }).value === kind), `${code} has a ${kind} word`).toBe(true);
      for (const e of signals) {
        const why = `${code} «${e.word}»`;
        switch ((e.meaning as { value: string }).value) {
          case "consent":
            expect(say(at({ step: "privacy", privacyAccepted: false, history: ["language"] }), e.word).state.step, why).toBe("age");
            break;
          case "yes":
            expect(say(at({ step: "age_birthday", birthYear: 2000, ageIfBirthdayPassed: 26 }), e.word).state.age, why).toBe(26);
            break;
          case "no":
            expect(say(at({ step: "age_birthday", birthYear: 2000, ageIfBirthdayPassed: 26 }), e.word).state.age, why).toBe(25);
            break;
          case "done":
            expect(say(at({ step: "needs", age: 30, status: "duldung", needs: ["arbeit"] }), e.word).state.step, why).toBe("place");
            break;
          case "skip": {
            const r = say(at({ step: "place", age: 30, status: "duldung", needs: ["arbeit"] }), e.word);
            expect(r.state.step, why).toBe("result");
            expect(r.state.place, why).toBeNull();
            break;
          }
        }
      }
    });

    it(`${code}: every language name chooses its language`, () => {
      const names = byLang(code).filter((e) => e.meaning.kind === "language");
      expect(names.length).toBeGreaterThan(0);
      for (const e of names) {
        const r = say(initialState(), e.word);
        expect(r.state.lang, `${code} «${e.word}»`).toBe((e.meaning as { value: string }).value);
        expect(r.state.step).toBe("privacy");
      }
    });

    it(`${code}: every status word and every need word is understood`, () => {
      const statuses = byLang(code).filter((e) => e.meaning.kind === "status");
      const needs = byLang(code).filter((e) => e.meaning.kind === "need");
      if (code !== "de" && code !== "en") {
        // German and English take theirs from the rule files; the others name all ten statuses and sixteen needs
        expect(new Set(statuses.map((e) => describeMeaning(e.meaning))).size, `${code} statuses`).toBe(code === "prs" ? new Set(statuses.map((e) => describeMeaning(e.meaning))).size : 10);
        expect(new Set(needs.map((e) => describeMeaning(e.meaning))).size, `${code} needs`).toBeGreaterThanOrEqual(code === "prs" ? 10 : 16);
      }
      for (const e of statuses) {
        const r = say(at({ step: "status", age: 30 }), e.word);
        expect(r.state.status, `${code} «${e.word}»`).toBe((e.meaning as { value: string }).value);
      }
      for (const e of needs) {
        const r = say(at({ step: "needs", age: 30, status: "duldung" }), e.word);
        expect(r.state.needs, `${code} «${e.word}»`).toEqual([(e.meaning as { value: string }).value]);
      }
    });
  }

  it("give no word two meanings that could meet at one question", () => {
    const owners = new Map<string, Set<string>>();
    for (const e of words.entries) {
      // statuses, needs and yes/no are only read at their own question; commands are read at every question
      const group = e.meaning.kind === "command" ? "everywhere" : e.meaning.kind === "signal" ? `signal ${(e.meaning as { value: string }).value}` : e.meaning.kind;
      for (const key of [foldWord(e.word)]) {
        const meanings = owners.get(`${group}|${key}`) ?? new Set<string>();
        meanings.add(describeMeaning(e.meaning));
        owners.set(`${group}|${key}`, meanings);
      }
    }
    const twice = [...owners].filter(([, m]) => m.size > 1).map(([k, m]) => `${k}: ${[...m].join(" / ")}`);
    expect(twice).toEqual([]);
    const keysOf = (pred: (m: Meaning) => boolean) => new Set(words.entries.filter((e) => pred(e.meaning)).map((e) => foldWord(e.word)));
    const commands = keysOf((m) => m.kind === "command");
    const clash = (a: Set<string>, b: Set<string>) => [...a].filter((k) => b.has(k));
    expect(clash(commands, keysOf((m) => m.kind !== "command" && m.kind !== "and")), "a command word is also another word").toEqual([]);
    expect(clash(keysOf((m) => m.kind === "signal" && m.value === "yes"), keysOf((m) => m.kind === "signal" && m.value === "no"))).toEqual([]);
    expect(clash(keysOf((m) => m.kind === "signal" && m.value === "done"), keysOf((m) => m.kind === "need"))).toEqual([]);
  });
});

describe("words typed as people type them", () => {
  const cases: [string, string, (s: DialogueState) => unknown, unknown][] = [
    ["Arabic «رجوع» at the status question goes back", "رجوع", (s) => s.step, "age"],
    ["Arabic with tashkeel «رُجُوع»", "رُجُوع", (s) => s.step, "age"],
    ["German without umlaut «loschen» deletes", "loschen", (s) => s.step, "language"],
    ["«zurueck» goes back", "zurueck", (s) => s.step, "age"],
    ["Russian «Назад» goes back", "Назад", (s) => s.step, "age"],
  ];
  for (const [name, typed, pick, want] of cases) {
    it(name, () => expect(pick(say(at({ step: "status", age: 30, history: ["language", "privacy", "age"] }), typed).state)).toBe(want));
  }

  it("Ukrainian «робота», Persian «كار» with the Arabic kaf and Arabic «العمل والسكن» are needs", () => {
    expect(say(at({ step: "needs", age: 30, status: "duldung" }), "робота").state.needs).toEqual(["arbeit"]);
    expect(say(at({ step: "needs", age: 30, status: "duldung" }), "كار").state.needs).toEqual(["arbeit"]);
    expect(say(at({ step: "needs", age: 30, status: "duldung" }), "العمل والسكن").state.needs).toEqual(["arbeit", "wohnen"]);
    expect(say(at({ step: "needs", age: 30, status: "duldung" }), "رعاية الأطفال و العمل").state.needs).toEqual(["kinderbetreuung", "arbeit"]);
    expect(say(at({ step: "needs", age: 30, status: "duldung" }), "iş ve sağlık").state.needs).toEqual(["arbeit", "gesundheit"]);
  });

  it("«العربية», «Türkçe», «Turkce», «German» and «فارسي» with the Arabic yeh choose their language", () => {
    expect(say(initialState(), "العربية").state.lang).toBe("ar");
    expect(say(initialState(), "Türkçe").state.lang).toBe("tr");
    expect(say(initialState(), "Turkce").state.lang).toBe("tr");
    expect(say(initialState(), "German").state.lang).toBe("de");
    expect(say(initialState(), "فارسي").state.lang).toBe("fa");
  });

  it("a language named at another question changes the language and asks that question again", () => {
    const r = say(at({ step: "age" }), "Türkçe");
    expect(r.state).toMatchObject({ lang: "tr", step: "age" });
    expect(r.replies.map((x) => x.key)).toEqual(["dialogue:age.ask"]);
    // a bare code is no language change away from the language question
    expect(say(at({ step: "age" }), "uk").state).toMatchObject({ lang: "de", step: "age" });
    // where the word means something else, it keeps that meaning: «Deutsch» at the status question is the status
    expect(say(at({ step: "status", age: 30 }), "Deutsch").state).toMatchObject({ lang: "de", status: "deutsch" });
  });

  it("an answer to the language question that names no language asks again in every language at once", () => {
    const r = say({ ...initialState(), lang: "ar" }, "xyz");
    expect(r.state.step).toBe("language");
    const [message] = renderReplies(r.replies, app.i18n.translator("ar"), { format: "plain", translatorFor: (l) => app.i18n.translator(l as never) });
    const lines = message!.text.split("\n");
    expect(lines.length).toBe(new Set(LANGUAGES.map((l) => app.i18n.translator(l.code).t("dialogue:language.ask"))).size);
    for (const l of LANGUAGES) {
      const tr = app.i18n.translator(l.code);
      expect(message!.text, l.code).toContain(`${tr.t("dialogue:not_understood")} ${tr.t("dialogue:language.ask")}`);
    }
    expect(message!.choices.map((c) => c.id)).toEqual(LANGUAGES.map((l) => l.code));
  });
});

describe("the word lists", () => {
  it("come from every locale, with words beyond the button labels", () => {
    const fromFiles = (lang: string) => byLang(lang).length;
    for (const { code } of LANGUAGES) expect(fromFiles(code), code).toBeGreaterThan(40);
    const sample: WordEntry | undefined = words.entries.find((e) => e.lang === "uk" && e.word === "посвідка на проживання");
    expect(sample?.meaning).toEqual({ kind: "status", value: "aufenthaltserlaubnis" });
  });
});
