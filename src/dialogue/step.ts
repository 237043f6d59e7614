// The conversation as a pure state machine: step(state, input, deps) → { state, replies, effects }.
// Flow: language → privacy notice → age → status (→ arrival, only for `ukraine`, D16) → needs →
// place → result. Anywhere: back,
// restart, language, help, delete. No input ever throws or is stored as typed.
import { ARRIVAL_IDS, NEED_IDS, STATUS_IDS, isArrivalId, isNeedId, isStatusId, type NeedId } from "../rules/vocabulary.js";
import { parseArrival } from "../lookup/arrival.js";
import { isSignal, parseAge, parseCommand, parseLanguage, parseNeeds, parseStatus } from "./parse.js";
import { resultReplies, sourcesReplies } from "./result.js";
import { landByCode } from "../places/lands.js";
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
    case "age_confirm":
      return [
        {
          key: "dialogue:age.confirm",
          params: { age: state.pendingAge },
          choices: [
            { id: "yes", key: "dialogue:age.confirm_yes" },
            { id: "no", key: "dialogue:age.confirm_no" },
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
    case "arrival":
      return [
        {
          key: "dialogue:arrival.ask",
          choices: ARRIVAL_IDS.map((id) => ({ id, key: `dialogue:arrival.${id}`, ...(state.arrival === id ? { selected: true } : {}) })),
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
            { id: "sources", key: "dialogue:result.show_sources" },
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

/** The language question, not understood: asked again in every language at once (the person may read none of ours yet). */
function reaskEveryLanguage(state: DialogueState, deps: DialogueDeps): StepResult {
  const [question] = ask(state, deps);
  return { state, replies: [{ ...question!, params: { ...question!.params, notUnderstood: true, everyLanguage: deps.languages } }], effects: [] };
}

function command(state: DialogueState, cmd: Command, deps: DialogueDeps): StepResult {
  switch (cmd) {
    case "help":
      return { state, replies: [{ key: "dialogue:help", choices: COMMAND_CHOICES }, ...ask(state, deps)], effects: [] };
    case "delete":
      return { state: initialState(), replies: [{ key: "dialogue:deleted" }], effects: [{ type: "delete" }] };
    case "restart": {
      if (!state.lang) return { state: initialState(), replies: ask(initialState(), deps), effects: [] };
      const fresh: DialogueState = { ...initialState(), lang: state.lang, privacyAccepted: state.privacyAccepted, step: state.privacyAccepted ? "age" : "privacy", history: ["language"] };
      return { state: fresh, replies: [{ key: "dialogue:restarted" }, ...ask(fresh, deps)], effects: [] };
    }
    case "language": {
      const next: DialogueState = { ...state, step: "language", ...(state.step !== "language" ? { resume: state.step } : {}) };
      return { state: next, replies: ask(next, deps), effects: [] };
    }
    case "back": {
      // from a language change mid-way: back to where it began, in the language as it was
      if (state.step === "language" && state.resume && state.lang) return back(state, deps);
      const previous = state.history[state.history.length - 1];
      if (!previous) return reask(state, deps, "dialogue:back_at_start");
      // to the language question: the answers so far stay and the conversation comes back here
      if (previous === "language") {
        const next: DialogueState = { ...state, step: "language", history: state.history.slice(0, -1), resume: state.step };
        return { state: next, replies: ask(next, deps), effects: [] };
      }
      // the birthday question needs its year, which is gone once answered: back to the age itself
      const skip = previous === "age_birthday" && state.birthYear === undefined && state.history.at(-2) === "age" ? 2 : 1;
      const next: DialogueState = { ...state, step: skip === 2 ? "age" : previous, history: state.history.slice(0, -skip) };
      return { state: next, replies: ask(next, deps), effects: [] };
    }
  }
}

function chooseLanguage(state: DialogueState, lang: string, deps: DialogueDeps): StepResult {
  const resume = state.resume;
  const chosen: DialogueState = { ...state, lang, resume: undefined };
  if (!chosen.privacyAccepted) {
    // the language question stands once before the notice, however often it was asked
    const next: DialogueState = { ...chosen, step: "privacy", history: chosen.history.at(-1) === "language" ? chosen.history : [...chosen.history, "language"] };
    return { state: next, replies: ask(next, deps), effects: [] };
  }
  const back = resume && resume !== "language" ? resume : "age";
  const next: DialogueState = { ...chosen, step: back };
  // at the result, the result itself again, now in the new language
  if (back === "result") return { state: next, replies: [...resultReplies(next, deps).replies, ...ask(next, deps)], effects: [] };
  return { state: next, replies: ask(next, deps), effects: [] };
}

/** Leaves the language question unchanged for the step it was opened from. */
function back(state: DialogueState, deps: DialogueDeps): StepResult {
  return chooseLanguage(state, state.lang!, deps);
}

/** Age 0 and ages over 100 are typing slips more often than not: asked back before they count. */
function withAge(state: DialogueState, age: number, deps: DialogueDeps): StepResult {
  if (age === 0 || age > 100) return go(state, "age_confirm", deps, [], { pendingAge: age });
  return go(state, "status", deps, [], { age });
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

/** Whether a typed answer means something at this step (so a language name in it is not a language change). */
function understoodAt(state: DialogueState, text: string, deps: DialogueDeps): boolean {
  switch (state.step) {
    case "privacy":
      return isSignal("consent", text, deps.words);
    case "age":
      return parseAge(text, deps.today()).kind !== "invalid";
    case "age_birthday":
      return isSignal("yes", text, deps.words) || isSignal("no", text, deps.words);
    case "status":
      return parseStatus(text, deps.vocab) !== undefined;
    case "needs":
      return isSignal("done", text, deps.words) || parseNeeds(text, deps.vocab, deps.words).needs.length > 0;
    case "place":
    case "place_choice":
      return isSignal("skip", text, deps.words) || deps.findPlace(text).kind === "found";
    default:
      return false;
  }
}

function toggleNeed(state: DialogueState, need: NeedId): DialogueState {
  const needs = state.needs.includes(need) ? state.needs.filter((n) => n !== need) : [...state.needs, need];
  return { ...state, needs };
}

const STEPS: readonly Step[] = ["language", "privacy", "age", "age_birthday", "age_confirm", "status", "arrival", "needs", "place", "place_choice", "result"];

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

/** The longest typed answer read (UTF-16 units, as Telegram's limit for text the bot reads). */
export const MAX_ANSWER_CHARS = 1000;

function unsafeStep(state: DialogueState, input: DialogueInput, deps: DialogueDeps): StepResult {
  if (input.kind === "start") {
    const suggested = input.suggestedLang && deps.languages.includes(input.suggestedLang) ? input.suggestedLang : null;
    const fresh: DialogueState = { ...initialState(), lang: suggested };
    return { state: fresh, replies: ask(fresh, deps), effects: [] };
  }
  if (input.kind === "command") return command(state, input.command, deps);
  // no answer to any question is this long: re-asked before any work is spent on it
  if (input.kind === "text" && input.text.length > MAX_ANSWER_CHARS) return reask(state, deps, "dialogue:not_understood");
  if (input.kind === "other") return reask(state, deps, input.reason === "media" ? "dialogue:media" : input.reason === "old_button" ? "dialogue:old_button" : "dialogue:not_understood");

  const choice = input.kind === "choice" ? input.id : undefined;
  const text = input.kind === "text" ? input.text : "";
  const asCommand = choice && ["back", "restart", "language", "help", "delete"].includes(choice) ? (choice as Command) : input.kind === "text" ? parseCommand(text, deps.words) : undefined;
  if (asCommand && !(state.step === "needs" && input.kind === "text" && deps.vocab.need(text))) return command(state, asCommand, deps);

  // a language named where the question's own words do not fit ("Türkçe" at the age question) changes the language
  if (input.kind === "text" && state.step !== "language") {
    // by its name only: a bare code ("de", "uk") is too short to be meant as a language here
    const named = deps.languages.includes(text.trim().toLowerCase()) ? undefined : parseLanguage(text, deps.languages, deps.words);
    if (named && !understoodAt(state, text, deps)) return chooseLanguage({ ...state, resume: state.step }, named, deps);
  }

  switch (state.step) {
    case "language": {
      const lang = choice ? deps.languages.find((l) => l === choice) : parseLanguage(text, deps.languages, deps.words);
      return lang ? chooseLanguage(state, lang, deps) : reaskEveryLanguage(state, deps);
    }
    case "privacy":
      if (choice === "ok" || isSignal("consent", text, deps.words)) return go({ ...state, privacyAccepted: true }, "age", deps);
      return reask(state, deps, "dialogue:privacy.need_ok");
    case "age": {
      const answer = parseAge(choice ?? text, deps.today());
      if (answer.kind === "age") return withAge(state, answer.age, deps);
      if (answer.kind === "birth_year") return go({ ...state, birthYear: answer.year, ageIfBirthdayPassed: answer.ageIfPassed }, "age_birthday", deps);
      return reask(state, deps, "dialogue:age.invalid");
    }
    case "age_birthday": {
      const passed = choice === "yes" || isSignal("yes", text, deps.words);
      const notYet = choice === "no" || isSignal("no", text, deps.words);
      if (!passed && !notYet) return reask(state, deps, "dialogue:not_understood");
      const age = (state.ageIfBirthdayPassed ?? 0) - (passed ? 0 : 1);
      return withAge({ ...state, birthYear: undefined, ageIfBirthdayPassed: undefined }, Math.max(0, age), deps);
    }
    case "age_confirm": {
      const yes = choice === "yes" || isSignal("yes", text, deps.words);
      const no = choice === "no" || isSignal("no", text, deps.words);
      // a new age typed here is an answer to the age question
      if (!yes && !no) return text.trim() !== "" && parseAge(text, deps.today()).kind !== "invalid" ? unsafeStep({ ...state, step: "age", pendingAge: undefined }, input, deps) : reask(state, deps, "dialogue:not_understood");
      let history = state.history;
      while (history.length && (history[history.length - 1] === "age" || history[history.length - 1] === "age_birthday")) history = history.slice(0, -1);
      const fromAge: DialogueState = { ...state, step: "age", pendingAge: undefined, history };
      if (no) return { state: fromAge, replies: ask(fromAge, deps), effects: [] };
      return go({ ...fromAge, age: state.pendingAge ?? 0 }, "status", deps);
    }
    case "status": {
      const status = choice && isStatusId(choice) ? choice : parseStatus(text, deps.vocab);
      if (status === "ukraine") return go({ ...state, status }, "arrival", deps);
      if (status) return go({ ...state, status, arrival: undefined }, "needs", deps);
      return reask(state, deps, "dialogue:status.invalid");
    }
    case "arrival": {
      const arrival = choice && isArrivalId(choice) ? choice : parseArrival(text);
      if (arrival) return go({ ...state, arrival }, "needs", deps);
      return reask(state, deps, "dialogue:arrival.invalid");
    }
    case "needs": {
      if (choice === "done" || isSignal("done", text, deps.words)) return go(state, "place", deps);
      if (choice && isNeedId(choice)) {
        const next = toggleNeed(state, choice);
        return { state: next, replies: ask(next, deps), effects: [] };
      }
      const { needs, unknown } = parseNeeds(text, deps.vocab, deps.words);
      if (needs.length === 0) return reask(state, deps, "dialogue:needs.invalid");
      let next = state;
      for (const n of needs) if (!next.needs.includes(n)) next = toggleNeed(next, n);
      return { state: next, replies: [{ key: unknown.length ? "dialogue:needs.added_some" : "dialogue:needs.added", params: { count: needs.length } }, ...ask(next, deps)], effects: [] };
    }
    case "place": {
      if (choice === "skip" || isSignal("skip", text, deps.words)) return finish(state, deps, null);
      if (text.trim() === "") return reask(state, deps, "dialogue:place.unknown");
      return answerPlace(state, text, deps);
    }
    case "place_choice": {
      const options = state.placeOptions ?? [];
      // only the ids the buttons carry ("p1", "p2", …): "p1.5", "p0x2" or "p1e0" are forged
      const button = choice !== undefined ? /^p([1-9]\d?)$/.exec(choice) : null;
      const index = button ? Number(button[1]) - 1 : choice === undefined && /^\d{1,2}$/.test(text.trim()) ? Number(text.trim()) - 1 : -1;
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
      // the sources behind the result, as titles and links (design D21)
      if (choice === "sources") return { state, replies: [...sourcesReplies(state, deps), ...ask(state, deps)], effects: [] };
      return reask(state, deps, "dialogue:result.done");
  }
}
