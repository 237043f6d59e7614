// The staff's other answers as Block Kit: help in German and English, problems with the
// input named back with suggestions and the usage line, and the calm error message.
import type { Translator } from "../../i18n/index.js";
import type { LookupProblem } from "../../lookup/check.js";
import { NEED_IDS, STATUS_IDS } from "../../rules/vocabulary.js";
import { context, divider, esc, header, section, toMessages, type Block, type SlackMessage } from "./blocks.js";

const code = (words: readonly string[]) => words.map((w) => `\`${esc(w)}\``).join(", ");
const quoteList = (tr: Translator, words: readonly string[]) => tr.list(words.map((w) => `\`${esc(w)}\``), "disjunction");

function single(text: string, blocks: Block[]): SlackMessage[] {
  return toMessages(text, blocks, { continued: () => "", shortened: "…" });
}

/** Help in every given language, German first: syntax, vocabulary, place, commands. */
export function helpMessages(translators: readonly Translator[]): SlackMessage[] {
  const blocks: Block[] = [];
  translators.forEach((tr, i) => {
    if (i > 0) blocks.push(divider());
    const usage = tr.t("staff:usage");
    blocks.push(
      header(tr.t("staff:help.title")),
      section(esc(tr.t("staff:help.intro"))),
      section(
        [
          tr.t("staff:help.syntax", { usage }),
          tr.t("staff:help.age"),
          tr.t("staff:help.status", { statuses: code(STATUS_IDS) }),
          tr.t("staff:help.needs", { needs: code(NEED_IDS) }),
          tr.t("staff:help.place"),
          tr.t("staff:help.language"),
          tr.t("staff:help.commands"),
        ].join("\n"),
      ),
    );
  });
  return single(esc(translators.map((tr) => tr.t("staff:help.title")).join(" / ")), blocks);
}

function problemText(p: LookupProblem, tr: Translator): string {
  switch (p.kind) {
    case "unknown_word":
      return p.suggestions.length
        ? tr.t("staff:problems.unknown_word", { word: esc(p.word), suggestions: quoteList(tr, p.suggestions) })
        : tr.t("staff:problems.unknown_word_plain", { word: esc(p.word) });
    case "missing_age":
      return esc(tr.t("staff:problems.missing_age"));
    case "missing_status":
      return tr.t("staff:problems.missing_status", { statuses: code(STATUS_IDS) });
    case "age_out_of_range":
      return tr.t("staff:problems.age_out_of_range", { word: esc(p.word) });
    case "two_ages":
    case "two_statuses":
      return tr.t(`staff:problems.${p.kind}`, { words: code(p.words) });
    case "too_long":
      return esc(tr.t("staff:problems.too_long", { max: p.max }));
    case "place_unknown": {
      const near = p.suggestions.length
        ? tr.t("staff:problems.place_unknown_near", { text: esc(p.text), suggestions: tr.list(p.suggestions.map(esc), "disjunction") })
        : tr.t("staff:problems.place_unknown", { text: esc(p.text) });
      return p.noPlaceData ? `${near} ${tr.t("staff:problems.place_no_data")}` : near;
    }
    case "place_ambiguous":
      return tr.t("staff:problems.place_ambiguous", { text: esc(p.text), candidates: p.candidates.map(esc).join("; ") });
  }
}

/** Every problem as one line, then the usage line. */
export function problemMessages(problems: readonly LookupProblem[], tr: Translator): SlackMessage[] {
  const lines = problems.map((p) => `• ${problemText(p, tr)}`);
  const blocks = [section(`*${esc(tr.t("staff:problems.title"))}*\n${lines.join("\n")}`), context(tr.t("staff:problems.usage", { usage: tr.t("staff:usage") }))];
  return single(esc(tr.t("staff:problems.title")), blocks);
}

export function errorMessages(ref: string, tr: Translator): SlackMessage[] {
  const text = esc(tr.t("staff:error.generic", { ref }));
  return single(text, [section(text)]);
}
