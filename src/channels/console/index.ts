// The terminal channel behind `npm start` without tokens: the same conversation, numbered
// choices on a terminal; piped input reads one answer per line, a choice given by its id.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { App } from "../../app.js";
import { createConversation } from "../../conversation.js";
import type { DialogueInput } from "../../dialogue/types.js";
import { isLanguageCode, type Translator } from "../../i18n/index.js";
import { renderReplies, type RenderedMessage } from "../../present/dialogue-text.js";
import { stripBidiIsolates, terminalShowsBidiMarks } from "./bidi.js";

export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** a terminal: numbered choices; otherwise one answer per line, choices by id */
  readonly interactive: boolean;
  /** the platform language, e.g. from LANG=ar_SY.UTF-8 */
  readonly suggestedLang?: string;
  readonly userId?: string;
  /** print the bidi isolate marks; default: guessed from the environment (see bidi.ts) */
  readonly bidiMarks?: boolean;
}

export function languageFromLocale(locale: string | undefined): string | undefined {
  const code = locale?.split(/[_.@-]/)[0]?.toLowerCase();
  return code && isLanguageCode(code) ? code : undefined;
}

/** The commands a person can type at any question, each as the word and what it does. */
function helpCommands(tr: Translator): string {
  return TYPED_COMMANDS.map((c) => `  ${c} – ${tr.t(`dialogue:commands.${c}`)}`).join("\n");
}

const TYPED_COMMANDS = ["back", "restart", "language", "delete", "help"] as const;

export async function runConsole(app: App, options: ConsoleOptions): Promise<void> {
  const conversation = createConversation(app);
  const userId = options.userId ?? "terminal";
  let lastChoices: RenderedMessage["choices"] = [];
  const bidiMarks = options.bidiMarks ?? terminalShowsBidiMarks(process.env, (options.output as { isTTY?: boolean }).isTTY === true);
  // the reader went away (`npm start | head`): stop quietly instead of crashing on EPIPE
  let closed = false;
  options.output.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    closed = true;
  });
  const write = (text: string) => {
    if (!closed) options.output.write(`${bidiMarks ? text : stripBidiIsolates(text)}\n`);
  };

  const turn = (input: DialogueInput) => {
    const t = conversation.handle("console", userId, input);
    const tr = app.i18n.translator((t.state.lang ?? "de") as never);
    const messages = renderReplies(t.replies, tr, {
      format: "plain",
      translatorFor: (l) => app.i18n.translator(l as never),
      languages: t.state.lang ? undefined : app.i18n.languages,
      placeName: (key) => app.places.get(key)?.name,
    });
    lastChoices = [];
    // Only the question asked last takes numbers; choices of an earlier message (the commands
    // under the help text) are shown as the word to type, so a number never means two things.
    const asked = messages.findLastIndex((m) => m.choices.length > 0);
    messages.forEach((m, at) => {
      write(m.text);
      if (at === asked) {
        lastChoices = m.choices;
        m.choices.forEach((c, i) => write(options.interactive ? `  ${i + 1}) ${c.selected ? "✓ " : ""}${c.label}` : `  [${c.id}] ${c.selected ? "✓ " : ""}${c.label}`));
      } else if (m.choices.length) {
        write(m.key === "dialogue:help" ? helpCommands(tr) : m.choices.map((c) => `  [${c.id}] ${c.label}`).join("\n"));
      }
      write("");
    });
  };

  const toInput = (line: string): DialogueInput => {
    const text = line.trim();
    const byId = lastChoices.find((c) => c.id.toLowerCase() === text.toLowerCase());
    if (byId) return { kind: "choice", id: byId.id };
    if (options.interactive && /^\d{1,2}$/.test(text)) {
      const c = lastChoices[Number(text) - 1];
      if (c) return { kind: "choice", id: c.id };
    }
    return { kind: "text", text: line };
  };

  turn({ kind: "start", ...(options.suggestedLang ? { suggestedLang: options.suggestedLang } : {}) });
  const rl = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
  if (options.interactive) options.output.write("> ");
  for await (const line of rl) {
    if (closed) break;
    if (/^(quit|exit|\/quit)$/i.test(line.trim())) break;
    turn(toInput(line));
    if (options.interactive) options.output.write("> ");
  }
  rl.close();
}
