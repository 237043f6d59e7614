// Folds what people type into a comparable key: "Köln", "Koeln" and "KÖLN" all become "koeln".

const UMLAUTS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };
// bidi marks and zero-width characters: invisible, but they break matching
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/g;

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits become 0–9; NFKC turns full-width digits into ASCII; invisible marks go. */
export function normaliseDigits(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** Lower case, umlauts and ß folded, accents, bidi marks, spaces and punctuation removed. */
export function foldKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s\-_.,'’‘`"„“”()/\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, "");
}

/** Edit distance (Levenshtein), for "did you mean" suggestions. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
