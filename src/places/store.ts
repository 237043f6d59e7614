// Places in SQLite: the bundled Länder and NRW Kreise, plus every Gemeinde and postcode once
// imported. Resolves what a person types – key, postcode, name – to candidate places.
import type { Db } from "../store/db.js";
import { foldKey, levenshtein, normaliseDigits } from "../text/fold.js";
import { LANDS, landByCode, landByKey } from "./lands.js";
import { NRW_KREISE } from "./nrw-kreise.js";
import type { PlaceRow, PostcodeRow } from "./import.js";
import type { LandCode, Place } from "./types.js";

export interface Candidate extends Place {
  readonly level: "land" | "kreis" | "gemeinde";
}

export type FindResult =
  | { readonly kind: "found"; readonly via: "key" | "land" | "postcode" | "name"; readonly candidates: readonly Candidate[] }
  | { readonly kind: "none"; readonly suggestions: readonly Candidate[] };

export interface PlaceCounts {
  readonly lands: number;
  readonly kreise: number;
  readonly gemeinden: number;
  readonly postcodes: number;
}

export interface PlaceStore {
  find(text: string, limit?: number): FindResult;
  get(key: string): Candidate | undefined;
  counts(): PlaceCounts;
  /** replaces all places (keeping the bundled ones) and their names, in one transaction */
  replacePlaces(rows: readonly PlaceRow[], origin: string): void;
  replacePostcodes(rows: readonly PostcodeRow[]): void;
}

const ENGLISH_LAND_NAMES: Partial<Record<LandCode, string[]>> = {
  NW: ["North Rhine-Westphalia", "NRW"],
  BY: ["Bavaria"],
  NI: ["Lower Saxony"],
  HE: ["Hesse"],
  RP: ["Rhineland-Palatinate"],
  MV: ["Mecklenburg-Western Pomerania"],
  SN: ["Saxony"],
  ST: ["Saxony-Anhalt"],
  TH: ["Thuringia"],
};

const TYPE_WORDS = /\b(kreisfreie\s+stadt|landkreis|kreis|städteregion|staedteregion|stadt|gemeinde|city|town|district)\b/giu;

/** The spellings under which a place can be found, folded. */
function searchNames(row: PlaceRow): string[] {
  const names = new Set<string>([foldKey(row.name), foldKey(row.officialName)]);
  const base = row.name.replace(/^(Kreis|Landkreis|Städteregion|Region|Regionalverband)\s+/u, "");
  names.add(foldKey(base));
  const stem = base.replace(/-?[Kk]reis$/u, "").trim();
  if (stem !== base && stem.length > 2) names.add(foldKey(stem));
  if (row.level === "land") for (const n of ENGLISH_LAND_NAMES[row.landCode] ?? []) names.add(foldKey(n));
  names.delete("");
  return [...names];
}

function bundledRows(): PlaceRow[] {
  const lands: PlaceRow[] = LANDS.map((l) => ({ key: l.key, level: "land", name: l.name, officialName: l.name, kind: "land", landCode: l.code, kreisKey: null, population: null }));
  const kreise: PlaceRow[] = NRW_KREISE.map((k) => ({ key: k.key, level: "kreis", name: k.name, officialName: k.name, kind: k.kind, landCode: "NW", kreisKey: null, population: null }));
  return [...lands, ...kreise];
}

interface DbPlace {
  key: string;
  level: "land" | "kreis" | "gemeinde";
  name: string;
  kind: string;
  land_code: LandCode;
  kreis_key: string | null;
  kreis_name: string | null;
  population: number | null;
}

export function createPlaceStore(db: Db): PlaceStore {
  const insertPlace = db.prepare(
    `INSERT INTO places (key, level, name, official_name, kind, land_code, kreis_key, population, origin)
     VALUES (@key, @level, @name, @officialName, @kind, @landCode, @kreisKey, @population, @origin)
     ON CONFLICT(key) DO UPDATE SET level = excluded.level, name = excluded.name, official_name = excluded.official_name,
       kind = excluded.kind, land_code = excluded.land_code, kreis_key = excluded.kreis_key, population = excluded.population, origin = excluded.origin`,
  );
  const insertName = db.prepare("INSERT OR IGNORE INTO place_names (folded, key) VALUES (?, ?)");
  const select = `SELECT p.key, p.level, p.name, p.kind, p.land_code, p.kreis_key, k.name AS kreis_name, p.population
                  FROM places p LEFT JOIN places k ON k.key = p.kreis_key`;
  const byKey = db.prepare(`${select} WHERE p.key = ?`);
  const byName = db.prepare(`${select} JOIN place_names n ON n.key = p.key WHERE n.folded = ?`);
  const byPostcode = db.prepare(`${select} JOIN postcodes z ON z.key = p.key WHERE z.plz = ?`);
  const byPrefix = db.prepare(`${select} JOIN place_names n ON n.key = p.key WHERE n.folded > ? AND n.folded < ? GROUP BY p.key ORDER BY p.population DESC LIMIT 40`);
  const allNames = db.prepare("SELECT DISTINCT folded FROM place_names");

  const keepPlace = db.prepare(
    `INSERT OR IGNORE INTO places (key, level, name, official_name, kind, land_code, kreis_key, population, origin)
     VALUES (@key, @level, @name, @officialName, @kind, @landCode, @kreisKey, @population, @origin)`,
  );
  const writeRows = (rows: readonly PlaceRow[], origin: string, overwrite: boolean) => {
    for (const row of rows) {
      const changed = (overwrite ? insertPlace : keepPlace).run({ ...row, origin }).changes;
      if (changed > 0) for (const n of searchNames(row)) insertName.run(n, row.key);
    }
  };

  // The bundled places are always there, so districts resolve before any import.
  db.transaction(() => writeRows(bundledRows(), "bundled", false))();

  let nameCache: string[] | null = null;

  const toCandidate = (r: DbPlace): Candidate => {
    const land = r.land_code;
    const base = { key: r.key, name: r.name, land, level: r.level };
    return r.kreis_key && r.kreis_name ? { ...base, kreis: { key: r.kreis_key, name: r.kreis_name } } : base;
  };
  const order = (a: DbPlace, b: DbPlace) => {
    const lv = { gemeinde: 0, kreis: 1, land: 2 };
    return lv[a.level] - lv[b.level] || (b.population ?? 0) - (a.population ?? 0) || a.key.localeCompare(b.key);
  };

  /** Berlin (Land, Kreis and Gemeinde) or Köln (Kreis and Gemeinde) are one place to a person: keep the innermost. */
  const collapse = (places: DbPlace[]): DbPlace[] =>
    places.filter((outer) => !places.some((inner) => inner !== outer && inner.key.length > outer.key.length && inner.key.startsWith(outer.key) && inner.name === outer.name));

  const findByName = (text: string): DbPlace[] => {
    const exact = byName.all(foldKey(text)) as DbPlace[];
    if (exact.length > 0) return exact;
    // "Kreis Heinsberg", "Stadt Aachen", "Heinsberg Kreis": the type word narrows the base name.
    const words = text.match(TYPE_WORDS)?.map((w) => w.toLowerCase()) ?? [];
    const base = text.replace(TYPE_WORDS, " ");
    if (words.length === 0 || foldKey(base) === "") return [];
    const found = byName.all(foldKey(base)) as DbPlace[];
    const wantsKreis = words.some((w) => /kreis|region|district/.test(w) && !/kreisfreie/.test(w));
    const wantsTown = words.some((w) => /stadt|city|town|gemeinde/.test(w));
    const narrowed = found.filter((p) =>
      wantsKreis ? p.level === "kreis" && p.kind === "kreis" : wantsTown ? p.level === "gemeinde" || p.kind === "kreisfreie_stadt" : true,
    );
    return narrowed.length > 0 ? narrowed : found;
  };

  const suggest = (text: string, limit: number): Candidate[] => {
    const key = foldKey(text);
    if (key.length < 2) return [];
    nameCache ??= allNames.pluck().all() as string[];
    const max = Math.max(1, Math.min(3, Math.floor(key.length / 4)));
    const close: { n: string; d: number }[] = [];
    for (const n of nameCache) {
      if (Math.abs(n.length - key.length) > max) continue;
      const d = levenshtein(key, n);
      if (d <= max) close.push({ n, d });
    }
    close.sort((a, b) => a.d - b.d);
    const out: DbPlace[] = [];
    for (const { n } of close) {
      for (const p of byName.all(n) as DbPlace[]) if (!out.some((o) => o.key === p.key)) out.push(p);
      if (out.length >= limit) break;
    }
    return out.sort(order).slice(0, limit).map(toCandidate);
  };

  return {
    find(text, limit = 12) {
      const value = normaliseDigits(text).trim();
      if (value === "") return { kind: "none", suggestions: [] };
      if (/^[A-Za-z]{2}$/.test(value)) {
        const land = landByCode(value);
        if (land) return { kind: "found", via: "land", candidates: [toCandidate(byKey.get(land.key) as DbPlace)] };
      }
      if (/^\d+$/.test(value)) {
        const found: DbPlace[] = [];
        if (/^\d{2}(\d{3}(\d{3})?)?$/.test(value)) {
          const p = byKey.get(value) as DbPlace | undefined;
          if (p) found.push(p);
        }
        if (/^\d{5}$/.test(value)) found.push(...(byPostcode.all(value) as DbPlace[]).sort(order));
        // every place of a postcode, however many: the person's own must be among them
        if (found.length > 0) return { kind: "found", via: found[0]!.key === value ? "key" : "postcode", candidates: found.map(toCandidate) };
        // An official key below the imported precision still names its Land and NRW Kreis.
        if (/^\d{8}$/.test(value) && landByKey(value)) {
          const kreis = byKey.get(value.slice(0, 5)) as DbPlace | undefined;
          const land = byKey.get(value.slice(0, 2)) as DbPlace;
          const parent = kreis ?? land;
          return {
            kind: "found",
            via: "key",
            candidates: [{ key: value, name: `${value} (${parent.name})`, land: parent.land_code, level: "gemeinde", ...(kreis ? { kreis: { key: kreis.key, name: kreis.name } } : {}) }],
          };
        }
        return { kind: "none", suggestions: [] };
      }
      const found = collapse(findByName(value)).sort(order);
      if (found.length > 0) return { kind: "found", via: "name", candidates: found.slice(0, limit).map(toCandidate) };
      // "Frankfurt", "Neustadt": the start of longer official names
      const key = foldKey(value);
      if (key.length >= 4) {
        const started = collapse(byPrefix.all(key, `${key}\uffff`) as DbPlace[]);
        if (started.length > 0) return { kind: "found", via: "name", candidates: started.slice(0, limit).map(toCandidate) };
      }
      return { kind: "none", suggestions: suggest(value, 5) };
    },
    get(key) {
      const p = byKey.get(key) as DbPlace | undefined;
      return p ? toCandidate(p) : undefined;
    },
    counts() {
      const count = (level: string) => db.prepare("SELECT count(*) FROM places WHERE level = ?").pluck().get(level) as number;
      return {
        lands: count("land"),
        kreise: count("kreis"),
        gemeinden: count("gemeinde"),
        postcodes: db.prepare("SELECT count(DISTINCT plz) FROM postcodes").pluck().get() as number,
      };
    },
    replacePlaces(rows, origin) {
      db.transaction(() => {
        db.exec("DELETE FROM place_names; DELETE FROM places;");
        writeRows(rows, origin, true);
        writeRows(bundledRows(), "bundled", false);
      })();
      nameCache = null;
    },
    replacePostcodes(rows) {
      const insert = db.prepare("INSERT OR IGNORE INTO postcodes (plz, key) VALUES (?, ?)");
      db.transaction(() => {
        db.exec("DELETE FROM postcodes");
        for (const r of rows) insert.run(r.plz, r.key);
      })();
    },
  };
}

/** Where candidates nest (Stadt Aachen inside Städteregion Aachen), the most specific one stands for all. */
export function singleCandidate(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 1) return candidates[0];
  const sorted = [...candidates].sort((a, b) => b.key.length - a.key.length);
  const best = sorted[0]!;
  return sorted.every((c) => best.key.startsWith(c.key)) ? best : undefined;
}
