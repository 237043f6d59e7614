// Staff commands around referrals and statistics: `ref CODE` shows what was recommended and
// why in the staff's wording, `contacted CODE` and `close CODE` move it on, `stats [PLACE]`
// (a Kreis, a town's Kreis or a Land) counts with small cells hidden.
import type { App as Wegweiser } from "../../app.js";
import type { Translator } from "../../i18n/index.js";
import { resolvePlace } from "../../places/resolve.js";
import { formatCode, normaliseCode } from "../../referrals/code.js";
import { createRateLimiter, LOOKUP_LIMIT, type RateLimiter } from "../../referrals/rate-limit.js";
import type { Referral, ReferralState } from "../../referrals/store.js";
import { languageInfo } from "../../i18n/languages.js";
import { protectTable, showCell } from "../../stats/protect.js";
import { context, esc, header, section, sectionsFromLines, toMessages, type SlackMessage } from "./blocks.js";
import type { CommandContext, CommandHandler } from "./router.js";

/** `text` is plain: escaped here for the top-level text, which Slack reads as mrkdwn too. */
function single(text: string, blocks: ReturnType<typeof section>[]): SlackMessage[] {
  return toMessages(esc(text), blocks, { continued: () => "", shortened: "…" });
}

function note(text: string): SlackMessage[] {
  return single(text, [section(esc(text))]);
}

type Found = { ok: true; referral: Referral } | { ok: false; messages: SlackMessage[] };

function find(ctx: CommandContext, limiter: RateLimiter): Found {
  const { app, args, tr, today, staff } = ctx;
  if (!limiter.allow(app.sessions.userKey("slack", `${staff.teamId}:${staff.userId}`))) return { ok: false, messages: note(tr.t("staff:referral.rate_limited")) };
  const code = normaliseCode(args);
  if (!code) return { ok: false, messages: note(tr.t("staff:referral.not_a_code", { text: args.slice(0, 40) })) };
  const referral = app.referrals.get(code, today);
  if (!referral) return { ok: false, messages: note(tr.t("staff:referral.unknown", { code: formatCode(code) })) };
  return { ok: true, referral };
}

/** A referral in the staff's wording: who it was for, what was recommended and why, where, its state. */
function show(app: Wegweiser, r: Referral, tr: Translator): SlackMessage[] {
  const title = tr.t("staff:referral.title", { code: formatCode(r.code) });
  const placeName = r.kreisKey ? `${app.places.get(r.kreisKey)?.name ?? r.kreisKey} (${r.kreisKey})` : r.landCode ? tr.land(r.landCode) : tr.t("staff:answer.no_place");
  const needs = r.needs.length ? tr.t("staff:answer.needs", { needs: tr.list(r.needs.map((n) => tr.need(n))) }) : tr.t("staff:answer.no_needs");
  const person = tr.t("staff:referral.person", { age: esc(r.ageBand), status: esc(tr.status(r.status)), needs: esc(needs), place: esc(placeName) });
  const language = `${languageInfo(r.lang)?.name ?? r.lang} (${r.lang})`;
  const services = r.services.map((s) => {
    const lines = [`• *${esc(tr.service(s.id))}* – ${esc(tr.t(`outcome.${s.outcome}`))}`];
    for (const reason of s.reasons) lines.push(`   ${esc(tr.reason(reason))}`);
    for (const o of r.offices.filter((x) => x.service === s.id)) {
      const contact = [o.address, o.phone, o.email, o.web].filter((x): x is string => !!x);
      lines.push(`   → ${esc([o.name, ...contact].join(" · "))}`);
    }
    return lines.join("\n");
  });
  const state = tr.t(`staff:referral.state_${r.state}`);
  return toMessages(title, [
    header(title),
    section([esc(tr.t("staff:referral.issued", { date: tr.date(r.createdOn), until: tr.date(r.expiresOn) })), person, tr.t("staff:referral.language", { language: esc(language) })].join("\n")),
    section(`*${esc(tr.t("staff:referral.recommended"))}*`),
    ...sectionsFromLines(services, 3000),
    context(esc(tr.t("staff:referral.state", { state, date: r.stateChangedOn ?? r.createdOn })), esc(tr.t("staff:referral.next", { code: formatCode(r.code) })), esc(tr.t("staff:referral.rules", { version: r.rulesVersion }))),
  ], { continued: (part, total) => tr.t("staff:answer.continued", { part, total }), shortened: tr.t("staff:answer.shortened") });
}

function move(to: ReferralState, limiter: RateLimiter): CommandHandler {
  return (ctx) => {
    const found = find(ctx, limiter);
    if (!found.ok) return found.messages;
    const result = ctx.app.referrals.advance(found.referral.code, to, ctx.today);
    const r = result?.referral ?? found.referral;
    const key = result?.outcome === "already" ? "staff:referral.already" : result?.outcome === "backwards" ? "staff:referral.backwards" : "staff:referral.moved";
    return note(ctx.tr.t(key, { code: formatCode(r.code), state: ctx.tr.t(`staff:referral.state_${r.state}`), to: ctx.tr.t(`staff:referral.state_${to}`) }));
  };
}

/** `stats`, `stats Heinsberg` or `stats Bayern`: finished conversations of the last twelve months by need. */
const stats: CommandHandler = ({ app, args, tr, today }) => {
  let filter: { kreis: string } | { land: string } | Record<string, never> = {};
  let where = tr.t("staff:stats.everywhere");
  if (args.trim() !== "") {
    const r = resolvePlace(app.places, args);
    if (!r.ok) return note(tr.t("staff:stats.place", { text: args.slice(0, 60) }));
    // a town counts with its Kreis (statistics keep no town); a Land with all its Kreise
    if (r.place.key.length >= 5) {
      const key = r.place.key.slice(0, 5);
      filter = { kreis: key };
      where = app.places.get(key)?.name ?? key;
    } else {
      filter = { land: r.place.land };
      where = tr.land(r.place.land);
    }
  }
  const from = `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}`;
  const rows = protectTable(app.stats.count({ by: ["need"], from, ...filter }), ["need"]);
  // Slack reads mrkdwn inside code blocks too: "<5" must be written "&lt;5"
  const lines = rows.map((r) => esc(`${(r.keys.need === "-" ? tr.t("staff:stats.no_need") : tr.need(r.keys.need!)).padEnd(28)} ${showCell(r.shown)}`));
  const body = lines.length ? `\`\`\`\n${lines.join("\n")}\n\`\`\`` : esc(tr.t("staff:stats.none"));
  return single(tr.t("staff:stats.title", { where }), [header(tr.t("staff:stats.title", { where })), section(body), context(esc(tr.t("staff:stats.note", { from })))]);
};

export function referralCommands(limiter: RateLimiter = createRateLimiter(LOOKUP_LIMIT)): Record<string, CommandHandler> {
  return {
    ref: (ctx) => {
      const found = find(ctx, limiter);
      return found.ok ? show(ctx.app, found.referral, ctx.tr) : found.messages;
    },
    contacted: move("contacted", limiter),
    close: move("closed", limiter),
    stats,
  };
}
