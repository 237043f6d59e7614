// `wegweiser referral create|show|contacted|close`: a referral slip from the command line, and
// the look-up a counsellor does with the code someone shows them.
import { parseArgs } from "node:util";
import type { App } from "../app.js";
import { createReferral, dialogueDeps } from "../conversation.js";
import type { DialogueState } from "../dialogue/types.js";
import { resolvePlace } from "../places/resolve.js";
import { formatCode, normaliseCode } from "../referrals/code.js";
import type { Referral, ReferralState } from "../referrals/store.js";
import { slipText } from "../present/slip.js";
import { todayInGermany } from "../text/today.js";
import { CHECK_OPTIONS, LANG_HELP, parseCheckArgs } from "./check-args.js";
import { isLanguageCode } from "../i18n/languages.js";
import { UsageError } from "./errors.js";

export const REFERRAL_USAGE = `Usage:
  wegweiser referral create --age N --status STATUS [--need NEED ...] [--place PLACE] [--lang LANG] [--json]
  wegweiser referral show CODE [--json] [--lang LANG]
  wegweiser referral contacted CODE
  wegweiser referral close CODE

  --lang    language of the slip: ${LANG_HELP}`;

export function referralJson(r: Referral): Record<string, unknown> {
  return {
    code: formatCode(r.code),
    state: r.state,
    created_on: r.createdOn,
    expires_on: r.expiresOn,
    land: r.landCode,
    kreis: r.kreisKey,
    age_band: r.ageBand,
    status: r.status,
    needs: r.needs,
    services: r.services,
    offices: r.offices,
    lang: r.lang,
    rules_version: r.rulesVersion,
  };
}

function lookup(app: App, text: string | undefined): Referral {
  if (!text) throw new UsageError("give the referral CODE, e.g. ABCDE-FGHJK");
  const code = normaliseCode(text);
  if (!code) throw new UsageError(`"${text}" is not a referral code: 10 letters and digits, e.g. ABCDE-FGHJK`);
  const r = app.referrals.get(code, todayInGermany());
  if (!r) throw new UsageError(`no referral ${formatCode(code)}: unknown, or expired after 90 days`);
  return r;
}

export function runReferral(argv: readonly string[], app: App): string {
  const [sub, ...rest] = argv;
  const placeName = (key: string) => app.places.get(key)?.name;
  const german = app.i18n.translator("de");
  switch (sub) {
    case "create": {
      const args = parseCheckArgs(rest, app.vocab, app.i18n.languages);
      let place = null;
      if (args.placeText !== null) {
        const r = resolvePlace(app.places, args.placeText);
        if (!r.ok) throw new UsageError(`--place: ${r.message}`);
        place = r.place;
      }
      const state: DialogueState = {
        v: 1, step: "result", lang: args.lang, privacyAccepted: true, age: args.person.age, status: args.person.status,
        needs: args.person.needs, place: place ? { key: place.key, name: place.name, land: place.land, level: "kreis" } : null, history: [],
      };
      const referral = createReferral(app, dialogueDeps(app, () => args.date), state);
      if (args.json) return JSON.stringify(referralJson(referral), null, 2);
      return slipText(referral, app.i18n.translator(args.lang), german, { html: false, placeName });
    }
    case "show": {
      const { values, positionals } = parseArgs({ args: rest, options: { json: CHECK_OPTIONS.json, lang: CHECK_OPTIONS.lang }, strict: true, allowPositionals: true });
      const r = lookup(app, positionals.join(""));
      if (values.json) return JSON.stringify(referralJson(r), null, 2);
      const lang = values.lang ?? "de";
      if (!isLanguageCode(lang) || !app.i18n.languages.includes(lang)) throw new UsageError(`--lang: unknown language "${lang}"; accepted: ${app.i18n.languages.join(", ")}`);
      return `${slipText(r, app.i18n.translator(lang), german, { html: false, placeName }).split("\n\n")[0]}\nstate: ${r.state}${r.stateChangedOn ? ` (${r.stateChangedOn})` : ""}`;
    }
    case "contacted":
    case "close": {
      const r = lookup(app, rest.join(""));
      const state: ReferralState = sub === "close" ? "closed" : "contacted";
      const result = app.referrals.advance(r.code, state, todayInGermany());
      const now = result?.referral.state ?? r.state;
      // forward only: a repeat or a step back changes nothing, and says so
      const why = result?.outcome === "already" ? " (already; unchanged)" : result?.outcome === "backwards" ? ` (cannot go back to ${state}; unchanged)` : "";
      return `${formatCode(r.code)}: ${now}${why}`;
    }
    default:
      throw new UsageError(`referral: unknown subcommand "${sub ?? ""}"; accepted: create, show, contacted, close`);
  }
}
