// Which of the person's chosen needs a service answers (design §5: `needs` per need service),
// and need services grouped under the needs they answer ("Für Wohnen: …").
import type { RuleSet } from "./rule-set.js";
import type { NeedId, ServiceId } from "./vocabulary.js";

/** The chosen needs the rule serves, in the order the person chose them; empty for none. */
export function needsAnswered(ruleSet: RuleSet, id: ServiceId, chosen: readonly NeedId[]): NeedId[] {
  const served = ruleSet.byId.get(id)?.needs ?? [];
  return chosen.filter((n) => served.includes(n));
}

export interface NeedGroup<T> {
  /** the chosen needs every service of the group answers; empty for services that answer none */
  readonly needs: readonly NeedId[];
  readonly services: readonly T[];
}

/**
 * Services with the same answered needs form one group; groups follow the order of the person's
 * needs (the group of the first need first), services keep their order inside a group.
 */
export function groupByNeeds<T extends { readonly id: ServiceId }>(ruleSet: RuleSet, services: readonly T[], chosen: readonly NeedId[]): NeedGroup<T>[] {
  const groups = new Map<string, { needs: NeedId[]; services: T[] }>();
  for (const s of services) {
    const needs = needsAnswered(ruleSet, s.id, chosen);
    const key = needs.join(",");
    const g = groups.get(key);
    if (g) g.services.push(s);
    else groups.set(key, { needs, services: [s] });
  }
  const first = (g: { needs: NeedId[] }) => (g.needs.length ? chosen.indexOf(g.needs[0]!) : chosen.length);
  return [...groups.values()].sort((a, b) => first(a) - first(b));
}
