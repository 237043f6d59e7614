// The result of a conversation as replies: the counselling service first, then the services for
// the person's needs, grouped under the needs they answer, each with its reasons and where to go;
// the sources behind them on request ("why / sources", design D21); the note that this is guidance.
import { evaluate } from "../rules/evaluate.js";
import { groupByNeeds, needsAnswered } from "../rules/needs-answered.js";
import type { Decision, ServiceDecision, Source } from "../rules/types.js";
import type { DialogueDeps, DialogueState, Reply, RouteView, ServiceView, SourceView } from "./types.js";

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

/** The sources a service's reasons cite, as title and web address: no seed file, no line. */
export function sourceViews(s: ServiceDecision): SourceView[] {
  const ids = new Set(s.reasons.flatMap((r) => r.sources));
  const seen = new Set<string>();
  const out: SourceView[] = [];
  for (const src of s.sources as readonly Source[]) {
    if (!ids.has(src.id)) continue;
    const key = `${src.title}\u0000${src.url ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ title: src.title, ...(src.title_de ? { titleDe: src.title_de } : {}), ...(src.url ? { url: src.url } : {}) });
  }
  return out;
}

export function resultReplies(state: DialogueState, deps: DialogueDeps): { replies: Reply[]; decision: Decision } {
  const place = state.place ?? null;
  const { decision, routes } = decide(state, deps);
  const person = decision.person;
  const view = (s: ServiceDecision): ServiceView => {
    const route = routes.get(s.id);
    return {
      id: s.id,
      role: s.role,
      outcome: s.outcome,
      rank: s.rank,
      reasons: s.reasons,
      sources: sourceViews(s),
      needs: s.role === "need" ? needsAnswered(deps.ruleSet, s.id, person.needs) : [],
      ...(route ? { route } : {}),
    };
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
  // need services under the needs they answer: "For housing: …"
  for (const group of groupByNeeds(deps.ruleSet, forNeeds, person.needs)) {
    for (const s of group.services) replies.push({ key: "dialogue:result.for_need", params: { service: view(s) } });
  }
  // a need no applicable service answers: say so rather than stay silent
  const unmet = person.needs.filter((n) => !forNeeds.some((s) => needsAnswered(deps.ruleSet, s.id, [n]).length > 0));
  if (unmet.length > 0) replies.push({ key: "dialogue:result.need_unmet", params: { needs: unmet } });
  if (notApplicable.length > 0) replies.push({ key: "dialogue:result.not_applicable", params: { services: notApplicable.map((s) => ({ id: s.id, reason: s.reasons[0] })) } });
  replies.push({ key: "dialogue:result.disclaimer" });
  return { replies, decision };
}

/** "Why / sources": for each service that applies, the titles and links of its sources. */
export function sourcesReplies(state: DialogueState, deps: DialogueDeps): Reply[] {
  const { decision } = decide(state, deps);
  const services = decision.services
    .filter((s) => s.outcome !== "ineligible")
    .map((s) => ({ id: s.id, sources: sourceViews(s) }))
    .filter((s) => s.sources.length > 0);
  return [{ key: "dialogue:result.sources", params: { services } }];
}
