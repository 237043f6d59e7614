// `wegweiser check`: one person, every service with its offices, as readable text or JSON (design.md §5).
import type { App } from "../app.js";
import type { Place } from "../places/types.js";
import { resolvePlace } from "../places/resolve.js";
import { checkPerson } from "../lookup/check.js";
import { toDecisionJson, toRouteJson } from "../present/decision-json.js";
import { decisionToText } from "../present/decision-text.js";
import { routeLines } from "../present/offices-text.js";
import { LANG_HELP, parseCheckArgs } from "./check-args.js";
import { needsAnswered } from "../rules/needs-answered.js";
import { UsageError } from "./errors.js";
import type { ServiceId } from "../rules/vocabulary.js";

export const CHECK_USAGE = `Usage: wegweiser check --age N --status STATUS [--need NEED ...] [--arrival WHEN] [--place PLACE] [--date YYYY-MM-DD] [--lang LANG] [--json]

  --age     completed years (0–120)
  --status  aufenthaltserlaubnis, schutz, ukraine, niederlassungserlaubnis, eu, deutsch,
            gestattung, duldung, ausreisepflichtig, unbekannt (aliases: ae, ne, asyl, §24, …)
  --need    repeatable or comma-separated: sprache, schule, ausbildung, arbeit, anerkennung,
            leistungen, wohnen, gesundheit, aufenthalt, einbuergerung, familie,
            kinderbetreuung, behinderung, diskriminierung, engagement, orientierung
  --arrival only with --status ukraine: before_2025_04, from_2025_04, unknown, or the
            month of arrival (2025-05); absent counts as unknown (design D16)
  --place   Land code (NW), official key (05, 05370, 05370016), place name or postcode
  --date    evaluation date, default today
  --lang    language of the answer: ${LANG_HELP}
  --json    machine-readable output (design.md §5)`;

export function runCheck(argv: readonly string[], app: App): string {
  const args = parseCheckArgs(argv, app.vocab, app.i18n.languages);
  if (args.help) return CHECK_USAGE;
  let place: Place | null = null;
  if (args.placeText !== null) {
    const resolved = resolvePlace(app.places, args.placeText);
    if (!resolved.ok) throw new UsageError(`--place: ${resolved.message}`);
    place = resolved.place;
  }
  const { decision, routes } = checkPerson(app, args.person, place, args.date);
  const tr = app.i18n.translator(args.lang);
  if (args.json) {
    const needsOf = (id: ServiceId) => needsAnswered(app.ruleSet, id, decision.person.needs);
    return JSON.stringify(toDecisionJson(decision, place, tr, app.ruleSet.version, (id) => toRouteJson(routes.get(id as ServiceId), tr.lang), needsOf), null, 2);
  }
  return decisionToText(decision, place, tr, {
    extra: (s) => routeLines(routes.get(s.id), tr),
    needsOf: (id) => needsAnswered(app.ruleSet, id, decision.person.needs),
  });
}
