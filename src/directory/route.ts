// Which offices to name for each service of a decision (design D4): the offices covering the
// place, most specific first; where none is near, the nationwide online service or the
// successor's offices.
import type { Decision } from "../rules/types.js";
import type { ServiceId } from "../rules/vocabulary.js";
import type { DirectoryStore } from "./store.js";
import type { Office, OfficeMatch } from "./types.js";

export interface ServiceRoute {
  /** offices covering the place, then nationwide ones */
  readonly offices: readonly OfficeMatch[];
  /** at least one office covers the place itself (not only nationwide) */
  readonly local: boolean;
  /** when no local office exists and the rule names a successor that applies */
  readonly successor?: { readonly id: ServiceId; readonly offices: readonly OfficeMatch[] };
}

export function routeDecision(decision: Decision, directory: DirectoryStore, placeKey: string | null): Map<ServiceId, ServiceRoute> {
  const routes = new Map<ServiceId, ServiceRoute>();
  const outcome = new Map(decision.services.map((s) => [s.id, s.outcome]));
  for (const s of decision.services) {
    if (s.outcome === "ineligible") continue;
    const offices = directory.officesFor(s.id, placeKey, decision.date);
    const local = offices.some((m) => m.level !== "national");
    let successor: ServiceRoute["successor"];
    if (!local && s.successor && outcome.get(s.successor) !== "ineligible") {
      successor = { id: s.successor, offices: directory.officesFor(s.successor, placeKey, decision.date) };
    }
    routes.set(s.id, { offices, local, ...(successor ? { successor } : {}) });
  }
  return routes;
}

/**
 * An entry that names an office but gives no way to reach it: a Kreis has not filled it in yet
 * (its note asks the operator to). Staff see it; a newcomer is shown the routes behind it.
 */
export function isPlaceholder(office: Office): boolean {
  return !office.address && !office.phone && !office.email && !office.web;
}
