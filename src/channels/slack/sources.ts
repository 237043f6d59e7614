// The sources of a check, behind a button: the answer's first screen stays what a caseworker
// needs (service, outcome, where); "Quellen anzeigen" re-runs the same line on the same date
// and answers with every service's sources and references. Nothing is stored in between: the
// button carries the line, in the caller's own Slack message.
import type { App as Wegweiser } from "../../app.js";
import type { Translator } from "../../i18n/index.js";
import { checkOneLine, type CheckResult } from "../../lookup/check.js";
import type { ServiceDecision, Source } from "../../rules/types.js";
import { esc, header, link, sectionsFromLines, toMessages, type Block, type SlackMessage } from "./blocks.js";

export const SOURCES_ACTION = "wegweiser_sources";
/** Slack's limit for a button's value */
const MAX_VALUE = 2000;

export interface SourcesRequest {
  /** the one-line check as typed, without the language word */
  readonly line: string;
  /** the date the answer was computed for */
  readonly date: string;
  /** the staff's language for the headings: de or en */
  readonly lang: "de" | "en";
}

function sourceText(s: Source): string {
  const title = s.url ? link(s.url, s.title) : esc(s.title);
  return s.ref ? `${title} \`${esc(s.ref)}\`` : title;
}

/** The sources the service's reasons cite, in the rule's order, each shown once. */
export function serviceSources(service: ServiceDecision): string[] {
  const ids = new Set(service.reasons.flatMap((r) => r.sources));
  return [...new Set(service.sources.filter((s) => ids.has(s.id)).map(sourceText))];
}

/** The button under an answer; undefined when the line is too long to travel in it. */
export function sourcesButton(request: SourcesRequest, tr: Translator): Block | undefined {
  const value = JSON.stringify({ v: 1, line: request.line, date: request.date, lang: request.lang });
  if (value.length > MAX_VALUE) return undefined;
  return {
    type: "actions",
    elements: [{ type: "button", action_id: SOURCES_ACTION, text: { type: "plain_text", text: tr.t("staff:answer.show_sources") }, value }],
  };
}

export function readSourcesValue(value: unknown): SourcesRequest | undefined {
  if (typeof value !== "string" || value.length > MAX_VALUE) return undefined;
  try {
    const v = JSON.parse(value) as { v?: unknown; line?: unknown; date?: unknown; lang?: unknown };
    if (v.v !== 1 || typeof v.line !== "string" || typeof v.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v.date)) return undefined;
    return { line: v.line, date: v.date, lang: v.lang === "en" ? "en" : "de" };
  } catch {
    return undefined;
  }
}

/** Every service of the check with its sources: what applies first, then what does not. */
export function sourcesBlocks(result: CheckResult, tr: Translator): Block[] {
  const services = [...result.decision.services].sort((a, b) => Number(a.outcome === "ineligible") - Number(b.outcome === "ineligible") || a.rank - b.rank);
  const lines = services.flatMap((s) => {
    const cited = serviceSources(s);
    return cited.length ? [`*${esc(tr.service(s.id))}* – ${esc(tr.t(`outcome.${s.outcome}`))}\n${cited.map((c) => `   ${c}`).join("\n")}`] : [];
  });
  return [header(tr.t("staff:answer.sources_title")), ...sectionsFromLines(lines, 3000)];
}

export function sourcesMessages(app: Wegweiser, request: SourcesRequest | undefined, tr: Translator): SlackMessage[] {
  const notes = { continued: (part: number, total: number) => tr.t("staff:answer.continued", { part, total }), shortened: tr.t("staff:answer.shortened") };
  const r = request ? checkOneLine(app, request.line, request.date) : undefined;
  if (!r || !r.ok) {
    const text = esc(tr.t("staff:answer.sources_gone"));
    return toMessages(text, [{ type: "section", text: { type: "mrkdwn", text } }], notes);
  }
  return toMessages(tr.t("staff:answer.sources_title"), sourcesBlocks(r, tr), notes);
}
