// The terminal channel behind `npm start` without tokens: the same conversation, numbered
// choices on a terminal; piped input reads one answer per line, a choice given by its id.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { App } from "../../app.js";
import { createConversation } from "../../conversation.js";
import type { DialogueInput } from "../../dialogue/types.js";
import { isLanguageCode } from "../../i18n/index.js";
import { renderReplies, type RenderedMessage } from "../../present/dialogue-text.js";

export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** a terminal: numbered choices; otherwise one answer per line, choices by id */
  readonly interactive: boolean;
  /** the platform language, e.g. from LANG=ar_SY.UTF-8 */
  readonly suggestedLang?: string;
  readonly userId?: string;
}

export function languageFromLocale(locale: string | undefined): string | undefined {
  const code = locale?.split(/[_.@-]/)[0]?.toLowerCase();
  return code && isLanguageCode(code) ? code : undefined;
}

export async function runConsole(app: App, options: ConsoleOptions): Promise<void> {
  const conversation = createConversation(app);
  const userId = options.userId ?? "terminal";
  let lastChoices: RenderedMessage["choices"] = [];
  const write = (text: string) => options.output.write(`${text}\n`);

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
    for (const m of messages) {
      write(m.text);
      if (m.choices.length) {
        lastChoices = m.choices;
        m.choices.forEach((c, i) => write(options.interactive ? `  ${i + 1}) ${c.selected ? "✓ " : ""}${c.label}` : `  [${c.id}] ${c.selected ? "✓ " : ""}${c.label}`));
      }
      write("");
    }
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
    if (/^(quit|exit|\/quit)$/i.test(line.trim())) break;
    turn(toInput(line));
    if (options.interactive) options.output.write("> ");
  }
  rl.close();
}
