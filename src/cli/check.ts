// `wegweiser check`: one person, every service, as readable text or JSON (design.md §5).
import type { I18n } from "../i18n/index.js";
import type { VocabularyIndex } from "../rules/aliases.js";
import { evaluate } from "../rules/evaluate.js";
import type { RuleSet } from "../rules/rule-set.js";
import type { Place } from "../places/types.js";
import type { EvaluateOptions } from "../rules/types.js";
import { toDecisionJson, type OfficeJson } from "../present/decision-json.js";
import { decisionToText } from "../present/decision-text.js";
import { parseCheckArgs, type PlaceResolver } from "./check-args.js";
import { UsageError } from "./errors.js";

export interface CheckDeps {
  readonly ruleSet: RuleSet;
  readonly vocab: VocabularyIndex;
  readonly i18n: I18n;
  readonly resolvePlace: PlaceResolver;
  /** offices per service for a place; empty until a directory is available */
  readonly offices?: (place: Place | null, serviceId: string) => readonly OfficeJson[];
  readonly evaluateOptions?: (place: Place | null) => EvaluateOptions;
}

export const CHECK_USAGE = `Usage: wegweiser check --age N --status STATUS [--need NEED ...] [--place PLACE] [--date YYYY-MM-DD] [--lang de|en] [--json]

  --age     completed years (0–120)
  --status  aufenthaltserlaubnis, schutz, ukraine, niederlassungserlaubnis, eu, deutsch,
            gestattung, duldung, ausreisepflichtig, unbekannt (aliases: ae, ne, asyl, §24, …)
  --need    repeatable or comma-separated: sprache, schule, ausbildung, arbeit, anerkennung,
            leistungen, wohnen, gesundheit, aufenthalt, einbuergerung, familie,
            kinderbetreuung, behinderung, diskriminierung, engagement, orientierung
  --place   Land code (NW), official key (05, 05370, 05370004), place name or postcode
  --date    evaluation date, default today
  --json    machine-readable output (design.md §5)`;

export function runCheck(argv: readonly string[], deps: CheckDeps): string {
  const args = parseCheckArgs(argv, deps.vocab, deps.i18n.languages);
  if (args.help) return CHECK_USAGE;
  let place: Place | null = null;
  if (args.placeText !== null) {
    const resolved = deps.resolvePlace(args.placeText);
    if (!resolved.ok) throw new UsageError(`--place: ${resolved.message}`);
    place = resolved.place;
  }
  const decision = evaluate(
    deps.ruleSet,
    args.person,
    place ? { land: place.land, key: place.key } : null,
    args.date,
    deps.evaluateOptions?.(place),
  );
  const tr = deps.i18n.translator(args.lang);
  const officesFor = (id: string) => deps.offices?.(place, id) ?? [];
  if (args.json) return JSON.stringify(toDecisionJson(decision, place, tr, deps.ruleSet.version, officesFor), null, 2);
  return decisionToText(decision, place, tr, {
    extra: (s) => officesFor(s.id).map((o) => `→ ${o.name}`),
  });
}
