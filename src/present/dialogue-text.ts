// Renders dialogue replies (keys, params, choices) as messages in the user's language, as plain
// text (terminal) or Telegram HTML. Right-to-left languages get German names, numbers and links
// isolated so they keep their order.
import { escapeHtml, escapeHtmlAttribute } from "./html.js";
import { languageInfo, type Translator } from "../i18n/index.js";
import type { Choice, OfficeView, Reply, RouteView, ServiceView, SourceView } from "../dialogue/types.js";
import { languageName } from "./language-names.js";
import type { Reason } from "../rules/types.js";
import type { Referral } from "../referrals/store.js";
import { slipText } from "./slip.js";

export interface RenderedChoice {
  readonly id: string;
  readonly label: string;
  readonly selected: boolean;
}

export interface RenderedMessage {
  readonly key: string;
  readonly text: string;
  readonly choices: readonly RenderedChoice[];
  readonly multi: boolean;
}

export interface RenderOptions {
  readonly format: "plain" | "html";
  /** for the language picker before a language is chosen: every language's own words */
  readonly translatorFor?: (lang: string) => Translator;
  readonly languages?: readonly string[];
  /** a Kreis key's name for the slip */
  readonly placeName?: (kreisKey: string) => string | undefined;
}


export function renderReplies(replies: readonly Reply[], tr: Translator, options: RenderOptions = { format: "plain" }): RenderedMessage[] {
  const html = options.format === "html";
  const esc = html ? escapeHtml : (s: string) => s;
  const bold = (s: string) => (html ? `<b>${s}</b>` : s);
  const link = (url: string) => (html ? `<a href="${escapeHtmlAttribute(url)}">${escapeHtml(url)}</a>` : url);
  const iso = (s: string | number) => tr.isolate(s);

  const label = (c: Choice): string => {
    if (c.key === "dialogue:place.option" && c.params?.kreis) return tr.t("dialogue:place.option_in_kreis", c.params);
    return tr.t(c.key, c.params as Record<string, unknown> | undefined);
  };

  /** an office as a newcomer sees it: how to reach it, when, in which languages; a note only in their language */
  const office = (o: OfficeView): string => {
    // the reader's language, else its fallback (Dari reads Farsi)
    const own = [tr.lang, ...(languageInfo(tr.lang)?.fallback ?? [])].map((l) => o.translations?.[l]).find((t) => t !== undefined);
    const where = [o.address, [o.postcode, o.city].filter(Boolean).join(" ")].filter((x) => x && x.trim() !== "").join(", ");
    const parts = [bold(esc(iso(own?.name ?? o.name))), where && esc(iso(where)), o.phone && esc(iso(o.phone)), o.email && esc(iso(o.email)), o.web && iso(link(o.web))];
    const lines = [`→ ${parts.filter(Boolean).join(" · ")}${o.online ? ` (${esc(tr.t("dialogue:result.online"))})` : ""}`];
    const hours = own?.hours ?? o.hours;
    if (hours) lines.push(`   ${esc(tr.t("dialogue:result.hours"))}: ${esc(own?.hours ? hours : iso(hours))}`);
    if (o.languages.length) lines.push(`   ${esc(tr.t("dialogue:result.languages"))}: ${esc(tr.list(o.languages.map((l) => languageName(l, tr.lang))))}`);
    // notes are written in German; a reader of another language sees only a translated one
    const note = own?.note ?? (tr.lang === "de" ? o.note : undefined);
    if (note) lines.push(`   ${esc(iso(note))}`);
    return lines.join("\n");
  };

  const route = (r: RouteView | undefined): string[] => {
    if (!r) return [];
    const lines: string[] = [];
    // no office nearby: say so, and name the nationwide route as the next step (design D21)
    if (!r.local) lines.push(esc(tr.t(r.offices.length ? "dialogue:result.nearest_routes" : "dialogue:result.no_local_office")));
    for (const o of r.offices.slice(0, 3)) lines.push(office(o));
    if (r.successor) {
      lines.push(esc(tr.t("dialogue:result.successor", { service: tr.service(r.successor.id) })));
      for (const o of r.successor.offices.slice(0, 2)) lines.push(office(o));
    }
    return lines;
  };

  const service = (heading: string, s: ServiceView): string => {
    const outcome = tr.t(`dialogue:result.outcome_${s.outcome === "eligible" ? "eligible" : "conditional"}`);
    // a need service under the needs it answers: "For housing: Wohnungsamt"
    const title = s.role === "need" && s.needs?.length ? tr.t("dialogue:result.for_named_need", { needs: tr.list(s.needs.map((n) => tr.need(n))) }) : heading;
    const lines = [`${bold(esc(title))}: ${bold(esc(tr.service(s.id)))} – ${esc(outcome)}`];
    // a view may leave the reasons to another message (Telegram's "why / sources")
    if (s.reasons.length) lines.push(`${esc(tr.t("dialogue:result.why"))}:`);
    for (const r of s.reasons) lines.push(`• ${esc(tr.reason(r))}`);
    const where = route(s.route);
    if (where.length) lines.push(`${esc(tr.t("dialogue:result.where"))}:`, ...where);
    return lines.join("\n");
  };

  /** "why / sources": title and link of each source; seed file names and lines stay with staff */
  const sources = (services: readonly { id: string; sources: readonly SourceView[] }[]): string => {
    const lines = [bold(esc(tr.t("dialogue:result.sources_title")))];
    for (const s of services) {
      lines.push(bold(esc(tr.service(s.id))));
      // German documents keep their German names, except for English readers
      for (const src of s.sources) lines.push(`• ${esc(iso(tr.lang === "en" ? src.title : (src.titleDe ?? src.title)))}${src.url ? ` – ${iso(link(src.url))}` : ""}`);
    }
    return lines.join("\n");
  };

  /** a problem of a volunteer's one-line check, as one sentence */
  const problem = (x: Record<string, unknown>): string => {
    const list = (v: unknown) => tr.list(((v as string[] | undefined) ?? []).map((w) => iso(w)), "disjunction");
    switch (x.kind) {
      case "unknown_word":
        return (x.suggestions as string[]).length
          ? tr.t("dialogue:volunteer.problem.unknown_word", { word: iso(String(x.word)), suggestions: list(x.suggestions) })
          : tr.t("dialogue:volunteer.problem.unknown_word_plain", { word: iso(String(x.word)) });
      case "age_out_of_range":
        return tr.t("dialogue:volunteer.problem.age_out_of_range", { word: iso(String(x.word)) });
      case "two_ages":
      case "two_statuses":
        return tr.t(`dialogue:volunteer.problem.${x.kind}`, { words: tr.list(((x.words as string[]) ?? []).map((w) => iso(w))) });
      case "too_long":
        return tr.t("dialogue:volunteer.problem.too_long", { max: x.max });
      case "place_unknown":
        return (x.suggestions as string[]).length
          ? tr.t("dialogue:volunteer.problem.place_unknown_near", { text: iso(String(x.text)), suggestions: list(x.suggestions) })
          : tr.t("dialogue:volunteer.problem.place_unknown", { text: iso(String(x.text)) });
      case "place_ambiguous":
        return tr.t("dialogue:volunteer.problem.place_ambiguous", { text: iso(String(x.text)), candidates: list(x.candidates) });
      default:
        return tr.t(`dialogue:volunteer.problem.${String(x.kind) === "missing_status" ? "missing_status" : "missing_age"}`);
    }
  };

  const text = (r: Reply): string => {
    const p = (r.params ?? {}) as Record<string, unknown>;
    switch (r.key) {
      case "dialogue:language.ask": {
        // not understood: asked again in every language, whether or not one was chosen before
        const every = Array.isArray(p.everyLanguage) ? (p.everyLanguage as string[]) : options.languages;
        const question = (t: Translator) => (p.notUnderstood ? `${t.t("dialogue:not_understood")} ${t.t(r.key)}` : t.t(r.key));
        if (!options.translatorFor || !every) return esc(question(tr));
        const seen = new Set<string>();
        const lines: string[] = [];
        for (const lang of every) {
          const line = question(options.translatorFor(lang));
          if (!seen.has(line)) lines.push(esc(line));
          seen.add(line);
        }
        return lines.join("\n");
      }
      case "dialogue:status.ask": {
        const explained = (r.choices ?? []).map((c) => `• ${bold(esc(label(c)))} – ${esc(tr.t(String(c.params?.explain)))}`);
        return [esc(tr.t(r.key)), ...explained].join("\n");
      }
      case "dialogue:result.summary": {
        const needs = Array.isArray(p.needs) && p.needs.length ? tr.list((p.needs as string[]).map((n) => tr.need(n))) : tr.t("dialogue:result.no_needs");
        return esc(
          tr.t(r.key, {
            age: typeof p.age === "number" ? iso(p.age) : iso(String(p.age)),
            count: p.age,
            status: tr.status(String(p.status)),
            needs,
            place: p.place ? iso(String(p.place)) : tr.t("dialogue:result.no_place"),
          }),
        );
      }
      case "dialogue:result.your_service":
      case "dialogue:result.also":
      case "dialogue:result.for_need":
        return service(tr.t(r.key), p.service as ServiceView);
      case "dialogue:slip": {
        const german = options.translatorFor?.("de") ?? tr;
        return slipText(p.referral as Referral, tr, german, { html, ...(options.placeName ? { placeName: options.placeName } : {}) });
      }
      case "dialogue:volunteer.problems": {
        const items = (p.problems as Record<string, unknown>[]).map((x) => `• ${esc(problem(x))}`);
        return [bold(esc(tr.t(r.key))), ...items].join("\n");
      }
      case "dialogue:volunteer.ref_state":
        return esc(tr.t(r.key, { state: tr.t(String(p.state)) }));
      case "dialogue:result.sources":
        return sources(p.services as { id: string; sources: SourceView[] }[]);
      case "dialogue:result.need_unmet":
        return esc(tr.t(r.key, { needs: tr.list((p.needs as string[]).map((n) => tr.need(n))) }));
      case "dialogue:result.not_applicable": {
        const items = (p.services as { id: string; reason?: Reason }[]).map((s) => `• ${esc(tr.service(s.id))}${s.reason ? ` – ${esc(tr.reason(s.reason))}` : ""}`);
        return [bold(esc(tr.t(r.key))), ...items].join("\n");
      }
      default:
        return esc(tr.t(r.key, p));
    }
  };

  // "/start" inside right-to-left text would read "start/": isolate commands too
  const finish = (t: string) => (tr.dir === "rtl" ? t.replace(/(^|\s)(\/[a-z]+)/g, (_m, sp: string, cmd: string) => `${sp}${iso(cmd)}`) : t);

  return replies.map((r) => ({
    key: r.key,
    text: finish(text(r)),
    choices: (r.choices ?? []).map((c) => ({ id: c.id, label: label(c), selected: c.selected === true })),
    multi: r.multi === true,
  }));
}
