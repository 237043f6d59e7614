// The conversation as a pure state machine: step(state, input, deps) → { state, replies, effects }.
// Flow: language → privacy notice → age → status → needs → place → result. Anywhere: back,
// restart, language, help, delete. No input ever throws or is stored as typed.
import { NEED_IDS, STATUS_IDS, isNeedId, isStatusId, type NeedId } from "../rules/vocabulary.js";
import { landByCode } from "../places/lands.js";
import { parseAge, parseCommand, parseNeeds, parseStatus } from "./parse.js";
import { resultReplies } from "./result.js";
import type { Choice, Command, DialogueDeps, DialogueInput, DialogueState, PlaceOption, Reply, Step, StepResult } from "./types.js";

export const MAX_PLACE_CHOICES = 8;

export function initialState(): DialogueState {
  return { v: 1, step: "language", lang: null, privacyAccepted: false, needs: [], history: [] };
}

const COMMAND_CHOICES: readonly Choice[] = [
  { id: "back", key: "dialogue:commands.back" },
  { id: "restart", key: "dialogue:commands.restart" },
];

/** The question of a step, with its choices. */
export function ask(state: DialogueState, deps: DialogueDeps): Reply[] {
  switch (state.step) {
    case "language":
      return [
        {
          key: "dialogue:language.ask",
          choices: deps.languages.map((code) => ({ id: code, key: `dialogue:languages.${code}`, ...(state.lang === code ? { selected: true } : {}) })),
        },
      ];
    case "privacy":
      return [{ key: "dialogue:privacy.notice", choices: [{ id: "ok", key: "dialogue:privacy.ok" }, { id: "delete", key: "dialogue:commands.delete" }] }];
    case "age":
      return [{ key: "dialogue:age.ask" }];
    case "age_birthday":
      return [
        {
          key: "dialogue:age.birthday",
          params: { year: state.birthYear },
          choices: [
            { id: "yes", key: "dialogue:age.birthday_yes" },
            { id: "no", key: "dialogue:age.birthday_no" },
          ],
        },
      ];
    case "status":
      return [
        {
          key: "dialogue:status.ask",
          choices: STATUS_IDS.map((id) => ({ id, key: `vocab:statuses.${id}.name`, params: { explain: `vocab:statuses.${id}.explain` } })),
        },
      ];
    case "needs":
      return [
        {
          key: "dialogue:needs.ask",
          multi: true,
          choices: [
            ...NEED_IDS.map((id) => ({ id, key: `vocab:needs.${id}.name`, selected: state.needs.includes(id) })),
            { id: "done", key: "dialogue:needs.done", params: { count: state.needs.length } },
          ],
        },
      ];
    case "place":
      return [{ key: "dialogue:place.ask", choices: [{ id: "skip", key: "dialogue:place.skip" }] }];
    case "place_choice":
      return [
        {
          key: "dialogue:place.choose",
          choices: [
            ...(state.placeOptions ?? []).map((p, i, all) => ({ id: `p${i + 1}`, key: "dialogue:place.option", params: placeParams(p, new Set(all.map((o) => o.land)).size > 1) })),
            { id: "other", key: "dialogue:place.other" },
          ],
        },
      ];
    case "result":
      return [
        {
          key: "dialogue:result.next",
          choices: [
            { id: "slip", key: "dialogue:result.get_slip" },
            { id: "restart", key: "dialogue:commands.restart" },
            { id: "delete", key: "dialogue:commands.delete" },
          ],
        },
      ];
  }
}

/** The label's parts; where the choices lie in several Länder, each says its Land ("Neustadt (Hessen) (Landkreis Marburg-Biedenkopf, Hessen)"). */
export function placeParams(p: PlaceOption, withLand = false): Record<string, string> {
  const kreis = p.kreis && p.kreis.name !== p.name ? p.kreis.name : "";
  const land = withLand && p.level !== "land" ? (landByCode(p.land)?.name ?? "") : "";
  return { name: p.name, kreis: [kreis, land].filter(Boolean).join(", "), key: p.key, land: p.land };
}

function go(state: DialogueState, step: Step, deps: DialogueDeps, before: Reply[] = [], extra: Partial<DialogueState> = {}): StepResult {
  const history = state.step === step ? state.history : [...state.history, state.step];
  const next: DialogueState = { ...state, ...extra, step, history };
  return { state: next, replies: [...before, ...ask(next, deps)], effects: [] };
}

function reask(state: DialogueState, deps: DialogueDeps, key: string, params?: Record<string, unknown>): StepResult {
  return { state, replies: [{ key, ...(params ? { params } : {}) }, ...ask(state, deps)], effects: [] };
}

function command(state: DialogueState, cmd: Command, deps: DialogueDeps): StepResult {
  switch (cmd) {
    case "help":
      return { state, replies: [{ key: "dialogue:help", choices: COMMAND_CHOICES }, ...ask(state, deps)], effects: [] };
    case "delete":
      return { state: initialState(), replies: [{ key: "dialogue:deleted" }], effects: [{ type: "delete" }] };
    case "restart": {
      if (!state.lang) return { state: initialState(), replies: ask(initialState(), deps), effects: [] };
      const fresh: DialogueState = { ...initialState(), lang: state.lang, privacyAccepted: state.privacyAccepted, step: state.privacyAccepted ? "age" : "privacy" };
      return { state: fresh, replies: [{ key: "dialogue:restarted" }, ...ask(fresh, deps)], effects: [] };
    }
    case "language": {
      const next: DialogueState = { ...state, step: "language", ...(state.step !== "language" ? { resume: state.step } : {}) };
      return { state: next, replies: ask(next, deps), effects: [] };
    }
    case "back": {
      const previous = state.history[state.history.length - 1];
      if (!previous || previous === "language") return reask(state, deps, "dialogue:back_at_start");
      const next: DialogueState = { ...state, step: previous, history: state.history.slice(0, -1) };
      return { state: next, replies: ask(next, deps), effects: [] };
    }
  }
}

function chooseLanguage(state: DialogueState, lang: string, deps: DialogueDeps): StepResult {
  const resume = state.resume;
  const chosen: DialogueState = { ...state, lang, resume: undefined };
  if (!chosen.privacyAccepted) return go(chosen, "privacy", deps);
  const back = resume && resume !== "language" ? resume : "age";
  const next: DialogueState = { ...chosen, step: back };
  return { state: next, replies: ask(next, deps), effects: [] };
}

/** `back` from the place choice or the result leads to the place question. */
function withPlaceInHistory(state: DialogueState): readonly Step[] {
  return state.history[state.history.length - 1] === "place" ? state.history : [...state.history, "place"];
}

function finish(state: DialogueState, deps: DialogueDeps, place: PlaceOption | null): StepResult {
  // a changed answer gives a different result: its slip, if any, no longer fits
  const answered: DialogueState = { ...state, place, placeOptions: undefined, referralCode: undefined, step: "result", history: withPlaceInHistory(state) };
  const { replies, decision } = resultReplies(answered, deps);
  return { state: answered, replies: [...replies, ...ask(answered, deps)], effects: [{ type: "finished", decision, place }] };
}

function answerPlace(state: DialogueState, text: string, deps: DialogueDeps): StepResult {
  const found = deps.findPlace(text);
  if (found.kind === "found" && found.candidates.length === 1) return finish(state, deps, found.candidates[0]!);
  const options = found.kind === "found" ? found.candidates : found.suggestions;
  if (options.length === 0) return reask({ ...state, step: "place", placeOptions: undefined }, deps, "dialogue:place.unknown");
  const next: DialogueState = { ...state, step: "place_choice", placeOptions: options.slice(0, MAX_PLACE_CHOICES), history: withPlaceInHistory(state) };
  const intro = found.kind === "found" ? (options.length > MAX_PLACE_CHOICES ? "dialogue:place.many" : "dialogue:place.several") : "dialogue:place.did_you_mean";
  return { state: next, replies: [{ key: intro, params: { count: options.length } }, ...ask(next, deps)], effects: [] };
}

function toggleNeed(state: DialogueState, need: NeedId): DialogueState {
  const needs = state.needs.includes(need) ? state.needs.filter((n) => n !== need) : [...state.needs, need];
  return { ...state, needs };
}

const STEPS: readonly Step[] = ["language", "privacy", "age", "age_birthday", "status", "needs", "place", "place_choice", "result"];

/** A stored state from an older version or a damaged row starts over instead of failing. */
function isUsable(state: unknown): state is DialogueState {
  const s = state as Partial<DialogueState> | null;
  return (
    typeof s === "object" && s !== null && s.v === 1 && STEPS.includes(s.step as Step) && Array.isArray(s.needs) && Array.isArray(s.history) &&
    (s.lang === null || typeof s.lang === "string")
  );
}

export function step(state: DialogueState, input: DialogueInput, deps: DialogueDeps): StepResult {
  const usable = isUsable(state) ? state : initialState();
  try {
    return unsafeStep(usable, input, deps);
  } catch {
    // The dialogue must always answer: an unexpected failure asks the question again calmly.
    try {
      return { state: usable, replies: [{ key: "dialogue:error" }, ...ask(usable, deps)], effects: [] };
    } catch {
      const fresh = initialState();
      return { state: fresh, replies: [{ key: "dialogue:error" }, ...ask(fresh, deps)], effects: [] };
    }
  }
}

function unsafeStep(state: DialogueState, input: DialogueInput, deps: DialogueDeps): StepResult {
  if (input.kind === "start") {
    const suggested = input.suggestedLang && deps.languages.includes(input.suggestedLang) ? input.suggestedLang : null;
    const fresh: DialogueState = { ...initialState(), lang: suggested };
    return { state: fresh, replies: ask(fresh, deps), effects: [] };
  }
  if (input.kind === "command") return command(state, input.command, deps);
  if (input.kind === "other") return reask(state, deps, "dialogue:not_understood");

  const choice = input.kind === "choice" ? input.id : undefined;
  const text = input.kind === "text" ? input.text : "";
  const asCommand = choice && ["back", "restart", "language", "help", "delete"].includes(choice) ? (choice as Command) : input.kind === "text" ? parseCommand(text) : undefined;
  if (asCommand && !(state.step === "needs" && input.kind === "text" && deps.vocab.need(text))) return command(state, asCommand, deps);

  switch (state.step) {
    case "language": {
      const wanted = choice ?? text.trim().toLowerCase();
      const lang = deps.languages.find((l) => l === wanted);
      return lang ? chooseLanguage(state, lang, deps) : reask(state, deps, "dialogue:not_understood");
    }
    case "privacy":
      if (choice === "ok" || /^(ok|okay|ja|yes|einverstanden)$/i.test(text.trim())) return go({ ...state, privacyAccepted: true }, "age", deps);
      return reask(state, deps, "dialogue:privacy.need_ok");
    case "age": {
      const answer = parseAge(choice ?? text, deps.today());
      if (answer.kind === "age") return go({ ...state, age: answer.age }, "status", deps);
      if (answer.kind === "birth_year") return go({ ...state, birthYear: answer.year, ageIfBirthdayPassed: answer.ageIfPassed }, "age_birthday", deps);
      return reask(state, deps, "dialogue:age.invalid");
    }
    case "age_birthday": {
      const passed = choice === "yes" || /^(ja|yes|y|j)$/i.test(text.trim());
      const notYet = choice === "no" || /^(nein|no|n)$/i.test(text.trim());
      if (!passed && !notYet) return reask(state, deps, "dialogue:not_understood");
      const age = (state.ageIfBirthdayPassed ?? 0) - (passed ? 0 : 1);
      return go({ ...state, age: Math.max(0, age), birthYear: undefined, ageIfBirthdayPassed: undefined }, "status", deps);
    }
    case "status": {
      const status = choice && isStatusId(choice) ? choice : parseStatus(text, deps.vocab);
      if (status) return go({ ...state, status }, "needs", deps);
      return reask(state, deps, "dialogue:status.invalid");
    }
    case "needs": {
      if (choice === "done" || /^(done|fertig|weiter|next|ok)$/i.test(text.trim())) return go(state, "place", deps);
      if (choice && isNeedId(choice)) {
        const next = toggleNeed(state, choice);
        return { state: next, replies: ask(next, deps), effects: [] };
      }
      const { needs, unknown } = parseNeeds(text, deps.vocab);
      if (needs.length === 0) return reask(state, deps, "dialogue:needs.invalid");
      let next = state;
      for (const n of needs) if (!next.needs.includes(n)) next = toggleNeed(next, n);
      return { state: next, replies: [{ key: unknown.length ? "dialogue:needs.added_some" : "dialogue:needs.added", params: { count: needs.length } }, ...ask(next, deps)], effects: [] };
    }
    case "place": {
      if (choice === "skip") return finish(state, deps, null);
      if (text.trim() === "") return reask(state, deps, "dialogue:place.unknown");
      return answerPlace(state, text, deps);
    }
    case "place_choice": {
      const options = state.placeOptions ?? [];
      const index = choice?.startsWith("p") ? Number(choice.slice(1)) - 1 : /^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) - 1 : -1;
      if (index >= 0 && index < options.length) return finish(state, deps, options[index]!);
      if (choice === "other") {
        const next: DialogueState = { ...state, step: "place", placeOptions: undefined, history: state.history.slice(0, -1) };
        return { state: next, replies: ask(next, deps), effects: [] };
      }
      if (text.trim() !== "") return answerPlace(state, text, deps);
      return reask(state, deps, "dialogue:not_understood");
    }
    case "result":
      // the channel answers with the slip (it holds the referral store) and asks what next
      if (choice === "slip") return { state, replies: [], effects: [{ type: "slip" }] };
      return reask(state, deps, "dialogue:result.done");
  }
}
