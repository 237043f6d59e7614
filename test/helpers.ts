// Shared test helpers: the real rule set and paths to the shared seed and place data.
import { join } from "node:path";
import { loadRuleSet, readRuleTexts } from "../src/rules/load.js";
import { projectRoot } from "../src/paths.js";
import type { RuleSet } from "../src/rules/rule-set.js";

let cached: RuleSet | undefined;
export function realRuleSet(): RuleSet {
  return (cached ??= loadRuleSet());
}

export { readRuleTexts };
export const ROOT = projectRoot();
/** ../shared beside the checkout: seeds and place data nobody in this project wrote */
export const SHARED = process.env.WEGWEISER_SHARED ?? join(ROOT, "..", "shared");
export const SEEDS = join(SHARED, "seeds");
export const GEO = join(SHARED, "data", "geo");

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { openApp, type App } from "../src/app.js";
import { readGemeindeverzeichnis, readPostcodes } from "../src/places/import.js";

export const GV_FILE = join(GEO, "gemeindeverzeichnis-auszug.csv");
export const PLZ_FILE = join(GEO, "zuordnung_plz_ort_landkreis.csv");

/** A fresh temporary directory for one test file. */
export function tempDir(prefix = "wegweiser-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The real app on a temporary database; with `places`, every Gemeinde and postcode of the shared data loaded. */
export function testApp(options: { places?: boolean; dbPath?: string } = {}): App {
  const app = openApp({ dbPath: options.dbPath ?? join(tempDir(), "test.db") });
  if (options.places) {
    const gv = readGemeindeverzeichnis("gemeindeverzeichnis-auszug.csv", readFileSync(GV_FILE, "utf8"));
    const pc = readPostcodes("zuordnung_plz_ort_landkreis.csv", readFileSync(PLZ_FILE, "utf8"));
    if (gv.problems.length || pc.problems.length) throw new Error("shared place data did not parse");
    app.places.replacePlaces(gv.rows, "gemeindeverzeichnis-auszug.csv");
    app.places.replacePostcodes(pc.rows);
  }
  return app;
}
