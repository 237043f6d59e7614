// The JSON form of a decision (design.md §5): what `wegweiser check --json` prints and what
// other tools rely on. Reasons carry their code, params and the text in the chosen language.
import type { Translator } from "../i18n/index.js";
import type { Place } from "../places/types.js";
import type { Decision, ServiceDecision, Source } from "../rules/types.js";

export interface OfficeJson {
  readonly id: string;
  readonly name: string;
  readonly [key: string]: unknown;
}

export interface DecisionJson {
  date: string;
  lang: string;
  rules_version: string;
  person: { age: number; status: string; needs: string[] };
  place: { key: string; name: string; land: string; kreis?: { key: string; name: string } } | null;
  services: ServiceJson[];
}

export interface ServiceJson {
  id: string;
  name: string;
  outcome: string;
  role: string;
  rank: number;
  reasons: { code: string; outcome: string; text: string; params: Record<string, unknown> }[];
  sources: SourceJson[];
  offices: OfficeJson[];
  successor?: { id: string; name: string };
}

export interface SourceJson {
  id: string;
  title: string;
  ref?: string;
  url?: string;
  quote: string;
  verified?: string;
  general_knowledge?: string;
}

export function toSourceJson(s: Source): SourceJson {
  return {
    id: s.id,
    title: s.title,
    ...(s.ref ? { ref: s.ref } : {}),
    ...(s.url ? { url: s.url } : {}),
    quote: s.quote,
    ...(s.verified ? { verified: s.verified } : {}),
    ...(s.general_knowledge ? { general_knowledge: s.general_knowledge } : {}),
  };
}

export function toServiceJson(s: ServiceDecision, tr: Translator, offices: readonly OfficeJson[] = []): ServiceJson {
  return {
    id: s.id,
    name: tr.service(s.id),
    outcome: s.outcome,
    role: s.role,
    rank: s.rank,
    reasons: s.reasons.map((r) => ({ code: r.code, outcome: r.outcome, text: tr.reason(r), params: { ...r.params } })),
    sources: s.sources.map(toSourceJson),
    offices: [...offices],
    ...(s.successor ? { successor: { id: s.successor, name: tr.service(s.successor) } } : {}),
  };
}

export function toDecisionJson(
  decision: Decision,
  place: Place | null,
  tr: Translator,
  rulesVersion: string,
  officesFor: (serviceId: string) => readonly OfficeJson[] = () => [],
): DecisionJson {
  return {
    date: decision.date,
    lang: tr.lang,
    rules_version: rulesVersion,
    person: { age: decision.person.age, status: decision.person.status, needs: [...decision.person.needs] },
    place: place ? { key: place.key, name: place.name, land: place.land, ...(place.kreis ? { kreis: place.kreis } : {}) } : null,
    services: decision.services.map((s) => toServiceJson(s, tr, officesFor(s.id))),
  };
}
