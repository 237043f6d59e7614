// The directory in SQLite: bundled entries (national online services, NRW KI/KIM and
// Jugendämter) plus what a Kreis imports. Finds the offices that serve a place, most
// specific first.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../store/db.js";
import { getMeta, setMeta } from "../store/db.js";
import type { ServiceId } from "../rules/vocabulary.js";
import { readDirectory } from "./formats.js";
import { compact } from "../lib/compact.js";
import { formatDirectoryProblem, type MatchLevel, type Office, type OfficeMatch } from "./types.js";

export interface DirectoryStore {
  /** offices of one kind covering the place (or nationwide), valid on the date, most specific first */
  officesFor(kind: ServiceId, placeKey: string | null, date: string): OfficeMatch[];
  /** the services with at least one office covering the place itself (not only nationwide) */
  locallyOffered(placeKey: string | null, date: string): Set<ServiceId>;
  list(filter?: { kind?: string; area?: string; origin?: string }): Office[];
  /** writes all offices in one transaction; with `replace`, removes the earlier imports first */
  importOffices(offices: readonly Office[], origin: string, options?: { replace?: boolean }): { inserted: number; updated: number };
  count(): number;
}

interface OfficeRow {
  id: string;
  kind: ServiceId;
  name: string;
  provider: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  web: string | null;
  hours: string | null;
  online: number;
  valid_from: string | null;
  valid_until: string | null;
  last_verified: string | null;
  source: string;
  note: string | null;
  hsds_service_id: string | null;
  hsds_organization_id: string | null;
}

/** The prefixes of an official key that an office area can name: 05370016 → 05, 05370, 05370016. */
export function areaKeys(placeKey: string | null): string[] {
  if (!placeKey) return ["DE"];
  const keys = ["DE", placeKey.slice(0, 2)];
  if (placeKey.length >= 5) keys.push(placeKey.slice(0, 5));
  if (placeKey.length >= 8) keys.push(placeKey.slice(0, 8));
  return keys;
}

function levelOf(area: string): MatchLevel {
  return area === "DE" ? "national" : area.length === 2 ? "land" : area.length === 5 ? "kreis" : "gemeinde";
}

export function createDirectoryStore(db: Db): DirectoryStore {
  const upsert = db.prepare(
    `INSERT INTO offices (id, kind, name, provider, address, postcode, city, phone, email, web, hours, online, valid_from, valid_until, last_verified, source, note, origin, hsds_service_id, hsds_organization_id)
     VALUES (@id, @kind, @name, @provider, @address, @postcode, @city, @phone, @email, @web, @hours, @online, @valid_from, @valid_until, @last_verified, @source, @note, @origin, @hsds_service_id, @hsds_organization_id)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, provider = excluded.provider, address = excluded.address,
       postcode = excluded.postcode, city = excluded.city, phone = excluded.phone, email = excluded.email, web = excluded.web, hours = excluded.hours,
       online = excluded.online, valid_from = excluded.valid_from, valid_until = excluded.valid_until, last_verified = excluded.last_verified,
       source = excluded.source, note = excluded.note, origin = excluded.origin,
       hsds_service_id = excluded.hsds_service_id, hsds_organization_id = excluded.hsds_organization_id`,
  );
  const exists = db.prepare("SELECT 1 FROM offices WHERE id = ?").pluck();
  const clearChildren = [
    db.prepare("DELETE FROM office_areas WHERE office_id = ?"),
    db.prepare("DELETE FROM office_languages WHERE office_id = ?"),
    db.prepare("DELETE FROM office_translations WHERE office_id = ?"),
  ];
  const insertArea = db.prepare("INSERT OR IGNORE INTO office_areas (office_id, area) VALUES (?, ?)");
  const insertLang = db.prepare("INSERT OR IGNORE INTO office_languages (office_id, lang, pos) VALUES (?, ?, ?)");
  const insertTranslation = db.prepare("INSERT OR REPLACE INTO office_translations (office_id, lang, field, value) VALUES (?, ?, ?, ?)");
  const areasOf = db.prepare("SELECT area FROM office_areas WHERE office_id = ? ORDER BY area").pluck();
  const langsOf = db.prepare("SELECT lang FROM office_languages WHERE office_id = ? ORDER BY pos").pluck();
  const translationsOf = db.prepare("SELECT lang, field, value FROM office_translations WHERE office_id = ?");
  const valid = "(o.valid_from IS NULL OR o.valid_from <= @date) AND (o.valid_until IS NULL OR o.valid_until >= @date)";
  const matching = db.prepare(
    `SELECT o.*, a.area FROM office_areas a JOIN offices o ON o.id = a.office_id
     WHERE o.kind = @kind AND a.area IN (@k0, @k1, @k2, @k3) AND ${valid}`,
  );
  const offered = db.prepare(
    `SELECT DISTINCT o.kind FROM office_areas a JOIN offices o ON o.id = a.office_id
     WHERE a.area IN (@k1, @k2, @k3) AND ${valid}`,
  );

  const toOffice = (r: OfficeRow): Office => {
    const translations: Record<string, Record<string, string>> = {};
    for (const t of translationsOf.all(r.id) as { lang: string; field: string; value: string }[]) (translations[t.lang] ??= {})[t.field] = t.value;
    return compact({
      id: r.id,
      kind: r.kind,
      name: r.name,
      provider: r.provider ?? undefined,
      address: r.address ?? undefined,
      postcode: r.postcode ?? undefined,
      city: r.city ?? undefined,
      phone: r.phone ?? undefined,
      email: r.email ?? undefined,
      web: r.web ?? undefined,
      languages: langsOf.all(r.id) as string[],
      hours: r.hours ?? undefined,
      online: r.online === 1,
      areas: areasOf.all(r.id) as string[],
      validFrom: r.valid_from ?? undefined,
      validUntil: r.valid_until ?? undefined,
      lastVerified: r.last_verified ?? undefined,
      source: r.source,
      note: r.note ?? undefined,
      hsdsServiceId: r.hsds_service_id ?? undefined,
      hsdsOrganizationId: r.hsds_organization_id ?? undefined,
      translations: Object.keys(translations).length ? translations : undefined,
    });
  };

  const params = (placeKey: string | null, date: string) => {
    const keys = areaKeys(placeKey);
    // unused slots get a value no area can have
    return { k0: keys[0], k1: keys[1] ?? "-", k2: keys[2] ?? "-", k3: keys[3] ?? "-", date };
  };

  const write = (offices: readonly Office[], origin: string) => {
    let inserted = 0;
    let updated = 0;
    for (const o of offices) {
      if (exists.get(o.id)) updated++;
      else inserted++;
      upsert.run({
        id: o.id, kind: o.kind, name: o.name, provider: o.provider ?? null, address: o.address ?? null, postcode: o.postcode ?? null,
        city: o.city ?? null, phone: o.phone ?? null, email: o.email ?? null, web: o.web ?? null, hours: o.hours ?? null,
        online: o.online ? 1 : 0, valid_from: o.validFrom ?? null, valid_until: o.validUntil ?? null, last_verified: o.lastVerified ?? null,
        source: o.source, note: o.note ?? null, origin, hsds_service_id: o.hsdsServiceId ?? null, hsds_organization_id: o.hsdsOrganizationId ?? null,
      });
      for (const c of clearChildren) c.run(o.id);
      for (const a of o.areas) insertArea.run(o.id, a);
      o.languages.forEach((l, i) => insertLang.run(o.id, l, i));
      for (const [lang, fields] of Object.entries(o.translations ?? {})) {
        for (const [field, value] of Object.entries(fields)) if (value) insertTranslation.run(o.id, lang, field, value);
      }
    }
    return { inserted, updated };
  };

  return {
    officesFor(kind, placeKey, date) {
      const rows = matching.all({ kind, ...params(placeKey, date) }) as (OfficeRow & { area: string })[];
      const best = new Map<string, OfficeRow & { area: string }>();
      for (const r of rows) {
        const prev = best.get(r.id);
        if (!prev || r.area.length > prev.area.length || (prev.area === "DE" && r.area !== "DE")) best.set(r.id, r);
      }
      const spec = (a: string) => (a === "DE" ? 0 : a.length);
      return [...best.values()]
        .sort((a, b) => spec(b.area) - spec(a.area) || a.online - b.online || a.name.localeCompare(b.name, "de"))
        .map((r) => ({ office: toOffice(r), level: levelOf(r.area), area: r.area }));
    },
    locallyOffered(placeKey, date) {
      if (!placeKey) return new Set();
      return new Set((offered.all(params(placeKey, date)) as { kind: ServiceId }[]).map((r) => r.kind));
    },
    list(filter = {}) {
      const where: string[] = [];
      const args: Record<string, string> = {};
      if (filter.kind) {
        where.push("o.kind = @kind");
        args.kind = filter.kind;
      }
      if (filter.origin) {
        where.push("o.origin = @origin");
        args.origin = filter.origin;
      }
      if (filter.area) {
        where.push("o.id IN (SELECT office_id FROM office_areas WHERE area = @area)");
        args.area = filter.area;
      }
      const rows = db.prepare(`SELECT o.* FROM offices o ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY o.kind, o.id`).all(args) as OfficeRow[];
      return rows.map(toOffice);
    },
    importOffices(offices, origin, options = {}) {
      return db.transaction(() => {
        if (options.replace) db.prepare("DELETE FROM offices WHERE origin != 'bundled'").run();
        return write(offices, origin);
      })();
    },
    count() {
      return db.prepare("SELECT count(*) FROM offices").pluck().get() as number;
    },
  };
}

/** Loads directory/*.yaml into the database when it changed since the last start. */
export function loadBundledDirectory(db: Db, dir: string, options: { force?: boolean } = {}): { loaded: boolean; offices: number } {
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
  const texts = files.map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
  const hash = createHash("sha256");
  for (const t of texts) hash.update(t.file).update(t.text);
  const digest = hash.digest("hex");
  if (!options.force && getMeta(db, "bundled_directory") === digest) return { loaded: false, offices: 0 };
  const offices: Office[] = [];
  const problems: string[] = [];
  for (const t of texts) {
    const r = readDirectory(`directory/${t.file}`, t.text, "yaml");
    offices.push(...r.offices);
    problems.push(...r.problems.map(formatDirectoryProblem));
  }
  if (problems.length) throw new Error(`bundled directory is broken:\n${problems.join("\n")}`);
  return db.transaction(() => {
    db.prepare("DELETE FROM offices WHERE origin = 'bundled'").run();
    // An operator's own entry under a bundled id (e.g. a KI with its address) wins.
    const taken = new Set(db.prepare("SELECT id FROM offices WHERE origin != 'bundled'").pluck().all() as string[]);
    const fresh = offices.filter((o) => !taken.has(o.id));
    createDirectoryStore(db).importOffices(fresh, "bundled");
    setMeta(db, "bundled_directory", digest);
    return { loaded: true, offices: fresh.length };
  })();
}
