// The conversation for any channel: loads the user's session by pseudonymous key, runs one
// dialogue step, saves or erases, and hands back the replies to render.
import type { App } from "./app.js";
import { routeDecision } from "./directory/route.js";
import type { Office, OfficeMatch } from "./directory/types.js";
import { initialState, step } from "./dialogue/step.js";
import type { DialogueDeps, DialogueInput, DialogueState, Effect, OfficeView, Reply, RouteView } from "./dialogue/types.js";
import { todayInGermany } from "./text/today.js";
import type { ServiceId } from "./rules/vocabulary.js";

export interface Turn {
  readonly userKey: string;
  readonly state: DialogueState;
  readonly replies: readonly Reply[];
  readonly effects: readonly Effect[];
}

export interface Conversation {
  readonly deps: DialogueDeps;
  handle(channel: string, platformId: string | number, input: DialogueInput): Turn;
}

function officeView(o: Office): OfficeView {
  return {
    id: o.id,
    name: o.name,
    level: "",
    online: o.online,
    languages: o.languages,
    ...(o.address ? { address: o.address } : {}),
    ...(o.postcode ? { postcode: o.postcode } : {}),
    ...(o.city ? { city: o.city } : {}),
    ...(o.phone ? { phone: o.phone } : {}),
    ...(o.email ? { email: o.email } : {}),
    ...(o.web ? { web: o.web } : {}),
    ...(o.hours ? { hours: o.hours } : {}),
    ...(o.note ? { note: o.note } : {}),
  };
}

const toView = (m: OfficeMatch): OfficeView => ({ ...officeView(m.office), level: m.level });

export function dialogueDeps(app: App, today: () => string = () => todayInGermany()): DialogueDeps {
  return {
    ruleSet: app.ruleSet,
    vocab: app.vocab,
    languages: app.i18n.languages,
    today,
    findPlace: (text) => app.places.find(text),
    locallyOffered: (key, date) => app.directory.locallyOffered(key, date),
    routes(decision, placeKey) {
      const out = new Map<ServiceId, RouteView>();
      for (const [id, r] of routeDecision(decision, app.directory, placeKey)) {
        out.set(id, {
          offices: r.offices.map(toView),
          local: r.local,
          ...(r.successor ? { successor: { id: r.successor.id, offices: r.successor.offices.map(toView) } } : {}),
        });
      }
      return out;
    },
  };
}

export function createConversation(app: App, options: { today?: () => string; onEffect?: (effect: Effect, userKey: string) => void } = {}): Conversation {
  const deps = dialogueDeps(app, options.today);
  return {
    deps,
    handle(channel, platformId, input) {
      const userKey = app.sessions.userKey(channel, platformId);
      const state = app.sessions.load<DialogueState>(userKey) ?? initialState();
      const result = step(state, input, deps);
      if (result.effects.some((e) => e.type === "delete")) app.sessions.deleteUser(userKey);
      else app.sessions.save(userKey, result.state);
      for (const e of result.effects) options.onEffect?.(e, userKey);
      return { userKey, ...result };
    },
  };
}
