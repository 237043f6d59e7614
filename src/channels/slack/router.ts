// Routes `/wegweiser …` by its first word: `help`, `ref`, `contacted`, `close`, `stats`; anything
// else is a one-line check. A leading language (`en`, `ar`, `lang:uk`, …) answers in it; German
// is the default.
import type { App as Wegweiser } from "../../app.js";
import { isLanguageCode, type LanguageCode, type Translator } from "../../i18n/index.js";
import type { VocabularyIndex } from "../../rules/aliases.js";
import { parseOneLine } from "../../lookup/one-line.js";
import { checkOneLine } from "../../lookup/check.js";
import { needsAnswered } from "../../rules/needs-answered.js";
import type { ServiceId } from "../../rules/vocabulary.js";
import { answerMessages } from "./answer.js";
import { SLACK_LIMITS, type SlackMessage } from "./blocks.js";
import { forwardMessages } from "./forward.js";
import { sourcesButton } from "./sources.js";
import { helpMessages, problemMessages } from "./messages.js";
import { referralCommands } from "./referrals.js";

export interface CommandContext {
  readonly app: Wegweiser;
  /** the text after the command word */
  readonly args: string;
  readonly tr: Translator;
  /** evaluation date, YYYY-MM-DD */
  readonly today: string;
  /** who asked; for commands that need it (referrals). Never log or store it raw (design §6). */
  readonly staff: { readonly teamId: string; readonly userId: string };
}

export type CommandHandler = (ctx: CommandContext) => SlackMessage[] | Promise<SlackMessage[]>;

const help: CommandHandler = ({ app }) => helpMessages(["de", "en"].filter((l) => app.i18n.languages.includes(l as LanguageCode)).map((l) => app.i18n.translator(l as LanguageCode)));

/** Staff texts exist in German and English; an answer in another language is one to forward. */
const isStaffLanguage = (lang: string): lang is "de" | "en" => lang === "de" || lang === "en";

/** The default command: `/wegweiser 22 duldung arbeit Heinsberg`. */
export const check: CommandHandler = ({ app, args, tr, today }) => {
  const staffLang = isStaffLanguage(tr.lang) ? tr.lang : "de";
  const staff = app.i18n.translator(staffLang);
  const r = checkOneLine(app, args, today);
  if (!r.ok) return problemMessages(r.problems, staff);
  const sources = sourcesButton({ line: args, date: today, lang: staffLang }, staff);
  const needsOf = (id: ServiceId) => needsAnswered(app.ruleSet, id, r.decision.person.needs);
  return isStaffLanguage(tr.lang) ? answerMessages(r, r.notes, tr, SLACK_LIMITS, sources, needsOf) : forwardMessages(r, tr, staff, sources);
};

/** Named commands; anything else is a check. */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  help,
  hilfe: help,
  ...referralCommands(),
};

const LANGUAGE_WORDS: Readonly<Record<string, LanguageCode>> = { english: "en", deutsch: "de", ku: "kmr" };

/** `ar`, `lang:ar`, `sprache:ar`, `english`: the language a line asks for, if its first word names one. */
function languageWord(word: string): { lang: LanguageCode; explicit: boolean } | undefined {
  const prefixed = /^(?:lang|sprache|language):(\w+)$/.exec(word);
  const code = prefixed ? prefixed[1]! : word;
  if (isLanguageCode(code)) return { lang: code, explicit: prefixed !== null };
  if (Object.hasOwn(LANGUAGE_WORDS, code)) return { lang: LANGUAGE_WORDS[code]!, explicit: prefixed !== null };
  return undefined;
}

/**
 * A leading word that is a language and also a status or need alias (`de` is short for
 * `deutsch`) is the language when the rest of the line still names a status or is a command;
 * otherwise it is the status ("de 40 arbeit": a German citizen of 40).
 */
function isLanguageHere(first: string, rest: readonly string[], vocab: Pick<VocabularyIndex, "status" | "need" | "suggest"> | undefined): boolean {
  if (!vocab || (!vocab.status(first) && !vocab.need(first))) return true;
  const next = rest[0]?.toLowerCase();
  if (next === undefined || Object.hasOwn(COMMANDS, next)) return true;
  const parsed = parseOneLine(rest.join(" "), vocab);
  return parsed.ok || !parsed.problems.some((p) => p.kind === "missing_status");
}

export interface Route {
  /** the command's name for logs: a fixed word, never the user's text */
  readonly name: string;
  readonly handler: CommandHandler;
  readonly args: string;
  readonly lang: LanguageCode;
}

/** Decodes what Slack escapes in command text (&amp; &lt; &gt;). */
export function slackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** `vocab`: the rule vocabulary, to tell the language `de` from the status alias `de`. */
export function route(text: string, vocab?: Pick<VocabularyIndex, "status" | "need" | "suggest">): Route {
  let words = slackText(text).trim().split(/\s+/u).filter((w) => w !== "");
  let lang: LanguageCode = "de";
  const first = words[0]?.toLowerCase();
  const asked = first === undefined ? undefined : languageWord(first);
  if (asked && (asked.explicit || isLanguageHere(first!, words.slice(1), vocab))) {
    lang = asked.lang;
    words = words.slice(1);
  }
  const name = words[0]?.toLowerCase();
  if (name === undefined) return { name: "help", handler: help, args: "", lang };
  const named = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (named) return { name, handler: named, args: words.slice(1).join(" "), lang };
  return { name: "check", handler: check, args: words.join(" "), lang };
}
