// Referral records: what was recommended, to whom in coarse terms (Kreis, age band, status,
// needs) and why – never a user key or name. open → contacted → closed, forward only; gone after 90 days.
import type { Db } from "../store/db.js";
import { registerUserTable } from "../store/sessions.js";
import type { Reason } from "../rules/types.js";
import type { Outcome, ServiceId } from "../rules/vocabulary.js";
import { ageBand, type AgeBand } from "./bands.js";
import { newCode } from "./code.js";

export const REFERRAL_DAYS = 90;
export const REFERRAL_STATES = ["open", "contacted", "closed"] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

export interface ReferralOffice {
  readonly service: ServiceId;
  readonly id: string;
  readonly name: string;
  readonly address?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly web?: string;
  readonly online: boolean;
}

export interface ReferralService {
  readonly id: ServiceId;
  readonly outcome: Outcome;
  /** reasons with the exact age replaced by the age band */
  readonly reasons: readonly Reason[];
}

export interface Referral {
  readonly code: string;
  readonly createdOn: string;
  readonly expiresOn: string;
  readonly landCode: string | null;
  readonly kreisKey: string | null;
  readonly ageBand: AgeBand;
  readonly status: string;
  readonly needs: readonly string[];
  readonly services: readonly ReferralService[];
  readonly offices: readonly ReferralOffice[];
  /** the language the slip was given in */
  readonly lang: string;
  readonly rulesVersion: string;
  readonly state: ReferralState;
  readonly stateChangedOn: string | null;
}

export interface NewReferral {
  readonly date: string;
  readonly age: number;
  readonly status: string;
  readonly needs: readonly string[];
  readonly place: { readonly key: string; readonly land: string } | null;
  readonly services: readonly { id: ServiceId; outcome: Outcome; reasons: readonly Reason[] }[];
  readonly offices: readonly ReferralOffice[];
  readonly lang: string;
  readonly rulesVersion: string;
}

/** What a state change did: moved on, was already there, or would have gone back (refused). */
export type Advance = { readonly outcome: "moved" | "already" | "backwards"; readonly referral: Referral };

export interface ReferralStore {
  create(input: NewReferral): Referral;
  /** the referral, or undefined when unknown or expired on `today` */
  get(code: string, today: string): Referral | undefined;
  /** forward only (open → contacted → closed); undefined when unknown or expired */
  advance(code: string, state: ReferralState, today: string): Advance | undefined;
  /** advance() without the outcome: the referral as it stands afterwards */
  setState(code: string, state: ReferralState, today: string): Referral | undefined;
  delete(code: string): void;
  /** notes that the slip `code` was given to `userKey`, so deleteFor() finds it */
  linkTo(code: string, userKey: string): void;
  /** deletes every slip ever given to `userKey` */
  deleteFor(userKey: string): number;
  /** removes referrals past their expiry, at most `limit` of them (all when -1); returns how many */
  purgeExpired(today: string, limit?: number): number;
  count(): number;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The exact age would say more than the age band kept with the record. */
function withoutExactAge(r: Reason): Reason {
  if (typeof r.params.age !== "number") return r;
  return { ...r, params: { ...r.params, age: ageBand(r.params.age) } };
}

interface Row {
  code: string;
  created_on: string;
  expires_on: string;
  land_code: string | null;
  kreis_key: string | null;
  age_band: AgeBand;
  status: string;
  needs: string;
  services: string;
  offices: string;
  lang: string;
  rules_version: string;
  state: ReferralState;
  state_changed_on: string | null;
}

const fromRow = (r: Row): Referral => ({
  code: r.code,
  createdOn: r.created_on,
  expiresOn: r.expires_on,
  landCode: r.land_code,
  kreisKey: r.kreis_key,
  ageBand: r.age_band,
  status: r.status,
  needs: JSON.parse(r.needs) as string[],
  services: JSON.parse(r.services) as ReferralService[],
  offices: JSON.parse(r.offices) as ReferralOffice[],
  lang: r.lang,
  rulesVersion: r.rules_version,
  state: r.state,
  stateChangedOn: r.state_changed_on,
});

export function createReferralStore(db: Db, generate: () => string = newCode): ReferralStore {
  // the links go with the user's other rows (delete, re-keying after a new secret)
  registerUserTable("referral_owners");
  const link = db.prepare("INSERT OR IGNORE INTO referral_owners (user_key, code) VALUES (?, ?)");
  const deleteOwned = db.prepare("DELETE FROM referrals WHERE code IN (SELECT code FROM referral_owners WHERE user_key = ?)");
  const unlink = db.prepare("DELETE FROM referral_owners WHERE user_key = ?");
  const expiredCodes = db.prepare("SELECT code FROM referrals WHERE expires_on < ? LIMIT ?").pluck();
  const deleteExpired = db.prepare("DELETE FROM referrals WHERE code = ?");
  const deleteOwners = db.prepare("DELETE FROM referral_owners WHERE code = ?");
  const insert = db.prepare(
    `INSERT INTO referrals (code, created_on, expires_on, land_code, kreis_key, age_band, status, needs, services, offices, lang, rules_version, state)
     VALUES (@code, @created_on, @expires_on, @land_code, @kreis_key, @age_band, @status, @needs, @services, @offices, @lang, @rules_version, 'open')`,
  );
  const select = db.prepare("SELECT * FROM referrals WHERE code = ? AND expires_on >= ?");
  // one statement, so a replayed request cannot move a referral twice or back
  const update = db.prepare(
    `UPDATE referrals SET state = @state, state_changed_on = @today
     WHERE code = @code AND expires_on >= @today
       AND (CASE state WHEN 'open' THEN 0 WHEN 'contacted' THEN 1 ELSE 2 END) < @rank`,
  );
  const advance = (code: string, state: ReferralState, today: string): Advance | undefined => {
    const rank = REFERRAL_STATES.indexOf(state);
    if (update.run({ state, today, code, rank }).changes === 1) return { outcome: "moved", referral: fromRow(select.get(code, today) as Row) };
    const r = select.get(code, today) as Row | undefined;
    if (!r) return undefined;
    return { outcome: r.state === state ? "already" : "backwards", referral: fromRow(r) };
  };
  return {
    create(input) {
      const row = {
        created_on: input.date,
        expires_on: addDays(input.date, REFERRAL_DAYS),
        land_code: input.place?.land ?? null,
        kreis_key: input.place && input.place.key.length >= 5 ? input.place.key.slice(0, 5) : null,
        age_band: ageBand(input.age),
        status: input.status,
        needs: JSON.stringify(input.needs),
        services: JSON.stringify(input.services.map((s) => ({ id: s.id, outcome: s.outcome, reasons: s.reasons.map(withoutExactAge) }))),
        offices: JSON.stringify(input.offices),
        lang: input.lang,
        rules_version: input.rulesVersion,
      };
      // a collision among 31^10 codes is all but impossible; if it happens, draw again
      for (let attempt = 0; attempt < 5; attempt++) {
        const code = generate();
        try {
          insert.run({ ...row, code });
          return fromRow(select.get(code, input.date) as Row);
        } catch (err) {
          if ((err as { code?: string }).code !== "SQLITE_CONSTRAINT_PRIMARYKEY") throw err;
        }
      }
      throw new Error("REFERRAL_CODE_COLLISION");
    },
    get(code, today) {
      const r = select.get(code, today) as Row | undefined;
      return r ? fromRow(r) : undefined;
    },
    advance,
    setState: (code, state, today) => advance(code, state, today)?.referral,
    delete(code) {
      db.prepare("DELETE FROM referrals WHERE code = ?").run(code);
    },
    linkTo(code, userKey) {
      link.run(userKey, code);
    },
    deleteFor(userKey) {
      return db.transaction(() => {
        const n = deleteOwned.run(userKey).changes;
        unlink.run(userKey);
        return n;
      })();
    },
    purgeExpired(today, limit = -1) {
      // the codes first, so each chunk also takes their owner rows and nothing scans the table
      return db.transaction(() => {
        const codes = expiredCodes.all(today, limit) as string[];
        for (const code of codes) {
          deleteExpired.run(code);
          deleteOwners.run(code);
        }
        return codes.length;
      })();
    },
    count() {
      return db.prepare("SELECT count(*) FROM referrals").pluck().get() as number;
    },
  };
}
