// Staff commands around referrals and statistics: `ref CODE` shows what was recommended and
// why, `contacted CODE` and `close CODE` move it on, `stats [PLACE]` counts with small cells hidden.
import type { App as Wegweiser } from "../../app.js";
import type { Translator } from "../../i18n/index.js";
import { resolvePlace } from "../../places/resolve.js";
import { formatCode, normaliseCode } from "../../referrals/code.js";
import { createRateLimiter, LOOKUP_LIMIT, type RateLimiter } from "../../referrals/rate-limit.js";
import type { Referral, ReferralState } from "../../referrals/store.js";
import { slipBlock } from "../../present/slip.js";
import { protectTable, showCell } from "../../stats/protect.js";
import { context, esc, header, section, toMessages, type SlackMessage } from "./blocks.js";
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

function show(app: Wegweiser, r: Referral, tr: Translator): SlackMessage[] {
  const placeName = (key: string) => app.places.get(key)?.name;
  const slip = slipBlock(r, tr, { html: false, placeName });
  const state = tr.t(`staff:referral.state_${r.state}`);
  return single(tr.t("staff:referral.title", { code: formatCode(r.code) }), [
    header(tr.t("staff:referral.title", { code: formatCode(r.code) })),
    section(esc(slip)),
    context(esc(tr.t("staff:referral.state", { state, date: r.stateChangedOn ?? r.createdOn })), esc(tr.t("staff:referral.next", { code: formatCode(r.code) }))),
  ]);
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

/** `stats` or `stats Heinsberg`: finished conversations of the last twelve months by need. */
const stats: CommandHandler = ({ app, args, tr, today }) => {
  let kreis: string | undefined;
  let where = tr.t("staff:stats.everywhere");
  if (args.trim() !== "") {
    const r = resolvePlace(app.places, args);
    const key = r.ok ? (r.place.key.length >= 5 ? r.place.key.slice(0, 5) : undefined) : undefined;
    if (!r.ok || !key) return note(tr.t("staff:stats.place", { text: args.slice(0, 60) }));
    kreis = key;
    where = app.places.get(key)?.name ?? key;
  }
  const from = `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}`;
  const rows = protectTable(app.stats.count({ by: ["need"], from, ...(kreis ? { kreis } : {}) }), ["need"]);
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
