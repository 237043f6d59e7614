// Scripted people for load and crash tests: a deterministic conversation per chat (two rounds,
// toggled needs, a sticker, a slip), played against the Bot API server one answer at a time.
import { ARRIVAL_IDS, STATUS_IDS } from "../../src/rules/vocabulary.js";
import type { BotApiServer, CallRecord } from "./bot-api-server.js";
import type { TestUser } from "./test-user.js";

export type Action = { readonly kind: "text"; readonly text: string } | { readonly kind: "tap"; readonly data: string } | { readonly kind: "sticker" };

const NEEDS = ["arbeit", "sprache", "wohnen", "gesundheit", "familie"] as const;
const text = (t: string): Action => ({ kind: "text", text: t });
const tap = (step: string, id: string): Action => ({ kind: "tap", data: `${step}:${id}` });

export function scriptFor(rng: () => number, languages: readonly string[]): Action[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const age = () => String(16 + Math.floor(rng() * 50));
  // status ukraine is asked when the person arrived (design D16)
  const status = (): Action[] => {
    const id = pick(STATUS_IDS);
    return id === "ukraine" ? [tap("status", id), tap("arrival", pick(ARRIVAL_IDS))] : [tap("status", id)];
  };
  const actions: Action[] = [text("/start"), tap("language", pick(languages)), tap("privacy", "ok"), text(age()), ...status()];
  // toggles: a duplicated one would flip a need and show in the final state
  for (let i = 0, n = 2 + Math.floor(rng() * 6); i < n; i++) actions.push(tap("needs", pick(NEEDS)));
  actions.push(tap("needs", "done"), rng() < 0.5 ? text("Kreis Heinsberg") : tap("place", "skip"));
  if (rng() < 0.6) actions.push(tap("result", "slip"));
  actions.push(text("/restart"), { kind: "sticker" }, text(age()), ...status(), tap("needs", pick(NEEDS)), tap("needs", "done"), tap("place", "skip"));
  return actions;
}

export function act(user: TestUser, a: Action): number {
  return a.kind === "text" ? user.send(a.text) : a.kind === "sticker" ? user.sticker() : user.press(a.data);
}

/** Plays a script: each action waits for the bot's next message or edit in that chat. */
export async function play(server: BotApiServer, user: TestUser, actions: readonly Action[], options: { timeoutMs: number; think?: () => number }): Promise<void> {
  for (const [i, a] of actions.entries()) {
    const before = server.answerCount(user.id);
    act(user, a);
    await server.waitFor(() => server.answerCount(user.id) > before, options.timeoutMs, `an answer to action ${i} in chat ${user.id}`);
    const pause = options.think?.() ?? 0;
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
  }
}

const VARYING = new Set(["message_id", "callback_query_id", "chat_id"]);

/**
 * The messages and edits the bot sent to a chat, in order, without what differs between runs
 * (message ids, referral codes). Answers to taps go out beside the messages, so their place
 * among them varies: they are checked on their own.
 */
export function callLog(calls: readonly CallRecord[], chat: number): string[] {
  return calls
    .filter((c) => c.chat === chat && c.method !== "answerCallbackQuery" && c.status !== 429 && c.status < 500)
    .map((c) => {
      const rest = Object.fromEntries(Object.entries(c.payload).filter(([k]) => !VARYING.has(k)));
      return `${c.method} ${JSON.stringify(rest).replace(/[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}/g, "CODE")}`;
    });
}

/**
 * Drops immediate repeats: the calls of one turn that were sent but not yet marked as sent when
 * the process died go out again after the restart, so a run of up to four calls appears twice in
 * a row (A B A B); anything else – a repeat further apart, a different call – stays and counts.
 */
export function collapse(log: readonly string[]): string[] {
  const out: string[] = [];
  for (const x of log) {
    out.push(x);
    for (let k = 1; k <= 4 && 2 * k <= out.length; k++) {
      const n = out.length;
      if (out.slice(n - k).every((c, j) => c === out[n - 2 * k + j])) {
        out.length = n - k;
        break;
      }
    }
  }
  return out;
}
