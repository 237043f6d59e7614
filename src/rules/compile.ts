// Compiles a checked rule file into one plain function of (person, place, date).
// All reasons that do not depend on the person are built once here, so evaluating a rule
// allocates almost nothing and never interprets the YAML again.
import type { RuleFile, StatusOutcomeDef } from "./schema.js";
import type { Person, Reason, RuleInfo, RulePlace, Source } from "./types.js";
import { ARRIVAL_IDS, NEED_IDS, STATUS_IDS, type ArrivalId, type NeedId, type Outcome, type StatusId } from "./vocabulary.js";
import { LAND_CODES } from "../places/lands.js";

export interface RuleVerdict {
  readonly outcome: Outcome;
  readonly reasons: readonly Reason[];
}

export interface CompiledRule {
  readonly info: RuleInfo;
  readonly sources: readonly Source[];
  /** the needs this rule serves, in vocabulary order; empty for counselling rules */
  readonly needs: readonly NeedId[];
  readonly needsLocalOffice: boolean;
  readonly run: (person: Person, place: RulePlace | null, date: string) => RuleVerdict;
}

function reason(code: string, outcome: Outcome, params: Reason["params"], sources: readonly string[]): Reason {
  return Object.freeze({ code, outcome, params: Object.freeze(params), sources });
}

type AgeTable = readonly Reason[] | null;

function rank(r: Reason | null): number {
  return r === null ? -1 : r.outcome === "ineligible" ? 2 : r.outcome === "conditional" ? 1 : 0;
}

/** The worst condition decides; reasons are ordered worst first, as the caseworker reads them. */
function combine(a: Reason | null, b: Reason | null, c: Reason, d: Reason | null): RuleVerdict {
  const ra = rank(a);
  const rb = rank(b);
  const rc = rank(c);
  const rd = rank(d);
  const worst = Math.max(ra, rb, rc, rd);
  const reasons: Reason[] = [];
  for (let level = worst; level >= 0; level--) {
    if (ra === level) reasons.push(a!);
    if (rb === level) reasons.push(b!);
    if (rc === level) reasons.push(c);
    if (rd === level) reasons.push(d!);
  }
  return { outcome: worst === 2 ? "ineligible" : worst === 1 ? "conditional" : "eligible", reasons };
}

/** One reason per possible age (0–120): age is a whole number, so the table is exact. */
function compileAge(age: RuleFile["conditions"]["age"]): AgeTable {
  if (!age) return null;
  const range = age.below !== undefined ? "below" : age.max !== undefined ? "max" : "";
  const kind = `${age.min !== undefined ? "min" : ""}${age.min !== undefined && range ? "_" : ""}${range}`;
  const bounds: Record<string, number | string> = { range: kind };
  if (age.min !== undefined) bounds.min = age.min;
  if (age.below !== undefined) bounds.below = age.below;
  if (age.max !== undefined) bounds.max = age.max;
  const table: Reason[] = [];
  for (let a = 0; a <= 120; a++) {
    const tooYoung = age.min !== undefined && a < age.min;
    const tooOld = (age.below !== undefined && a >= age.below) || (age.max !== undefined && a > age.max);
    const code = tooYoung ? "age.too_young" : tooOld ? "age.too_old" : "age.in_range";
    table.push(reason(code, tooYoung || tooOld ? "ineligible" : "eligible", { age: a, ...bounds }, age.source));
  }
  return table;
}

function statusReason(status: StatusId, def: StatusOutcomeDef, sources: readonly string[], arrival?: ArrivalId): Reason {
  const extra: Record<string, string> = arrival === undefined ? {} : { arrival };
  if (typeof def === "string") return reason(`status.${def}`, def, { status, ...extra }, sources);
  if ("if" in def) return reason("status.conditional", "conditional", { status, condition: def.if, ...extra }, sources);
  // the rendering of `status.*` reasons translates `condition` (src/i18n), so the reason rides in it
  return reason(`status.${def.outcome}_because`, def.outcome, { status, condition: def.because, ...extra }, sources);
}

interface CompiledVariant {
  readonly from: string;
  readonly until: string;
  readonly status: Readonly<Record<StatusId, Reason>>;
  /** D16: the reason for status `ukraine` by arrival; null when the variant does not ask */
  readonly arrival: Readonly<Record<ArrivalId, Reason>> | null;
  /** null: the rule's own region check */
  readonly region: RegionCheck | undefined;
}

function compileVariants(rule: RuleFile): { base: Record<StatusId, Reason>; variants: CompiledVariant[] } {
  const { outcomes, source } = rule.conditions.status;
  const base = {} as Record<StatusId, Reason>;
  for (const id of STATUS_IDS) base[id] = statusReason(id, outcomes[id], source);
  const variants = (rule.variants ?? []).map((v): CompiledVariant => {
    const status = { ...base };
    const sources = [...source, ...v.source];
    for (const id of STATUS_IDS) {
      const def = v.status[id];
      if (def !== undefined) status[id] = statusReason(id, def, sources);
    }
    let arrival: Record<ArrivalId, Reason> | null = null;
    if (v.ukraine_arrival) {
      arrival = {} as Record<ArrivalId, Reason>;
      for (const id of ARRIVAL_IDS) {
        const def = v.ukraine_arrival[id];
        arrival[id] = def === undefined ? status.ukraine : statusReason("ukraine", def, sources, id);
      }
    }
    const region =
      v.region && rule.region !== "DE"
        ? compileRegion({ land: rule.region.land, areas: v.region.areas, source: [...rule.region.source, ...v.region.source] })
        : undefined;
    return { from: v.valid_from ?? "0000-00-00", until: v.valid_until ?? "9999-99-99", status, arrival, region };
  });
  return { base, variants };
}

type NeedCheck = ((needs: readonly NeedId[]) => Reason) | null;

function compileNeeds(needs: RuleFile["conditions"]["needs"]): NeedCheck {
  if (!needs) return null;
  const served = new Set(needs.any_of);
  const matched = new Map(needs.any_of.map((n) => [n, reason("need.matched", "eligible", { need: n }, needs.source)]));
  const notAsked = reason("need.not_asked", "ineligible", { needs: Object.freeze([...needs.any_of]) }, needs.source);
  return (chosen) => {
    for (const n of chosen) if (served.has(n)) return matched.get(n)!;
    return notAsked;
  };
}

type RegionCheck = ((place: RulePlace | null) => Reason) | null;

function compileRegion(region: RuleFile["region"]): RegionCheck {
  if (region === "DE") return null;
  const { land, areas, source } = region;
  const unknown = reason("region.unknown", "conditional", { land }, source);
  const byLand = new Map<string, Reason>();
  for (const code of LAND_CODES) {
    if (code !== land) byLand.set(code, reason("region.outside", "ineligible", { land, place_land: code }, source));
  }
  if (!areas) {
    const inside = reason("region.inside", "eligible", { land }, source);
    return (place) => (place === null ? unknown : (byLand.get(place.land) ?? inside));
  }
  const frozenAreas = Object.freeze([...areas]);
  const areaInside = reason("region.area_inside", "eligible", { land, areas: frozenAreas }, source);
  const areaOutside = reason("region.area_outside", "ineligible", { land, areas: frozenAreas }, source);
  const areaUnknown = reason("region.area_unknown", "conditional", { land, areas: frozenAreas }, source);
  // A kreisfreie Stadt is Kreis and Gemeinde at once: its Gemeinde key (…000) also matches its Kreis key.
  const matchKeys = areas.map((a) => (a.length === 8 && a.endsWith("000") ? a.slice(0, 5) : a));
  return (place) => {
    if (place === null) return unknown;
    const other = byLand.get(place.land);
    if (other) return other;
    if (matchKeys.some((a) => place.key.startsWith(a))) return areaInside;
    // A place known only at Land level (or a Kreis that contains a listed Gemeinde) might be in.
    if (areas.some((a) => a.startsWith(place.key))) return areaUnknown;
    return areaOutside;
  };
}

export function compileRule(rule: RuleFile, file: string): CompiledRule {
  const sources: Source[] = Object.entries(rule.sources).map(([id, s]) => Object.freeze({ id, ...s }));
  const validitySource = rule.validity_source ?? [];
  const from = rule.valid_from;
  const until = rule.valid_until ?? "9999-99-99";
  const notStarted = reason("validity.not_started", "ineligible", { date: from }, validitySource);
  const ended = reason(
    "validity.ended",
    "ineligible",
    rule.successor ? { date: rule.valid_until ?? "", successor: rule.successor } : { date: rule.valid_until ?? "" },
    validitySource,
  );
  const ages = compileAge(rule.conditions.age);
  const status = compileVariants(rule);
  const needCheck = compileNeeds(rule.conditions.needs);
  const regionCheck = compileRegion(rule.region);
  const notStartedVerdict: RuleVerdict = Object.freeze({ outcome: "ineligible", reasons: Object.freeze([notStarted]) });
  const endedVerdict: RuleVerdict = Object.freeze({ outcome: "ineligible", reasons: Object.freeze([ended]) });

  const run = (person: Person, place: RulePlace | null, date: string): RuleVerdict => {
    if (date < from) return notStartedVerdict;
    if (date > until) return endedVerdict;
    let statusTable = status.base;
    let arrival: Readonly<Record<ArrivalId, Reason>> | null = null;
    let region = regionCheck;
    for (const v of status.variants) {
      if (date >= v.from && date <= v.until) {
        statusTable = v.status;
        arrival = v.arrival;
        if (v.region !== undefined) region = v.region;
        break;
      }
    }
    const statusVerdict = arrival !== null && person.status === "ukraine" ? arrival[person.arrival ?? "unknown"] : statusTable[person.status];
    // At most four conditions; each verdict is a reason built at compile time.
    return combine(
      region === null ? null : region(place),
      ages === null ? null : ages[person.age]!,
      statusVerdict,
      needCheck === null ? null : needCheck(person.needs),
    );
  };

  const needs = rule.conditions.needs ? NEED_IDS.filter((n) => rule.conditions.needs!.any_of.includes(n)) : [];
  const info: RuleInfo = Object.freeze({
    id: rule.id,
    names: rule.names,
    description: rule.description,
    role: rule.role,
    priority: rule.priority,
    validFrom: rule.valid_from,
    ...(rule.valid_until ? { validUntil: rule.valid_until } : {}),
    ...(rule.successor ? { successor: rule.successor } : {}),
    file,
  });
  return { info, sources, needs, needsLocalOffice: rule.needs_local_office ?? false, run };
}
