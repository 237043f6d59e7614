// The languages Wegweiser speaks: code, own name, writing direction and fallbacks.

export interface LanguageInfo {
  readonly code: string;
  /** the language's name in itself, shown in the language picker */
  readonly name: string;
  readonly dir: "ltr" | "rtl";
  /** BCP 47 tag for Intl formatting; dates always in the Gregorian calendar German offices use; Arabic in Arabic-Indic digits (٠١٢), as in Syria and Iraq */
  readonly locale: string;
  /** tried before English and German when a key is missing */
  readonly fallback: readonly string[];
}

export const LANGUAGES = [
  { code: "de", name: "Deutsch", dir: "ltr", locale: "de-DE", fallback: [] },
  { code: "en", name: "English", dir: "ltr", locale: "en-GB", fallback: [] },
  { code: "ar", name: "العربية", dir: "rtl", locale: "ar-u-ca-gregory-nu-arab", fallback: [] },
  { code: "fa", name: "فارسی", dir: "rtl", locale: "fa-IR-u-ca-gregory", fallback: [] },
  { code: "prs", name: "دری", dir: "rtl", locale: "fa-AF-u-ca-gregory", fallback: ["fa"] },
  { code: "ps", name: "پښتو", dir: "rtl", locale: "ps-AF-u-ca-gregory", fallback: [] },
  { code: "uk", name: "Українська", dir: "ltr", locale: "uk-UA", fallback: [] },
  { code: "ru", name: "Русский", dir: "ltr", locale: "ru-RU", fallback: [] },
  { code: "tr", name: "Türkçe", dir: "ltr", locale: "tr-TR", fallback: [] },
  { code: "kmr", name: "Kurmancî", dir: "ltr", locale: "ku-TR", fallback: [] },
] as const satisfies readonly LanguageInfo[];

export type LanguageCode = (typeof LANGUAGES)[number]["code"];

export function isLanguageCode(code: string): code is LanguageCode {
  return LANGUAGES.some((l) => l.code === code);
}

export function languageInfo(code: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.code === code);
}
