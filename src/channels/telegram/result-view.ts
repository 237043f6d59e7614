// The dialogue's replies as Telegram shows them: the result as a short first message (the
// counselling service and where to go) with the rest behind buttons, and a Back button on
// every question that has one before it. Replies in, replies out: the renderers stay as they are.
import { resultReplies, sourcesReplies } from "../../dialogue/result.js";
import { ask } from "../../dialogue/step.js";
import type { Choice, DialogueDeps, DialogueState, Reply, ServiceView } from "../../dialogue/types.js";

/** What a result button opens; its callback data is "result:<section>". */
export const SECTIONS = ["services", "why"] as const;
export type Section = (typeof SECTIONS)[number];
export const isSection = (id: string): id is Section => (SECTIONS as readonly string[]).includes(id);

export interface ResultParts {
  /** the counselling service and where to go, the person's answers above it */
  readonly first: readonly Reply[];
  /** further counselling, the service for each need, needs no service answers, what does not fit */
  readonly services: readonly Reply[];
  /** for each service: why; then the sources (titles and links, never a seed file reference) */
  readonly why: readonly Reply[];
}

const SUMMARY = "dialogue:result.summary";
const DISCLAIMER = "dialogue:result.disclaimer";
const NEXT = "dialogue:result.next";
const SERVICE_KEYS = new Set(["dialogue:result.your_service", "dialogue:result.also", "dialogue:result.for_need"]);

const whereOnly = (v: ServiceView): ServiceView => ({ ...v, reasons: [], sources: [] });

function whyOnly(v: ServiceView): ServiceView {
  const copy: { route?: unknown } & ServiceView = { ...v };
  delete copy.route;
  return copy;
}

/** The dialogue's result replies (summary … disclaimer), cut into the first message and the sections. */
export function splitResult(replies: readonly Reply[], sources: readonly Reply[]): ResultParts {
  const first: Reply[] = [];
  const services: Reply[] = [];
  const why: Reply[] = [];
  for (const r of replies) {
    const view = SERVICE_KEYS.has(r.key) ? (r.params?.service as ServiceView) : undefined;
    if (view) why.push({ ...r, params: { ...r.params, service: whyOnly(view) } });
    if (r.key === "dialogue:result.your_service" && view) first.push({ ...r, params: { ...r.params, service: whereOnly(view) } });
    else if (view) services.push({ ...r, params: { ...r.params, service: whereOnly(view) } });
    else if (r.key === SUMMARY || r.key === DISCLAIMER || r.key === "dialogue:result.no_service") first.push(r);
    else services.push(r);
  }
  return { first, services, why: [...why, ...sources] };
}

/** The result of the state's answers, in parts. */
export function resultParts(state: DialogueState, deps: DialogueDeps): ResultParts {
  return splitResult(resultReplies(state, deps).replies, sourcesReplies(state, deps));
}

/** "What would you like to do now?" with the sections that have something in them before the dialogue's own choices. */
function withSections(next: Reply, parts: ResultParts): Reply {
  const sections: Choice[] = SECTIONS.filter((s) => parts[s].length > 0).map((s) => ({ id: s, key: `dialogue:result_more.${s}` }));
  // the dialogue's own "sources" is part of "why / sources" here
  return { ...next, choices: [...sections, ...(next.choices ?? []).filter((c) => c.id !== "sources")] };
}

/** Whether `back` leads somewhere from this state (the first language question has nothing before it). */
export function canGoBack(state: DialogueState): boolean {
  if (state.step === "result") return false;
  if (state.step === "language") return state.lang !== null && state.resume !== undefined;
  return state.history.length > 0;
}

const BACK: Choice = { id: "back", key: "dialogue:commands.back" };

/** One turn's replies for Telegram: the result cut short with its sections behind buttons, Back on the question. */
export function forTelegram(replies: readonly Reply[], state: DialogueState, deps: DialogueDeps): Reply[] {
  let out = [...replies];
  if (state.step === "result" && out.some((r) => r.key === NEXT)) {
    const parts = resultParts(state, deps);
    const start = out.findIndex((r) => r.key === SUMMARY);
    const end = out.findIndex((r) => r.key === DISCLAIMER);
    if (start >= 0 && end >= start) out.splice(start, end - start + 1, ...parts.first);
    out = out.map((r) => (r.key === NEXT ? withSections(r, parts) : r));
  }
  const question = ask(state, deps).at(-1);
  const last = out.at(-1);
  if (question && last && last.key === question.key && canGoBack(state) && !last.choices?.some((c) => c.id === BACK.id)) {
    out[out.length - 1] = { ...last, choices: [...(last.choices ?? []), BACK] };
  }
  return out;
}

/** A section of the result, then the result's menu again. */
export function sectionReplies(section: Section, state: DialogueState, deps: DialogueDeps): Reply[] {
  const parts = resultParts(state, deps);
  return [...parts[section], ...ask(state, deps).map((r) => (r.key === NEXT ? withSections(r, parts) : r))];
}
