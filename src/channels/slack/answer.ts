// A check as Block Kit for staff: the counselling service first, then the office per need,
// then what does not apply with the failing condition (design D8). The first screen is what a
// caseworker needs – service, outcome, why, where; the sources wait behind a button (sources.ts).
import type { Translator } from "../../i18n/index.js";
import type { CheckResult } from "../../lookup/check.js";
import type { BirthYearNote } from "../../lookup/one-line.js";
import type { ServiceRoute } from "../../directory/route.js";
import { officeLine } from "../../present/offices-text.js";
import type { Reason, ServiceDecision } from "../../rules/types.js";
import type { NeedId, ServiceId } from "../../rules/vocabulary.js";
import { context, esc, header, section, sectionsFromLines, toMessages, SLACK_LIMITS, type Block, type BlockLimits, type SlackMessage } from "./blocks.js";

const MAX_OFFICES = 3;

/** Texts without parameters, looked up once per language: i18next takes tens of µs a call. */
const memo = new WeakMap<Translator, Map<string, string>>();
function label(tr: Translator, key: string, lookup: () => string): string {
  let m = memo.get(tr);
  if (!m) memo.set(tr, (m = new Map()));
  let text = m.get(key);
  if (text === undefined) m.set(key, (text = lookup()));
  return text;
}
const serviceName = (tr: Translator, id: string) => label(tr, `service:${id}`, () => esc(tr.service(id)));
const staff = (tr: Translator, key: string) => label(tr, key, () => esc(tr.t(`staff:answer.${key}`)));
const outcome = (tr: Translator, o: string) => label(tr, `outcome:${o}`, () => esc(tr.t(`outcome.${o}`)));
/** A reason's text depends only on its code and params; ages keep the set small. */
const reasonText = (tr: Translator, r: Reason) => label(tr, `reason:${r.code}:${JSON.stringify(r.params)}`, () => esc(tr.reason(r)));

function officeLines(route: ServiceRoute | undefined, tr: Translator): string[] {
  if (!route) return [];
  const lines: string[] = [];
  const list = (offices: ServiceRoute["offices"]) => {
    for (const m of offices.slice(0, MAX_OFFICES)) lines.push(`→ ${esc(officeLine(m, tr))}`);
    if (offices.length > MAX_OFFICES) lines.push(`   ${esc(tr.t("staff:answer.more_offices", { count: offices.length - MAX_OFFICES }))}`);
  };
  if (!route.local) lines.push(`_${staff(tr, "no_local_office")}_`);
  list(route.offices);
  if (route.successor) {
    lines.push(esc(tr.t("staff:answer.successor_offices", { service: tr.service(route.successor.id) })));
    list(route.successor.offices);
  }
  return lines;
}

/** the chosen needs a service answers, to put need services under their need ("Für Wohnen: …") */
export type NeedsOf = (id: ServiceId) => readonly NeedId[];

function serviceBlocks(s: ServiceDecision, route: ServiceRoute | undefined, tr: Translator, needsOf?: NeedsOf): Block[] {
  const needs = s.role === "need" && needsOf ? needsOf(s.id) : [];
  const forNeeds = needs.length ? `${esc(tr.t("dialogue:result.for_named_need", { needs: tr.list(needs.map((n) => tr.need(n))) }))}: ` : "";
  const lines = [`${forNeeds}*${serviceName(tr, s.id)}* – ${outcome(tr, s.outcome)}`];
  for (const r of s.reasons) lines.push(`• ${reasonText(tr, r)}`);
  lines.push(...officeLines(route, tr));
  return [section(lines.join("\n"))];
}

/** "MBE – Alter 22: erst ab 27 Jahren": the first failing condition. */
function ineligibleLine(s: ServiceDecision, tr: Translator): string {
  const failing = s.reasons.find((r) => r.outcome === "ineligible") ?? s.reasons[0];
  const why = failing ? ` – ${reasonText(tr, failing)}` : "";
  return `• *${serviceName(tr, s.id)}*${why}`;
}

function summary(result: CheckResult, tr: Translator): string {
  const { person, date } = result.decision;
  const place = result.place ? tr.t("staff:answer.place", { place: `${result.place.name} (${result.place.key})` }) : tr.t("staff:answer.no_place");
  const needs = person.needs.length ? tr.t("staff:answer.needs", { needs: tr.list(person.needs.map((n) => tr.need(n))) }) : tr.t("staff:answer.no_needs");
  const who = tr.t("staff:answer.person", { age: person.age, status: tr.status(person.status) });
  return esc([who, needs, place, tr.t("staff:answer.date", { date: tr.date(date) })].join(" · "));
}

/** `sources`: the button that shows the sources (sources.ts); without it, no sources are shown. */
export function answerBlocks(result: CheckResult, notes: readonly BirthYearNote[], tr: Translator, sources?: Block, needsOf?: NeedsOf): Block[] {
  const services = result.decision.services;
  const applicable = services.filter((s) => s.outcome !== "ineligible");
  const counselling = applicable.filter((s) => s.role === "counselling");
  const needs = applicable.filter((s) => s.role === "need");
  const ineligible = services.filter((s) => s.outcome === "ineligible");
  const notAsked = ineligible.filter((s) => s.reasons.some((r) => r.code === "need.not_asked"));
  const failed = ineligible.filter((s) => !notAsked.includes(s));
  const heading = (key: string) => section(`*${staff(tr, key)}*`);
  const of = (s: ServiceDecision) => serviceBlocks(s, result.routes.get(s.id), tr, needsOf);

  const blocks: Block[] = [header(tr.t("staff:answer.title")), context(summary(result, tr))];
  for (const n of notes) blocks.push(context(esc(tr.t("staff:answer.birth_year", { year: n.year, age: n.age, before: n.age - 1 }))));
  blocks.push(heading("counselling"));
  if (counselling.length === 0) blocks.push(section(staff(tr, "no_counselling")));
  else blocks.push(...of(counselling[0]!));
  if (counselling.length > 1) blocks.push(heading("alternatives"), ...counselling.slice(1).flatMap(of));
  if (needs.length) blocks.push(heading("for_needs"), ...needs.flatMap(of));
  if (failed.length) blocks.push(heading("not_applicable"), ...sectionsFromLines(failed.map((s) => ineligibleLine(s, tr)), SLACK_LIMITS.sectionText));
  if (notAsked.length) blocks.push(context(esc(tr.t("staff:answer.not_asked", { services: notAsked.map((s) => tr.service(s.id)).join(", ") }))));
  if (sources) blocks.push(sources);
  blocks.push(context(staff(tr, "disclaimer")));
  return blocks;
}

/** The answer as one or more ephemeral messages within Slack's limits. */
export function answerMessages(result: CheckResult, notes: readonly BirthYearNote[], tr: Translator, limits: BlockLimits = SLACK_LIMITS, sources?: Block, needsOf?: NeedsOf): SlackMessage[] {
  const first = result.decision.services.find((s) => s.role === "counselling" && s.outcome !== "ineligible");
  const title = esc(tr.t("staff:answer.title"));
  const text = first ? `${title}: ${serviceName(tr, first.id)} – ${outcome(tr, first.outcome)}` : title;
  return toMessages(text, answerBlocks(result, notes, tr, sources, needsOf), {
    continued: (part, total) => tr.t("staff:answer.continued", { part, total }),
    shortened: tr.t("staff:answer.shortened"),
  }, limits);
}
