// A check in one of the newcomers' languages, for a caseworker to forward (`/wegweiser ar 22
// duldung arbeit Heinsberg`): the person's own wording – their service, whether it fits, why and
// where to go – without the staff's sources, references and the list of what does not apply.
// One line on top, in German, says what it is; the sources stay behind the button.
import type { Translator } from "../../i18n/index.js";
import { languageInfo } from "../../i18n/languages.js";
import type { CheckResult } from "../../lookup/check.js";
import { isPlaceholder, type ServiceRoute } from "../../directory/route.js";
import type { OfficeMatch } from "../../directory/types.js";
import { routeLines } from "../../present/offices-text.js";
import type { ServiceDecision } from "../../rules/types.js";
import { context, esc, header, section, toMessages, SLACK_LIMITS, type Block, type SlackMessage } from "./blocks.js";

/**
 * The route as the person may see it (design D21): no entry a Kreis has not filled in, and no
 * operator note unless it is written in the person's language.
 */
function personRoute(route: ServiceRoute | undefined, lang: string): ServiceRoute | undefined {
  if (!route) return undefined;
  const shown = (ms: readonly OfficeMatch[]) =>
    ms
      .filter((m) => !isPlaceholder(m.office))
      .map((m) => {
        const { note, ...office } = m.office;
        const own = lang === "de" ? note : m.office.translations?.[lang]?.note;
        return { ...m, office: own ? { ...office, note: own } : office };
      });
  const offices = shown(route.offices);
  return {
    ...route,
    offices,
    local: offices.some((m) => m.level === "kreis" || m.level === "gemeinde"),
    ...(route.successor ? { successor: { ...route.successor, offices: shown(route.successor.offices) } } : {}),
  };
}

export function forwardBlocks(result: CheckResult, tr: Translator, staff: Translator, sources?: Block): Block[] {
  const { person, date } = result.decision;
  const applicable = result.decision.services.filter((s) => s.outcome !== "ineligible");
  const counselling = applicable.filter((s) => s.role === "counselling");
  const needs = applicable.filter((s) => s.role === "need");
  const service = (s: ServiceDecision) => {
    const lines = [`*${esc(tr.service(s.id))}* – ${esc(tr.t(`outcome.${s.outcome}`))}`];
    for (const r of s.reasons) lines.push(`• ${esc(tr.reason(r))}`);
    lines.push(...routeLines(personRoute(result.routes.get(s.id), tr.lang), tr).map(esc));
    return section(lines.join("\n"));
  };
  const about = [
    tr.t("result.person", { age: tr.isolate(person.age), status: tr.isolate(tr.status(person.status)) }),
    person.needs.length ? tr.t("result.needs", { needs: tr.list(person.needs.map((n) => tr.need(n))) }) : tr.t("result.no_needs"),
    result.place ? tr.t("result.place", { place: tr.isolate(result.place.name) }) : tr.t("result.no_place"),
    tr.t("result.date", { date: tr.isolate(tr.date(date)) }),
  ];
  const language = `${languageInfo(tr.lang)?.name ?? tr.lang}, ${tr.lang}`;
  const blocks: Block[] = [context(esc(staff.t("staff:answer.forward_note", { language }))), header(tr.t("result.title")), section(esc(about.join("\n")))];
  blocks.push(section(`*${esc(tr.t("result.counselling"))}*`));
  if (counselling.length === 0) blocks.push(section(esc(tr.t("result.no_counselling"))));
  else blocks.push(service(counselling[0]!));
  if (counselling.length > 1) blocks.push(section(`*${esc(tr.t("result.alternatives"))}*`), ...counselling.slice(1).map(service));
  if (needs.length) blocks.push(section(`*${esc(tr.t("result.for_needs"))}*`), ...needs.map(service));
  blocks.push(context(esc(tr.t("result.disclaimer"))));
  if (sources) blocks.push(sources);
  return blocks;
}

export function forwardMessages(result: CheckResult, tr: Translator, staff: Translator, sources?: Block): SlackMessage[] {
  const first = result.decision.services.find((s) => s.role === "counselling" && s.outcome !== "ineligible");
  const title = esc(tr.t("result.title"));
  const text = first ? `${title}: ${esc(tr.service(first.id))} – ${esc(tr.t(`outcome.${first.outcome}`))}` : title;
  return toMessages(text, forwardBlocks(result, tr, staff, sources), {
    continued: (part, total) => staff.t("staff:answer.continued", { part, total }),
    shortened: staff.t("staff:answer.shortened"),
  }, SLACK_LIMITS);
}
