// The stable ids of design.md §3: statuses, needs, services, outcomes and roles.
// They are part of the public interface (CLI, JSON, rule files), so they live in code
// as well as in rules/*.yaml; the loader checks that both agree.

export const STATUS_IDS = [
  "aufenthaltserlaubnis",
  "schutz",
  "ukraine",
  "niederlassungserlaubnis",
  "eu",
  "deutsch",
  "gestattung",
  "duldung",
  "ausreisepflichtig",
  "unbekannt",
] as const;
export type StatusId = (typeof STATUS_IDS)[number];

export const NEED_IDS = [
  "sprache",
  "schule",
  "ausbildung",
  "arbeit",
  "anerkennung",
  "leistungen",
  "wohnen",
  "gesundheit",
  "aufenthalt",
  "einbuergerung",
  "familie",
  "kinderbetreuung",
  "behinderung",
  "diskriminierung",
  "engagement",
  "orientierung",
] as const;
export type NeedId = (typeof NEED_IDS)[number];

export const SERVICE_IDS = [
  "mbe",
  "jmd",
  "teilhabemanagement",
  "kim",
  "ki_seiteneinstieg",
  "jobcenter",
  "arbeitsagentur",
  "sozialamt_asylblg",
  "eingliederungshilfe",
  "jugendamt",
  "auslaenderbehoerde",
  "einbuergerung",
  "integrationskurs",
  "integrationsagentur",
  "antidiskriminierung",
  "gesundheitslotsen",
  "fluechtlingsberatung",
  "migrantenorganisation",
  "suedosteuropa",
  "anerkennungsberatung",
  "wohnungsamt",
  "schulamt",
  "gesundheitsamt",
] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** When a person with status `ukraine` arrived (design D16): the Rechtskreiswechsel's cut-off is 1 April 2025. */
export const ARRIVAL_IDS = ["before_2025_04", "from_2025_04", "unknown"] as const;
export type ArrivalId = (typeof ARRIVAL_IDS)[number];

export function isArrivalId(value: string): value is ArrivalId {
  return (ARRIVAL_IDS as readonly string[]).includes(value);
}

export const OUTCOMES = ["eligible", "conditional", "ineligible"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ROLES = ["counselling", "need"] as const;
export type Role = (typeof ROLES)[number];

export function isStatusId(value: string): value is StatusId {
  return (STATUS_IDS as readonly string[]).includes(value);
}

export function isNeedId(value: string): value is NeedId {
  return (NEED_IDS as readonly string[]).includes(value);
}

export function isServiceId(value: string): value is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(value);
}
