// A source's title in the answer's language: German answers show the German title where the rule
// file gives one (staff read German titles in German answers, design D21).

export function sourceTitle(source: { readonly title: string; readonly title_de?: string }, lang: string): string {
  return lang === "de" ? (source.title_de ?? source.title) : source.title;
}
