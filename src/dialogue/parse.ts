// Reads free-text answers: an age (number, birth year or birth date, in Latin, Arabic-Indic or
// Persian digits, with stray bidi marks), commands typed as words, and lists of needs.
import type { VocabularyIndex } from "../rules/aliases.js";
import type { NeedId, StatusId } from "../rules/vocabulary.js";
import type { Command } from "./types.js";
import { foldWord, normaliseDigits } from "../text/fold.js";
import { basicWords, type Signal, type WordIndex } from "../text/words.js";

export { normaliseDigits };

export type AgeAnswer =
  | { readonly kind: "age"; readonly age: number }
  /** a birth year alone: the age depends on whether the birthday has passed */
  | { readonly kind: "birth_year"; readonly year: number; readonly ageIfPassed: number; readonly calendar: "gregorian" | "solar_hijri" }
  | { readonly kind: "invalid" };

function completedYears(birth: Date, today: Date): number {
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const m = today.getUTCMonth() - birth.getUTCMonth();
  if (m < 0 || (m === 0 && today.getUTCDate() < birth.getUTCDate())) age--;
  return age;
}

export function parseAge(text: string, today: string): AgeAnswer {
  const t = normaliseDigits(text).trim();
  const now = new Date(`${today}T00:00:00Z`);
  const year = now.getUTCFullYear();
  // a birth date: 25.03.1998, 25/3/1998 or 1998-03-25
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null;
  if (parts) {
    const [y, m, d] = parts.map(Number) as [number, number, number];
    const birth = new Date(Date.UTC(y, m - 1, d));
    if (birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth > now || y < year - 120) return { kind: "invalid" };
    return { kind: "age", age: completedYears(birth, now) };
  }
  const numbers = t.match(/\d+/g) ?? [];
  // one number only: "25", "25 Jahre", "I am 25"; several numbers are ambiguous
  if (numbers.length !== 1) return { kind: "invalid" };
  // decimals and negative numbers are no age
  if (/\d\s*[.,]\s*\d/.test(t) || /[-−]\s*\d/.test(t)) return { kind: "invalid" };
  const n = Number(numbers[0]);
  if (numbers[0]!.length === 4) {
    if (n <= year && n >= year - 120) return { kind: "birth_year", year: n, ageIfPassed: year - n, calendar: "gregorian" };
    // 1300–1405: a year of the Solar Hijri calendar, as Afghans and Iranians give it; its year starts around 21 March
    const solarNow = year - (now.getUTCMonth() > 2 || (now.getUTCMonth() === 2 && now.getUTCDate() >= 21) ? 621 : 622);
    if (n >= solarNow - 120 && n <= solarNow) return { kind: "birth_year", year: n, ageIfPassed: solarNow - n, calendar: "solar_hijri" };
    return { kind: "invalid" };
  }
  if (n > 120 || numbers[0]!.length > 3) return { kind: "invalid" };
  return { kind: "age", age: n };
}

/** `/back`, "zurück", "رجوع", "назад", "loschen": commands typed as words, in every language whose words are given. */
export function parseCommand(text: string, words: WordIndex = basicWords()): Command | undefined {
  return words.command(normaliseDigits(text));
}

/** "de", "Deutsch", "German", "العربية", "Türkçe": the language a typed answer names, if it is one of `languages`. */
export function parseLanguage(text: string, languages: readonly string[], words: WordIndex = basicWords()): string | undefined {
  const lang = words.language(normaliseDigits(text));
  return lang && languages.includes(lang) ? lang : undefined;
}

/** "ja", "نعم", "так", "erê": whether a typed answer is this yes, no, consent, done or skip word. */
export function isSignal(signal: Signal, text: string, words: WordIndex = basicWords()): boolean {
  return words.is(signal, normaliseDigits(text));
}

/** "Arbeit und Deutsch lernen, housing" → the needs named; words that are no need are returned too. */
export function parseNeeds(text: string, vocab: VocabularyIndex, words: WordIndex = basicWords()): { needs: NeedId[]; unknown: string[] } {
  const whole = vocab.need(text);
  if (whole) return { needs: [whole], unknown: [] };
  const needs: NeedId[] = [];
  const unknown: string[] = [];
  const tokens = normaliseDigits(text)
    .split(/[,;/+\n،؛]|\s+(?:und|and|oder|or|&)\s+/i)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const joins = (w: string) => words.conjunctions.has(foldWord(w));
  for (const token of tokens) {
    const direct = vocab.need(token);
    if (direct) {
      if (!needs.includes(direct)) needs.push(direct);
      continue;
    }
    // a token of several words: the longest runs of words that name a need ("Kita und arbeit",
    // "رعاية الأطفال والعمل"); Arabic and Persian write "and" joined to the next word ("والسكن")
    const ws = token.split(/\s+/);
    for (let i = 0; i < ws.length; ) {
      let found: { need: NeedId; n: number } | undefined;
      for (let n = Math.min(4, ws.length - i); n >= 1 && !found; n--) {
        const phrase = ws.slice(i, i + n).join(" ");
        const need = vocab.need(phrase) ?? (/^و[\u0621-\u06ff]{2,}/.test(phrase) ? vocab.need(phrase.slice(1)) : undefined);
        if (need) found = { need, n };
      }
      if (found) {
        if (!needs.includes(found.need)) needs.push(found.need);
        i += found.n;
      } else {
        if (ws[i]!.length > 0 && !joins(ws[i]!)) unknown.push(ws[i]!);
        i += 1;
      }
    }
  }
  return { needs, unknown };
}

/** "ich habe eine Duldung", "§ 24", "asylum seeker": a status named anywhere in the answer, if only one. */
export function parseStatus(text: string, vocab: VocabularyIndex): StatusId | undefined {
  const whole = vocab.status(text);
  if (whole) return whole;
  const words = normaliseDigits(text).split(/[\s,.;!?،؛؟]+/).filter((w) => w !== "");
  const found = new Set<StatusId>();
  for (let i = 0; i < words.length; i++) {
    for (const n of [3, 2, 1]) {
      if (i + n > words.length) continue;
      const s = vocab.status(words.slice(i, i + n).join(" "));
      if (s) {
        found.add(s);
        break;
      }
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}
