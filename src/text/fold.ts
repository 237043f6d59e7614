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

// Arabic-script letters that people type interchangeably: Arabic and Persian kaf and yeh, alef
// maksura, Pashto ې/ۍ, teh marbuta, ae and the Pashto gaf; tatweel goes.
const ARABIC_SCRIPT: Record<string, string> = {
  "\u0643": "\u06a9", // ك → ک
  "\u064a": "\u06cc", // ي → ی
  "\u0649": "\u06cc", // ى → ی
  "\u06d0": "\u06cc", // ې → ی
  "\u06cd": "\u06cc", // ۍ → ی
  "\u0629": "\u0647", // ة → ه
  "\u06d5": "\u0647", // ە → ه
  "\u06c1": "\u0647", // ہ → ه
  "\u06ab": "\u06af", // ګ → گ
  "\u0671": "\u0627", // ٱ → ا
  "\u0640": "", // tatweel
};

/**
 * The one key typed words are matched by, in every language: what foldKey does, and also
 * diacritics dropped rather than spelled out ("löschen", "loeschen" and "loschen" meet), ı and
 * ß folded, Arabic-script vowel marks (tashkeel) and hamza seats dropped, Arabic and Persian
 * letter variants (ي/ی, ك/ک) made one, zero-width non-joiners, spaces and punctuation removed.
 */
export function foldWord(text: string): string {
  return normaliseDigits(text)
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ı/g, "i")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u0640-\u06ff]/g, (c) => ARABIC_SCRIPT[c] ?? c)
    .replace(/(?<=[a-z])([aou])e/g, "$1")
    .replace(/(?!§)[\s\p{P}\p{S}\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu, "");
}
