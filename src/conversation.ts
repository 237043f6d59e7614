// The conversation for any channel: loads the user's session by pseudonymous key, runs one
// dialogue step, saves or erases, and hands back the replies to render.
import type { App } from "./app.js";
import { isPlaceholder, routeDecision } from "./directory/route.js";
import type { OfficeMatch } from "./directory/types.js";
import { compact } from "./lib/compact.js";
import { ask, initialState, step } from "./dialogue/step.js";
import { decide } from "./dialogue/result.js";
import type { Referral, ReferralOffice } from "./referrals/store.js";
import type { DialogueDeps, DialogueInput, DialogueState, Effect, OfficeView, Reply, RouteView } from "./dialogue/types.js";
import { todayInGermany } from "./text/today.js";
import { localeWords } from "./i18n/locale-words.js";
import type { ServiceId } from "./rules/vocabulary.js";

export interface Turn {
  readonly userKey: string;
  readonly state: DialogueState;
  readonly replies: readonly Reply[];
  readonly effects: readonly Effect[];
}

/** An input, or one that depends on where the conversation stands (a button knows its question). */
export type TurnInput = DialogueInput | ((state: DialogueState) => DialogueInput);

export interface Conversation {
  readonly deps: DialogueDeps;
  handle(channel: string, platformId: string | number, input: TurnInput): Turn;
}

/** translations of the fields a newcomer sees; the description stays with staff */
function viewTranslations(o: OfficeMatch["office"]): OfficeView["translations"] {
  const out: Record<string, Partial<Record<"name" | "note" | "hours", string>>> = {};
  for (const [lang, t] of Object.entries(o.translations ?? {})) {
    const picked = compact({ name: t.name, note: t.note, hours: t.hours });
    if (Object.keys(picked).length) out[lang] = picked;
  }
  return Object.keys(out).length ? out : undefined;
}

const toView = ({ office: o, level }: OfficeMatch): OfficeView =>
  compact({
    id: o.id,
    name: o.name,
    level,
    online: o.online,
    languages: o.languages,
    address: o.address,
    postcode: o.postcode,
    city: o.city,
    phone: o.phone,
    email: o.email,
    web: o.web,
    hours: o.hours,
    note: o.note,
    translations: viewTranslations(o),
  });

/**
 * What a newcomer is shown of a service's route (design D21): offices they can reach. An entry a
 * Kreis has not filled in yet is left out; the nationwide routes behind it remain.
 */
function newcomerRoute(offices: readonly OfficeMatch[]): { offices: OfficeView[]; local: boolean } {
  const reachable = offices.filter((m) => !isPlaceholder(m.office));
  return { offices: reachable.map(toView), local: reachable.some((m) => m.level === "kreis" || m.level === "gemeinde") };
}

export function dialogueDeps(app: App, today: () => string = () => todayInGermany()): DialogueDeps {
  return {
    ruleSet: app.ruleSet,
    vocab: app.vocab,
    words: localeWords(),
    languages: app.i18n.languages,
    today,
    findPlace: (text) => app.places.find(text),
    locallyOffered: (key, date) => app.directory.locallyOffered(key, date),
    routes(decision, placeKey) {
      const out = new Map<ServiceId, RouteView>();
      for (const [id, r] of routeDecision(decision, app.directory, placeKey)) {
        const shown = newcomerRoute(r.offices);
        out.set(id, {
          ...shown,
          ...(r.successor ? { successor: { id: r.successor.id, offices: newcomerRoute(r.successor.offices).offices } } : {}),
        });
      }
      return out;
    },
  };
}

/** The slip's record: what was recommended, with the first offices, for the answers in `state`. */
export function createReferral(app: App, deps: DialogueDeps, state: DialogueState): Referral {
  const { decision, routes } = decide(state, deps);
  const applicable = decision.services.filter((s) => s.outcome !== "ineligible");
  const offices: ReferralOffice[] = applicable.flatMap((s) =>
    (routes.get(s.id)?.offices ?? []).slice(0, 2).map((o) => ({
      service: s.id,
      id: o.id,
      name: o.name,
      online: o.online,
      ...(o.address ? { address: [o.address, [o.postcode, o.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") } : {}),
      ...(o.phone ? { phone: o.phone } : {}),
      ...(o.email ? { email: o.email } : {}),
      ...(o.web ? { web: o.web } : {}),
    })),
  );
  return app.referrals.create({
    date: decision.date,
    age: decision.person.age,
    status: decision.person.status,
    needs: decision.person.needs,
    place: state.place ? { key: state.place.key, land: state.place.land } : null,
    services: applicable.map((s) => ({ id: s.id, outcome: s.outcome, reasons: s.reasons })),
    offices,
    lang: state.lang ?? "de",
    rulesVersion: app.ruleSet.version,
  });
}

export function createConversation(app: App, options: { today?: () => string; onEffect?: (effect: Effect, userKey: string) => void } = {}): Conversation {
  const deps = dialogueDeps(app, options.today);
  return {
    deps,
    handle(channel, platformId, input) {
      const userKey = app.sessions.userKey(channel, platformId);
      const before = app.sessions.load<DialogueState>(userKey) ?? initialState();
      const result = step(before, typeof input === "function" ? input(before) : input, deps);
      let state = result.state;
      let replies = result.replies;
      // one transaction: the session, its statistics event and its referral change together
      app.db.transaction(() => {
        for (const e of result.effects) {
          if (e.type === "delete") {
            if (before.referralCode) app.referrals.delete(before.referralCode);
            // slips of earlier runs (before /start, restart or back) too
            app.referrals.deleteFor(userKey);
            app.sessions.deleteUser(userKey);
          } else if (e.type === "finished" && !before.counted) {
            const d = e.decision;
            app.stats.record({
              date: d.date,
              place: e.place ? { key: e.place.key, land: e.place.land } : null,
              age: d.person.age,
              status: d.person.status,
              needs: d.person.needs,
              services: d.services.filter((s) => s.outcome !== "ineligible").map((s) => s.id),
              channel,
            });
            state = { ...state, counted: true };
          } else if (e.type === "slip") {
            const today = deps.today();
            const existing = state.referralCode ? app.referrals.get(state.referralCode, today) : undefined;
            const referral = existing ?? createReferral(app, deps, state);
            app.referrals.linkTo(referral.code, userKey);
            state = { ...state, referralCode: referral.code };
            replies = [...replies, { key: "dialogue:slip", params: { referral } }, ...ask(state, deps)];
          }
          options.onEffect?.(e, userKey);
        }
        if (!result.effects.some((e) => e.type === "delete")) app.sessions.save(userKey, state);
      })();
      return { userKey, state, replies, effects: result.effects };
    },
  };
}
