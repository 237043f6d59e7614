// Splits a typed line into words: Unicode normalised, Arabic-Indic and Persian digits made
// ASCII, bidi and zero-width marks dropped; text in quotes stays one word (always a place).

export interface Token {
  readonly text: string;
  /** written in quotes: taken as place text as it stands */
  readonly quoted: boolean;
}

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/g;
const QUOTE_OPEN = "\"„“«»‚‘'";
const QUOTE_CLOSE: Record<string, string> = { "\"": "\"", "„": "“”\"", "“": "”“\"", "«": "»", "»": "«", "‚": "‘’'", "‘": "’‘'", "'": "'" };
const SEPARATOR = /[\s,;+&]+/u;

/** ٠–٩ (U+0660) and ۰–۹ (U+06F0) to 0–9; other digits NFKC already folds (full-width). */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

export function normalizeLine(text: string): string {
  return asciiDigits(text.normalize("NFKC").replace(INVISIBLE, ""));
}

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
