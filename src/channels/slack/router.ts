// Routes `/wegweiser …` by its first word: `help`, `ref`, `contacted`, `close`, `stats`; anything
// else is a one-line check. A leading `en` answers in English (German is the default).
import type { App as Wegweiser } from "../../app.js";
import type { LanguageCode, Translator } from "../../i18n/index.js";
import { checkOneLine } from "../../lookup/check.js";
import { answerMessages } from "./answer.js";
import type { SlackMessage } from "./blocks.js";
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

/** The default command: `/wegweiser 22 duldung arbeit Heinsberg`. */
export const check: CommandHandler = ({ app, args, tr, today }) => {
  const r = checkOneLine(app, args, today);
  return r.ok ? answerMessages(r, r.notes, tr) : problemMessages(r.problems, tr);
};

/** Named commands; anything else is a check. */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  help,
  hilfe: help,
  ...referralCommands(),
};

const LANGUAGE_WORDS: Readonly<Record<string, LanguageCode>> = { en: "en", english: "en" };

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

export function route(text: string): Route {
  let words = slackText(text).trim().split(/\s+/u).filter((w) => w !== "");
  let lang: LanguageCode = "de";
  const first = words[0]?.toLowerCase();
  if (first !== undefined && LANGUAGE_WORDS[first]) {
    lang = LANGUAGE_WORDS[first];
    words = words.slice(1);
  }
  const name = words[0]?.toLowerCase();
  if (name === undefined) return { name: "help", handler: help, args: "", lang };
  const named = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (named) return { name, handler: named, args: words.slice(1).join(" "), lang };
  return { name: "check", handler: check, args: words.join(" "), lang };
}
