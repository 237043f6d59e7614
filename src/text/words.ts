// The index of words people type instead of tapping – commands, language names, yes/no, consent,
// done, skip, statuses and needs – matched by foldWord. Pure: the locales' words are read by
// src/i18n/locale-words.ts; without them the dialogue understands the German and English basics.
import { foldWord } from "./fold.js";
import type { NeedId, StatusId } from "../rules/vocabulary.js";

export type CommandWord = "back" | "restart" | "language" | "help" | "delete";
export type Signal = "done" | "skip" | "consent" | "yes" | "no";

export type Meaning =
  | { readonly kind: "command"; readonly value: CommandWord }
  | { readonly kind: "signal"; readonly value: Signal }
  | { readonly kind: "language"; readonly value: string }
  | { readonly kind: "status"; readonly value: StatusId }
  | { readonly kind: "need"; readonly value: NeedId }
  /** a word that joins needs: "und", "and", "و", "і", "ve", … */
  | { readonly kind: "and" };

/** One word of one locale and what it means (for tests and checks). */
export interface WordEntry {
  readonly lang: string;
  readonly word: string;
  readonly meaning: Meaning;
}

export interface WordIndex {
  command(text: string): CommandWord | undefined;
  language(text: string): string | undefined;
  is(signal: Signal, text: string): boolean;
  status(text: string): StatusId | undefined;
  need(text: string): NeedId | undefined;
  /** folded words that join needs */
  readonly conjunctions: ReadonlySet<string>;
  readonly entries: readonly WordEntry[];
}

export const COMMAND_WORDS: readonly CommandWord[] = ["back", "restart", "language", "help", "delete"];
export const SIGNALS: readonly Signal[] = ["done", "skip", "consent", "yes", "no"];

/** "العمل" is also typed "عمل": Arabic words with the article are found without it too. */
function keysOf(word: string): string[] {
  const key = foldWord(word);
  const keys = [key];
  if (/^ال[\u0621-\u06ff]{2,}$/.test(key)) keys.push(key.slice(2));
  return keys;
}

export function buildWordIndex(entries: readonly WordEntry[]): WordIndex {
  const maps = {
    command: new Map<string, CommandWord>(),
    language: new Map<string, string>(),
    status: new Map<string, StatusId>(),
    need: new Map<string, NeedId>(),
  };
  const signals = new Map<Signal, Set<string>>(SIGNALS.map((s) => [s, new Set<string>()]));
  const conjunctions = new Set<string>();
  for (const e of entries) {
    const m = e.meaning;
    if (m.kind === "and") {
      conjunctions.add(foldWord(e.word));
      continue;
    }
    for (const key of keysOf(e.word)) {
      if (m.kind === "signal") signals.get(m.value)?.add(key);
      // the first meaning a key was given wins; tests check that no key has two
      else if (m.kind === "command") { if (!maps.command.has(key)) maps.command.set(key, m.value); }
      else if (m.kind === "language") { if (!maps.language.has(key)) maps.language.set(key, m.value); }
      else if (m.kind === "status") { if (!maps.status.has(key)) maps.status.set(key, m.value); }
      else if (!maps.need.has(key)) maps.need.set(key, m.value);
    }
  }
  return {
    command: (text) => (/^\s*[?؟]\s*$/.test(text) ? "help" : maps.command.get(foldWord(text.trim().replace(/^\//, "").replace(/@\w+$/, "")))),
    language: (text) => maps.language.get(foldWord(text)),
    is: (signal, text) => signals.get(signal)?.has(foldWord(text)) ?? false,
    status: (text) => maps.status.get(foldWord(text)),
    need: (text) => maps.need.get(foldWord(text)),
    conjunctions,
    entries,
  };
}

/** German and English basics, for a dialogue run without the locales' word lists. */
const BASIC: Record<CommandWord | Signal, readonly string[]> = {
  back: ["back", "zurück"],
  restart: ["restart", "neustart", "neu", "start"],
  language: ["language", "languages", "sprache"],
  help: ["help", "hilfe"],
  delete: ["delete", "löschen", "lösch"],
  done: ["done", "fertig", "weiter", "next", "ok"],
  skip: ["skip"],
  consent: ["ok", "okay", "ja", "yes", "einverstanden"],
  yes: ["ja", "yes", "y", "j"],
  no: ["nein", "no", "n"],
};

let basic: WordIndex | undefined;

export function basicWords(): WordIndex {
  basic ??= buildWordIndex(
    (Object.entries(BASIC) as [CommandWord | Signal, readonly string[]][]).flatMap(([k, words]) =>
      words.map((word): WordEntry => ({
        lang: "de",
        word,
        meaning: (COMMAND_WORDS as readonly string[]).includes(k) ? { kind: "command", value: k as CommandWord } : { kind: "signal", value: k as Signal },
      })),
    ),
  );
  return basic;
}
