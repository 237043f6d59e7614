// The referral slip: the code, what was recommended, where and why – in the person's language
// and in German for the office. It names no person.
import { escapeHtml } from "./html.js";
import type { Translator } from "../i18n/index.js";
import { formatCode } from "../referrals/code.js";
import type { Referral } from "../referrals/store.js";

export interface SlipFormat {
  readonly html: boolean;
  /** a Kreis key's name, when the caller can look it up */
  readonly placeName?: (kreisKey: string) => string | undefined;
}


export function slipBlock(ref: Referral, tr: Translator, format: SlipFormat): string {
  const esc = format.html ? escapeHtml : (s: string) => s;
  const bold = (s: string) => (format.html ? `<b>${s}</b>` : s);
  const iso = tr.isolate;
  const place = ref.kreisKey ? format.placeName?.(ref.kreisKey) : ref.landCode ? tr.land(ref.landCode) : undefined;
  const lines = [
    bold(esc(tr.t("dialogue:slip.title"))),
    esc(tr.t("dialogue:slip.code", { code: iso(formatCode(ref.code)) })),
    esc(tr.t("dialogue:slip.dates", { date: iso(tr.date(ref.createdOn)), until: iso(tr.date(ref.expiresOn)) })),
    esc(
      tr.t("dialogue:slip.for", {
        age: iso(tr.digits(ref.ageBand)),
        status: tr.status(ref.status),
        needs: ref.needs.length ? tr.list(ref.needs.map((n) => tr.need(n))) : tr.t("dialogue:result.no_needs"),
        place: place ? iso(place) : tr.t("dialogue:result.no_place"),
      }),
    ),
    bold(esc(tr.t("dialogue:slip.recommended"))),
  ];
  for (const s of ref.services) {
    const outcome = tr.t(`dialogue:result.outcome_${s.outcome === "eligible" ? "eligible" : "conditional"}`);
    lines.push(`• ${bold(esc(tr.service(s.id)))} – ${esc(outcome)}`);
    for (const o of ref.offices.filter((x) => x.service === s.id).slice(0, 1)) {
      const contact = [o.address, o.phone, o.email, o.web].filter((x): x is string => !!x).map((x) => esc(iso(x)));
      lines.push(`  → ${esc(iso(o.name))}${contact.length ? ` · ${contact.join(" · ")}` : ""}`);
    }
    const why = s.reasons.filter((r) => r.outcome !== "eligible" || r.code.startsWith("need.")).map((r) => esc(tr.reason(r)));
    if (why.length) lines.push(`  ${why.join("; ")}`);
  }
  lines.push(esc(tr.t("dialogue:slip.show")));
  return lines.join("\n");
}

/** The person's language first, then the German copy for the office (once, if they chose German). */
export function slipText(ref: Referral, tr: Translator, german: Translator, format: SlipFormat): string {
  const own = slipBlock(ref, tr, format);
  if (tr.lang === "de") return own;
  const esc = format.html ? escapeHtml : (s: string) => s;
  return `${own}\n\n${esc(tr.t("dialogue:slip.german_copy"))}\n\n${slipBlock(ref, german, format)}`;
}
