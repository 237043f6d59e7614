// The name of a language as a reader of another language calls it ("Arabisch", "Arabic",
// "عربی"), from the platform's CLDR data; the code itself where the data has none.
const cldrLocale: Readonly<Record<string, string>> = { prs: "fa-AF", kmr: "ku" };
const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(readerLang: string): Intl.DisplayNames | null {
  let names = cache.get(readerLang);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([cldrLocale[readerLang] ?? readerLang], { type: "language", fallback: "code" });
    } catch {
      names = null;
    }
    cache.set(readerLang, names);
  }
  return names;
}

export function languageName(code: string, readerLang: string): string {
  try {
    return displayNames(readerLang)?.of(cldrLocale[code] ?? code) ?? code;
  } catch {
    return code;
  }
}
