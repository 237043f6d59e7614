// The volunteer look-ups inside the chat: `/check 22 duldung arbeit Heinsberg` runs the same
// one-line check without starting a conversation, `/ref CODE` shows a slip. Nothing is stored;
// both answer with dialogue replies, so every channel renders them as it renders the dialogue.
import type { App } from "../app.js";
import { dialogueDeps } from "../conversation.js";
import { resultReplies } from "../dialogue/result.js";
import type { DialogueState, Reply } from "../dialogue/types.js";
import { normaliseCode, formatCode } from "../referrals/code.js";
import { checkOneLine } from "./check.js";

export function volunteerCheck(app: App, text: string, today: string): Reply[] {
  if (text.trim() === "") return [{ key: "dialogue:volunteer.check_usage" }];
  const r = checkOneLine(app, text, today);
  if (!r.ok) return [{ key: "dialogue:volunteer.problems", params: { problems: r.problems } }, { key: "dialogue:volunteer.check_usage" }];
  const p = r.place;
  // a state that lives only for this answer: the same result replies as the conversation's
  const state: DialogueState = {
    v: 1,
    step: "result",
    lang: null,
    privacyAccepted: true,
    age: r.decision.person.age,
    status: r.decision.person.status,
    needs: r.decision.person.needs,
    place: p ? { key: p.key, name: p.name, land: p.land, level: p.key.length === 2 ? "land" : p.key.length === 5 ? "kreis" : "gemeinde", ...(p.kreis ? { kreis: p.kreis } : {}) } : null,
    history: [],
  };
  return [{ key: "dialogue:volunteer.check_intro" }, ...resultReplies(state, dialogueDeps(app, () => today)).replies];
}

export function referralLookup(app: App, text: string, today: string, allowed: boolean): Reply[] {
  if (!allowed) return [{ key: "dialogue:volunteer.ref_rate_limited" }];
  if (text.trim() === "") return [{ key: "dialogue:volunteer.ref_usage" }];
  const code = normaliseCode(text);
  if (!code) return [{ key: "dialogue:volunteer.ref_not_a_code" }];
  const referral = app.referrals.get(code, today);
  if (!referral) return [{ key: "dialogue:volunteer.ref_unknown", params: { code: formatCode(code) } }];
  return [
    { key: "dialogue:slip", params: { referral } },
    { key: "dialogue:volunteer.ref_state", params: { state: `dialogue:volunteer.state_${referral.state}` } },
  ];
}
