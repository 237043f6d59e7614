// The JSON form of a decision (design.md §5): what `wegweiser check --json` prints and what
// other tools rely on. Reasons carry their code, params and the text in the chosen language.
import type { Translator } from "../i18n/index.js";
import type { Place } from "../places/types.js";
import type { Decision, ServiceDecision, Source } from "../rules/types.js";
import type { OfficeMatch } from "../directory/types.js";
import { isPlaceholder, type ServiceRoute } from "../directory/route.js";
import type { NeedId } from "../rules/vocabulary.js";
import { compact } from "../lib/compact.js";
import { sourceTitle } from "./source-title.js";

export interface OfficeJson {
  id: string;
  name: string;
  level: string;
  online: boolean;
  provider?: string;
  address?: string;
  postcode?: string;
  city?: string;
  phone?: string;
  email?: string;
  web?: string;
  languages: string[];
  hours?: string;
  note?: string;
  last_verified?: string;
  source: string;
  /** no way to reach it: a Kreis has not filled the entry in (staff only; newcomers never see it) */
  placeholder?: true;
}

export function toOfficeJson(m: OfficeMatch, lang?: string): OfficeJson {
  const o = m.office;
  const t = lang ? o.translations?.[lang] : undefined;
  return compact({
    id: o.id,
    name: t?.name ?? o.name,
    level: m.level,
    online: o.online,
    provider: o.provider,
    address: o.address,
    postcode: o.postcode,
    city: o.city,
    phone: o.phone,
    email: o.email,
    web: o.web,
    languages: [...o.languages],
    hours: t?.hours ?? o.hours,
    note: t?.note ?? o.note,
    last_verified: o.lastVerified,
    source: o.source,
    placeholder: isPlaceholder(o) ? (true as const) : undefined,
  });
}

/** Offices for a service as the JSON shows them; `local_office` false means none covers the place itself. */
export interface RouteJson {
  offices: OfficeJson[];
  local_office: boolean;
  successor_offices?: OfficeJson[];
}

export function toRouteJson(route: ServiceRoute | undefined, lang: string): RouteJson | undefined {
  if (!route) return undefined;
  return {
    offices: route.offices.map((m) => toOfficeJson(m, lang)),
    local_office: route.local,
    ...(route.successor ? { successor_offices: route.successor.offices.map((m) => toOfficeJson(m, lang)) } : {}),
  };
}

export interface DecisionJson {
  date: string;
  lang: string;
  rules_version: string;
  /** `arrival` only for status ukraine and only when given (D16) */
  person: { age: number; status: string; needs: string[]; arrival?: string };
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
  /** need services: which of the person's chosen needs this service answers (design §5) */
  needs?: string[];
  offices: OfficeJson[];
  local_office?: boolean;
  successor?: { id: string; name: string; offices?: OfficeJson[] };
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

export function toSourceJson(s: Source, lang = "en"): SourceJson {
  return {
    id: s.id,
    title: sourceTitle(s, lang),
    ...(s.ref ? { ref: s.ref } : {}),
    ...(s.url ? { url: s.url } : {}),
    quote: s.quote,
    ...(s.verified ? { verified: s.verified } : {}),
    ...(s.general_knowledge ? { general_knowledge: s.general_knowledge } : {}),
  };
}

export function toServiceJson(s: ServiceDecision, tr: Translator, route?: RouteJson, needs?: readonly NeedId[]): ServiceJson {
  return {
    id: s.id,
    name: tr.service(s.id),
    outcome: s.outcome,
    role: s.role,
    rank: s.rank,
    reasons: s.reasons.map((r) => ({ code: r.code, outcome: r.outcome, text: tr.reason(r), params: { ...r.params } })),
    sources: s.sources.map((src) => toSourceJson(src, tr.lang)),
    ...(s.role === "need" ? { needs: [...(needs ?? [])] } : {}),
    offices: route?.offices ?? [],
    ...(route ? { local_office: route.local_office } : {}),
    ...(s.successor
      ? { successor: { id: s.successor, name: tr.service(s.successor), ...(route?.successor_offices ? { offices: route.successor_offices } : {}) } }
      : {}),
  };
}

export function toDecisionJson(
  decision: Decision,
  place: Place | null,
  tr: Translator,
  rulesVersion: string,
  routeFor: (serviceId: string) => RouteJson | undefined = () => undefined,
  /** the person's chosen needs a service answers; every need service carries `needs` */
  needsOf: (serviceId: ServiceDecision["id"]) => readonly NeedId[] = () => [],
): DecisionJson {
  return {
    date: decision.date,
    lang: tr.lang,
    rules_version: rulesVersion,
    person: {
      age: decision.person.age,
      status: decision.person.status,
      needs: [...decision.person.needs],
      ...(decision.person.arrival ? { arrival: decision.person.arrival } : {}),
    },
    place: place ? { key: place.key, name: place.name, land: place.land, ...(place.kreis ? { kreis: place.kreis } : {}) } : null,
    services: decision.services.map((s) => toServiceJson(s, tr, routeFor(s.id), needsOf(s.id))),
  };
}
