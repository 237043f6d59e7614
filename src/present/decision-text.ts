// A decision as plain text in the user's language: the counselling service first, then the
// services for each need, then what does not apply and why. Used by the CLI and the console.
import type { Translator } from "../i18n/index.js";
import type { Place } from "../places/types.js";
import { citedSources, type Decision, type ServiceDecision } from "../rules/types.js";

export interface TextOptions {
  /** lines to print under a service, e.g. its local offices */
  readonly extra?: (service: ServiceDecision) => readonly string[];
  /** show the failing reason of every service that does not apply */
  readonly showIneligible?: boolean;
}

export function decisionToText(decision: Decision, place: Place | null, tr: Translator, options: TextOptions = {}): string {
  const { person } = decision;
  const out: string[] = [];
  out.push(tr.t("result.title"));
  out.push(tr.t("result.person", { age: tr.isolate(person.age), status: tr.isolate(tr.status(person.status)) }));
  out.push(person.needs.length ? tr.t("result.needs", { needs: tr.list(person.needs.map((n) => tr.need(n))) }) : tr.t("result.no_needs"));
  out.push(place ? tr.t("result.place", { place: tr.isolate(place.name) }) : tr.t("result.no_place"));
  out.push(tr.t("result.date", { date: tr.isolate(tr.date(decision.date)) }));

  const applicable = decision.services.filter((s) => s.outcome !== "ineligible");
  const counselling = applicable.filter((s) => s.role === "counselling");
  const needs = applicable.filter((s) => s.role === "need");
  const block = (s: ServiceDecision) => {
    out.push(`${s.rank}. ${tr.service(s.id)} – ${tr.t(`outcome.${s.outcome}`)}`);
    for (const r of s.reasons) out.push(`   · ${tr.reason(r)}`);
    for (const line of options.extra?.(s) ?? []) out.push(`   ${line}`);
    const cited = citedSources(s);
    if (cited.length) out.push(`   ${tr.t("result.sources")}: ${cited.map((c) => tr.isolate(c)).join("; ")}`);
  };

  out.push("", `== ${tr.t("result.counselling")} ==`);
  if (counselling.length === 0) out.push(tr.t("result.no_counselling"));
  else block(counselling[0]!);
  if (counselling.length > 1) {
    out.push("", `== ${tr.t("result.alternatives")} ==`);
    counselling.slice(1).forEach(block);
  }
  if (needs.length) {
    out.push("", `== ${tr.t("result.for_needs")} ==`);
    needs.forEach(block);
  }
  if (options.showIneligible ?? true) {
    const rest = decision.services.filter((s) => s.outcome === "ineligible");
    if (rest.length) {
      out.push("", `== ${tr.t("result.not_applicable")} ==`);
      for (const s of rest) out.push(`${s.rank}. ${tr.service(s.id)} – ${s.reasons[0] ? tr.reason(s.reasons[0]) : ""}`);
    }
  }
  out.push("", tr.t("result.disclaimer"));
  return out.join("\n");
}
