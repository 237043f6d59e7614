// Every service a person may use has a concrete next step (design D21): the bundled directory
// holds a route for every service id of the rule files, and a walk over every status, a spread of
// ages, every need and a place in each of the 16 Länder finds one for every service that applies.
import { afterAll, describe, expect, it } from "vitest";
import { dialogueDeps } from "../../src/conversation.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { LANDS } from "../../src/places/lands.js";
import { NEED_IDS, STATUS_IDS } from "../../src/rules/vocabulary.js";
import type { ServiceId } from "../../src/rules/vocabulary.js";
import { isPlaceholder } from "../../src/directory/route.js";
import { testApp } from "../helpers.js";

const app = testApp();
afterAll(() => app.db.close());
const today = "2026-12-02";
const deps = dialogueDeps(app, () => today);
/** the service ids as the rule files define them, so services added later are walked too */
const serviceIds = [...app.ruleSet.byId.keys()];

describe("a route for every service", () => {
  it("walks the service ids of the rule files, not a list kept in the test", () => {
    expect(serviceIds.length).toBeGreaterThanOrEqual(19);
    expect(serviceIds).toEqual(expect.arrayContaining(["mbe", "jobcenter", "auslaenderbehoerde", "einbuergerung", "fluechtlingsberatung"]));
  });

  for (const id of serviceIds) {
    it(`${id}: the bundled directory holds a reachable nationwide or Land-wide route, or the service's successor has one`, () => {
      const rule = app.ruleSet.byId.get(id)!;
      const routeOf = (kind: ServiceId) =>
        app.directory.list({ kind, origin: "bundled" }).filter((o) => !isPlaceholder(o) && o.areas.some((a) => a === "DE" || a.length === 2));
      const routes = routeOf(id);
      const viaSuccessor = rule.info.successor ? routeOf(rule.info.successor) : [];
      expect([...routes, ...viaSuccessor].length, `no route for ${id}`).toBeGreaterThan(0);
      for (const o of routes) {
        expect(o.web, o.id).toMatch(/^https?:\/\//);
        expect(o.lastVerified, o.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    });
  }

  it("names a reachable office or route for every service that applies, for every status, need and Land, and with no place", () => {
    const applied = new Set<string>();
    const missing: string[] = [];
    for (const land of [...LANDS, null]) {
      for (const status of STATUS_IDS) {
        for (const age of [8, 16, 22, 35]) {
          const decision = evaluate(app.ruleSet, { age, status, needs: NEED_IDS }, land ? { land: land.code, key: land.key } : null, today, {
            locallyOffered: app.directory.locallyOffered(land?.key ?? null, today),
          });
          const routes = deps.routes(decision, land?.key ?? null);
          for (const s of decision.services) {
            if (s.outcome === "ineligible") continue;
            applied.add(s.id);
            const r = routes.get(s.id);
            const shown = [...(r?.offices ?? []), ...(r?.successor?.offices ?? [])];
            if (shown.length === 0) missing.push(`${s.id} (${land?.code ?? "no place"}, ${status}, ${age})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    // the walk reached every service that can apply today at a Land's level
    expect([...applied].sort()).toEqual(serviceIds.filter((id) => id !== "suedosteuropa").sort());
  });

  it("shows the nationwide route, never the Kreis placeholder, where a Kreis has not filled in its entry", () => {
    const decision = evaluate(app.ruleSet, { age: 30, status: "duldung", needs: ["familie"] }, { land: "NW", key: "05370032" }, today);
    // staff: the Kreis Jugendamt entry exists, without contact details
    expect(app.directory.officesFor("jugendamt", "05370032", today).map((m) => m.office.id)).toContain("jugendamt-nrw-006");
    const r = deps.routes(decision, "05370032").get("jugendamt")!;
    expect(r.offices.map((o) => o.id)).not.toContain("jugendamt-nrw-006");
    expect(r.offices.map((o) => o.id)).toEqual(expect.arrayContaining(["behoerdennummer-115-jugendamt"]));
    expect(r.local).toBe(false);
  });

  it("shows the KI Kreis Heinsberg with the address, phone and hours its own page gives", () => {
    const decision = evaluate(app.ruleSet, { age: 12, status: "schutz", needs: ["schule"] }, { land: "NW", key: "05370016" }, today);
    const r = deps.routes(decision, "05370016").get("ki_seiteneinstieg")!;
    expect(r.local).toBe(true);
    expect(r.offices[0]).toMatchObject({ id: "ki-kreis-heinsberg", address: "Oberbrucher Str. 1 (Dienstgebäude)", postcode: "52525", phone: "02452 / 13-4222" });
    expect(r.offices[0]!.hours).toContain("08.30–12.00");
  });
});
