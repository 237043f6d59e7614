// The result of a conversation as replies: the counselling service first, then the service for
// each need, each with its reasons, sources and offices, and the note that this is guidance.
import { evaluate } from "../rules/evaluate.js";
import { citedSources, type Decision, type ServiceDecision } from "../rules/types.js";
import type { DialogueDeps, DialogueState, Reply, RouteView, ServiceView } from "./types.js";

/** The decision for the answers given, with the offices for each service that applies. */
export function decide(state: DialogueState, deps: DialogueDeps): { decision: Decision; routes: ReadonlyMap<string, RouteView> } {
  const date = deps.today();
  const place = state.place ?? null;
  const status = state.status ?? "unbekannt";
  // D16: the arrival counts only with status ukraine (a changed status leaves an old answer behind)
  const person = { age: state.age ?? 0, status, needs: state.needs, ...(status === "ukraine" && state.arrival ? { arrival: state.arrival } : {}) };
  const decision = evaluate(deps.ruleSet, person, place ? { land: place.land, key: place.key } : null, date, {
    locallyOffered: deps.locallyOffered(place?.key ?? null, date),
  });
  return { decision, routes: deps.routes(decision, place?.key ?? null) };
}

export function resultReplies(state: DialogueState, deps: DialogueDeps): { replies: Reply[]; decision: Decision } {
  const place = state.place ?? null;
  const person = { age: state.age ?? 0, status: state.status ?? "unbekannt", needs: state.needs };
  const { decision, routes } = decide(state, deps);
  const view = (s: ServiceDecision): ServiceView => {
    const route = routes.get(s.id);
    return { id: s.id, role: s.role, outcome: s.outcome, rank: s.rank, reasons: s.reasons, sources: citedSources(s), ...(route ? { route } : {}) };
  };
  const applicable = decision.services.filter((s) => s.outcome !== "ineligible");
  const counselling = applicable.filter((s) => s.role === "counselling");
  const forNeeds = applicable.filter((s) => s.role === "need");
  const notApplicable = decision.services.filter((s) => s.outcome === "ineligible" && s.role === "counselling");

  const replies: Reply[] = [
    {
      key: "dialogue:result.summary",
      params: { age: person.age, status: person.status, needs: [...person.needs], place: place?.name ?? null },
    },
  ];
  if (counselling.length > 0) {
    replies.push({ key: "dialogue:result.your_service", params: { service: view(counselling[0]!) } });
    for (const s of counselling.slice(1)) replies.push({ key: "dialogue:result.also", params: { service: view(s) } });
  } else {
    replies.push({ key: "dialogue:result.no_service" });
  }
  for (const s of forNeeds) replies.push({ key: "dialogue:result.for_need", params: { service: view(s) } });
  // a need no applicable service answers: say so rather than stay silent
  const serves = (id: ServiceDecision["id"], need: string) => (deps.ruleSet.byId.get(id)?.needs as readonly string[] | undefined)?.includes(need) ?? false;
  const unmet = person.needs.filter((n) => !forNeeds.some((s) => serves(s.id, n)));
  if (unmet.length > 0) replies.push({ key: "dialogue:result.need_unmet", params: { needs: unmet } });
  if (notApplicable.length > 0) replies.push({ key: "dialogue:result.not_applicable", params: { services: notApplicable.map((s) => ({ id: s.id, reason: s.reasons[0] })) } });
  replies.push({ key: "dialogue:result.disclaimer" });
  return { replies, decision };
}
