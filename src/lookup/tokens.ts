// Splits a typed line into words: Unicode normalised, Arabic-Indic and Persian digits made
// ASCII, bidi and zero-width marks dropped; text in quotes stays one word (always a place).
import { normaliseDigits } from "../text/fold.js";

export interface Token {
  readonly text: string;
  /** written in quotes: taken as place text as it stands */
  readonly quoted: boolean;
}

const QUOTE_OPEN = "\"„“«»‚‘'";
const QUOTE_CLOSE: Record<string, string> = { "\"": "\"", "„": "“”\"", "“": "”“\"", "«": "»", "»": "«", "‚": "‘’'", "‘": "’‘'", "'": "'" };
const SEPARATOR = /[\s,;+&]+/u;

/** The line as the parser reads it: NFKC, ASCII digits, no invisible marks (shared with the dialogue). */
export const normalizeLine = normaliseDigits;

export function tokenize(text: string): Token[] {
  const line = normalizeLine(text);
  const tokens: Token[] = [];
  let rest = "";
  let i = 0;
  const flush = () => {
    for (const w of rest.split(SEPARATOR)) if (w !== "") tokens.push({ text: w, quoted: false });
    rest = "";
  };
  while (i < line.length) {
    const ch = line[i]!;
    // an apostrophe inside a word ("don't") is not a quote
    const startsWord = i === 0 || /\s/u.test(line[i - 1]!);
    if (QUOTE_OPEN.includes(ch) && (startsWord || ch !== "'")) {
      const close = QUOTE_CLOSE[ch]!;
      let j = i + 1;
      while (j < line.length && !close.includes(line[j]!)) j++;
      if (j < line.length) {
        flush();
        const inner = line.slice(i + 1, j).trim().replace(/\s+/gu, " ");
        if (inner !== "") tokens.push({ text: inner, quoted: true });
        i = j + 1;
        continue;
      }
    }
    rest += ch;
    i++;
  }
  flush();
  return tokens;
}
