// A decision as plain text for staff (the CLI), in the chosen language: the counselling service
// first, then the services grouped under the needs they answer, then what does not apply and why;
// every service with its sources, title and reference (design D21: staff see everything).
import type { Translator } from "../i18n/index.js";
import type { Place } from "../places/types.js";
import type { Decision, ServiceDecision, Source } from "../rules/types.js";
import type { NeedId, ServiceId } from "../rules/vocabulary.js";
import { sourceTitle } from "./source-title.js";

export interface TextOptions {
  /** lines to print under a service, e.g. its local offices */
  readonly extra?: (service: ServiceDecision) => readonly string[];
  /** show the failing reason of every service that does not apply */
  readonly showIneligible?: boolean;
  /** the person's chosen needs a service answers, to group need services under them */
  readonly needsOf?: (id: ServiceId) => readonly NeedId[];
}

/** "Title (001_….txt:12-14)", "Title – https://…": what the reasons cite, each source once. */
export function sourceLines(s: ServiceDecision, lang: string): string[] {
  const ids = new Set(s.reasons.flatMap((r) => r.sources));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const src of s.sources as readonly Source[]) {
    if (!ids.has(src.id)) continue;
    const line = `${sourceTitle(src, lang)}${src.ref ? ` (${src.ref})` : ""}${src.url ? ` – ${src.url}` : ""}`;
    if (!seen.has(line)) out.push(line);
    seen.add(line);
  }
  return out;
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
    const cited = sourceLines(s, tr.lang);
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
    // grouped under the needs they answer: "Für Wohnen:"
    const groups = new Map<string, { needs: readonly NeedId[]; services: ServiceDecision[] }>();
    for (const s of needs) {
      const answered = options.needsOf?.(s.id) ?? [];
      const key = answered.join(",");
      const g = groups.get(key) ?? { needs: answered, services: [] };
      g.services.push(s);
      groups.set(key, g);
    }
    const firstNeed = (g: { needs: readonly NeedId[] }) => (g.needs.length ? person.needs.indexOf(g.needs[0]!) : person.needs.length);
    for (const g of [...groups.values()].sort((a, b) => firstNeed(a) - firstNeed(b))) {
      if (g.needs.length) out.push(`${tr.t("result.for_named_need", { needs: tr.list(g.needs.map((n) => tr.need(n))) })}:`);
      g.services.forEach(block);
    }
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
