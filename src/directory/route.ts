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

/**
 * The offices for a service at the place. With no place known, a service that exists only in
 * some Länder (KI, KIM in NRW) has no nationwide route: its Land-wide routes are named instead.
 */
function officesAt(directory: DirectoryStore, kind: ServiceId, placeKey: string | null, date: string): OfficeMatch[] {
  const offices = directory.officesFor(kind, placeKey, date);
  if (placeKey !== null || offices.length > 0) return offices;
  const valid = (o: Office) => (!o.validFrom || o.validFrom <= date) && (!o.validUntil || o.validUntil >= date);
  return directory
    .list({ kind })
    .filter((o) => valid(o) && !isPlaceholder(o))
    .flatMap((o) => o.areas.filter((a) => a.length === 2).slice(0, 1).map((area) => ({ office: o, level: "land" as const, area })));
}

export function routeDecision(decision: Decision, directory: DirectoryStore, placeKey: string | null): Map<ServiceId, ServiceRoute> {
  const routes = new Map<ServiceId, ServiceRoute>();
  const outcome = new Map(decision.services.map((s) => [s.id, s.outcome]));
  for (const s of decision.services) {
    if (s.outcome === "ineligible") continue;
    const offices = officesAt(directory, s.id, placeKey, decision.date);
    const local = placeKey !== null && offices.some((m) => m.level !== "national");
    let successor: ServiceRoute["successor"];
    if (!local && s.successor && outcome.get(s.successor) !== "ineligible") {
      successor = { id: s.successor, offices: officesAt(directory, s.successor, placeKey, decision.date) };
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
