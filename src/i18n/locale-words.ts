// Reads the words people type in every language from the locale data: the labels of the buttons
// (dialogue.json, vocab.json) and the extra words of locales/<lang>/words.json.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { localesDir } from "../paths.js";
import { foldWord } from "../text/fold.js";
import { buildWordIndex, COMMAND_WORDS, SIGNALS, type CommandWord, type Meaning, type Signal, type WordEntry, type WordIndex } from "../text/words.js";
import { isNeedId, isStatusId } from "../rules/vocabulary.js";
import { LANGUAGES, isLanguageCode } from "./languages.js";

export type { WordEntry, WordIndex, Meaning } from "../text/words.js";

interface WordsFile {
  commands?: Partial<Record<CommandWord, string[]>>;
  done?: string[];
  skip?: string[];
  consent?: string[];
  yes?: string[];
  no?: string[];
  languages?: Record<string, string[]>;
  statuses?: Record<string, string[]>;
  needs?: Record<string, string[]>;
  and?: string[];
}

type Tree = Record<string, unknown>;

function readJson(path: string): Tree | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Tree;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${path}: ${(err as Error).message}`, { cause: err });
  }
}

const at = (tree: Tree | undefined, path: string): string | undefined => {
  const v = path.split(".").reduce<unknown>((o, k) => (o as Tree | undefined)?.[k], tree);
  return typeof v === "string" ? v : undefined;
};

/** A button label as people would type it: "Fertig ({{count}} gewählt)" → "Fertig"; "Duldung (X)" → "Duldung" and "X". */
export function labelWords(label: string): { words: string[]; inParentheses: string[] } {
  const words = new Set<string>();
  const inParentheses: string[] = [];
  const bare = label.replace(/\{\{[^}]*\}\}/g, "").trim();
  const outside = bare.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim();
  if (outside) words.add(outside);
  // "لا أعرف / لا أريد الإجابة": each half on its own
  for (const part of outside.split(/\s+\/\s+/)) if (part.trim()) words.add(part.trim());
  for (const m of bare.matchAll(/\(([^)]*)\)/g)) if (!/\d/.test(m[1]!) && m[1]!.trim()) inParentheses.push(m[1]!.trim());
  return { words: [...words].filter((w) => foldWord(w) !== ""), inParentheses };
}

/** Reads every locale's words: words.json plus the labels of the buttons. */
export function readWordEntries(dir: string = localesDir()): WordEntry[] {
  const entries: WordEntry[] = [];
  // the German term in parentheses of a label ("تعليق الترحيل (Duldung)") counts only where no other label names it
  const weak: WordEntry[] = [];
  const add = (lang: string, words: Iterable<string>, meaning: Meaning) => {
    for (const word of words) if (foldWord(word) !== "") entries.push({ lang, word, meaning });
  };
  for (const l of LANGUAGES) add(l.code, [l.code, l.name], { kind: "language", value: l.code });
  for (const lang of readdirSync(dir)) {
    if (!isLanguageCode(lang)) continue;
    const dialogue = readJson(join(dir, lang, "dialogue.json"));
    const vocab = readJson(join(dir, lang, "vocab.json"));
    const file = (readJson(join(dir, lang, "words.json")) ?? {}) as WordsFile;
    const label = (tree: Tree | undefined, path: string, meaning?: Meaning) => {
      // a label with a count may come in plural forms only ("needs.done_other")
      const v = at(tree, path) ?? at(tree, `${path}_other`);
      if (!v) return [];
      const { words, inParentheses } = labelWords(v);
      if (meaning) for (const word of inParentheses) weak.push({ lang, word, meaning });
      return words;
    };
    for (const c of COMMAND_WORDS) add(lang, [...label(dialogue, `commands.${c}`), ...(file.commands?.[c] ?? [])], { kind: "command", value: c });
    const labels: Record<Signal, string[]> = {
      done: label(dialogue, "needs.done"),
      skip: label(dialogue, "place.skip"),
      consent: label(dialogue, "privacy.ok"),
      yes: label(dialogue, "age.birthday_yes"),
      no: label(dialogue, "age.birthday_no"),
    };
    for (const s of SIGNALS) add(lang, [...labels[s], ...(file[s] ?? [])], { kind: "signal", value: s });
    for (const [code, words] of Object.entries(file.languages ?? {})) if (isLanguageCode(code)) add(lang, words, { kind: "language", value: code });
    for (const [id, words] of Object.entries(file.statuses ?? {})) if (isStatusId(id)) add(lang, words, { kind: "status", value: id });
    for (const [id, words] of Object.entries(file.needs ?? {})) if (isNeedId(id)) add(lang, words, { kind: "need", value: id });
    for (const [id, e] of Object.entries((vocab?.statuses as Tree | undefined) ?? {})) if (isStatusId(id)) add(lang, label(e as Tree, "name", { kind: "status", value: id }), { kind: "status", value: id });
    for (const [id, e] of Object.entries((vocab?.needs as Tree | undefined) ?? {})) if (isNeedId(id)) add(lang, label(e as Tree, "name", { kind: "need", value: id }), { kind: "need", value: id });
    add(lang, file.and ?? [], { kind: "and" });
  }
  const meaningOf = (e: WordEntry) => `${e.meaning.kind}|${foldWord(e.word)}`;
  const claimed = new Map<string, string>();
  for (const e of [...entries, ...weak]) {
    const value = "value" in e.meaning ? e.meaning.value : "";
    const prev = claimed.get(meaningOf(e));
    claimed.set(meaningOf(e), prev === undefined || prev === value ? value : "\u0000");
  }
  for (const e of weak) if (claimed.get(meaningOf(e)) !== "\u0000") entries.push(e);
  return entries;
}

let cached: WordIndex | undefined;

/** The words of the locales shipped with the program, read once. */
export function localeWords(): WordIndex {
  return (cached ??= buildWordIndex(readWordEntries()));
}
