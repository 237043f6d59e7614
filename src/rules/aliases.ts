// Matches what people type ("Aufenthaltsgestattung", "asylum", "§ 24") to status and need ids,
// and suggests the closest valid words when nothing matches.
import type { Vocabulary } from "./types.js";
import type { NeedId, StatusId } from "./vocabulary.js";
import { foldKey, foldWord, levenshtein } from "../text/fold.js";

export { foldKey };

export interface VocabularyIndex {
  status(text: string): StatusId | undefined;
  need(text: string): NeedId | undefined;
  /** up to `limit` valid words closest to `text`, ids first */
  suggest(text: string, kind: "status" | "need" | "any", limit?: number): string[];
}

/** Words of other languages for statuses and needs (the locales' word lists). */
export interface LocaleVocabulary {
  status(text: string): StatusId | undefined;
  need(text: string): NeedId | undefined;
}

export function createVocabularyIndex(vocabulary: Vocabulary, locales?: LocaleVocabulary): VocabularyIndex {
  const statuses = new Map<string, StatusId>();
  const needs = new Map<string, NeedId>();
  for (const s of vocabulary.statuses) for (const w of [s.id, ...s.aliases, s.names.de, s.names.en]) if (foldWord(w) !== "") statuses.set(foldWord(w), s.id);
  for (const n of vocabulary.needs) for (const w of [n.id, ...n.aliases, n.names.de, n.names.en]) if (foldWord(w) !== "") needs.set(foldWord(w), n.id);
  const words = {
    status: [...vocabulary.statuses.map((s) => s.id), ...vocabulary.statuses.flatMap((s) => s.aliases)],
    need: [...vocabulary.needs.map((n) => n.id), ...vocabulary.needs.flatMap((n) => n.aliases)],
  };
  return {
    status: (text) => statuses.get(foldWord(text)) ?? locales?.status(text),
    need: (text) => needs.get(foldWord(text)) ?? locales?.need(text),
    suggest(text, kind, limit = 3) {
      const pool = kind === "any" ? [...words.status, ...words.need] : words[kind];
      return closest(text, pool, limit);
    },
  };
}

/** The largest edit distance that still looks like a typo of a key this long. */
const typoDistance = (keyLength: number) => Math.max(2, Math.floor(keyLength / 3));

/**
 * The pool words that could be a typo of `key` (already folded): the edit distance is at least
 * the difference in length, so longer or shorter words are skipped without comparing. A key
 * longer than 1.5 × the longest word + 3 has none, so the work per input is bounded.
 */
export function typoCandidates(key: string, pool: readonly string[]): string[] {
  if (key.length === 0) return [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const word of pool) {
    if (seen.has(word)) continue;
    seen.add(word);
    const w = foldKey(word);
    const prefix = w.startsWith(key) && key.length >= 3;
    if (prefix || Math.abs(w.length - key.length) <= typoDistance(key.length)) out.push(word);
  }
  return out;
}

/** The closest words by edit distance, within a distance that still looks like a typo. */
export function closest(text: string, pool: readonly string[], limit: number): string[] {
  const key = foldKey(text);
  const scored: { word: string; d: number }[] = [];
  for (const word of typoCandidates(key, pool)) {
    const w = foldKey(word);
    const d = w.startsWith(key) && key.length >= 3 ? 0.5 : levenshtein(key, w);
    if (d <= typoDistance(key.length)) scored.push({ word, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.word.length - b.word.length).slice(0, limit).map((s) => s.word);
}
