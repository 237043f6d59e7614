// Places in SQLite: every Land, Kreis, Gemeinde and postcode, from the bundle on first use or
// from an operator's import. Resolves what a person types – key, postcode, name – to candidate places.
import type { Db } from "../store/db.js";
import { foldKey, normaliseDigits } from "../text/fold.js";
import { bundleHash, bundleFile, readPlacesBundle } from "./bundle.js";
import { NAMES_VERSION, searchNames } from "./names.js";
import { createNameIndex, type NameIndex } from "./suggest.js";
import { LANDS, landByCode, landByKey } from "./lands.js";
import { NRW_KREISE } from "./nrw-kreise.js";
import type { PlaceRow, PostcodeRow } from "./gv-record.js";
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
  /** an operator's import: replaces all places (keeping the 16 Länder) and their names, in one transaction; kept over the bundle from then on */
  replacePlaces(rows: readonly PlaceRow[], origin: string): void;
  /** an operator's import of postcodes, kept over the bundle from then on */
  replacePostcodes(rows: readonly PostcodeRow[], origin?: string): void;
  /** where the places and the postcodes in the database come from: `bundle:HASH` or `import:FILE` */
  origins(): { readonly places: string | null; readonly postcodes: string | null };
}

export interface PlaceStoreOptions {
  /** the bundled places (default geo/places.tsv.gz); null: none (the Länder and NRW Kreise only) */
  readonly bundle?: string | null;
}

const TYPE_WORDS = /\b(kreisfreie\s+stadt|landkreis|kreis|städteregion|staedteregion|stadt|gemeinde|city|town|district)\b/giu;

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

interface DbPlaceRow {
  key: string;
  level: "land" | "kreis" | "gemeinde";
  name: string;
  official_name: string;
  land_code: LandCode;
}

export function createPlaceStore(db: Db, options: PlaceStoreOptions = {}): PlaceStore {
  const bundlePath = options.bundle === undefined ? bundleFile() : options.bundle;
  const insertPlace = db.prepare(
    `INSERT INTO places (key, level, name, official_name, kind, land_code, kreis_key, population, origin)
     VALUES (@key, @level, @name, @officialName, @kind, @landCode, @kreisKey, @population, @origin)
     ON CONFLICT(key) DO UPDATE SET level = excluded.level, name = excluded.name, official_name = excluded.official_name,
       kind = excluded.kind, land_code = excluded.land_code, kreis_key = excluded.kreis_key, population = excluded.population, origin = excluded.origin`,
  );
  const insertName = db.prepare("INSERT OR IGNORE INTO place_names (folded, key) VALUES (?, ?)");
  const insertPostcode = db.prepare("INSERT OR IGNORE INTO postcodes (plz, key) VALUES (?, ?)");
  const select = `SELECT p.key, p.level, p.name, p.kind, p.land_code, p.kreis_key, k.name AS kreis_name, p.population
                  FROM places p LEFT JOIN places k ON k.key = p.kreis_key`;
  const byKey = db.prepare(`${select} WHERE p.key = ?`);
  const byName = db.prepare(`${select} JOIN place_names n ON n.key = p.key WHERE n.folded = ?`);
  const byNames = db.prepare(`SELECT p.key, p.level, p.name, p.kind, p.land_code, p.kreis_key, k.name AS kreis_name, p.population, n.folded
                              FROM json_each(?) j JOIN place_names n ON n.folded = j.value JOIN places p ON p.key = n.key LEFT JOIN places k ON k.key = p.kreis_key`);
  const byPostcode = db.prepare(`${select} JOIN postcodes z ON z.key = p.key WHERE z.plz = ?`);
  const byPrefix = db.prepare(`${select} JOIN place_names n ON n.key = p.key WHERE n.folded > ? AND n.folded < ? GROUP BY p.key ORDER BY p.population DESC LIMIT 40`);
  const allNames = db.prepare("SELECT DISTINCT folded FROM place_names");
  const allPlaces = db.prepare("SELECT key, level, name, official_name, land_code FROM places");
  const readMeta = db.prepare("SELECT value FROM meta WHERE key = ?").pluck();
  const writeMeta = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const anyGemeinde = db.prepare("SELECT 1 FROM places WHERE level = 'gemeinde' LIMIT 1").pluck();
  const anyPostcode = db.prepare("SELECT 1 FROM postcodes LIMIT 1").pluck();
  // a Kreis or Land is as large as its Gemeinden: choices are ranked by population
  const sumKreise = db.prepare(
    "UPDATE places SET population = (SELECT sum(g.population) FROM places g WHERE g.kreis_key = places.key AND g.level = 'gemeinde') WHERE level = 'kreis'",
  );
  const sumLands = db.prepare(
    "UPDATE places SET population = (SELECT sum(k.population) FROM places k WHERE k.level = 'kreis' AND substr(k.key, 1, 2) = places.key) WHERE level = 'land'",
  );

  const meta = (key: string) => (readMeta.get(key) as string | undefined) ?? null;
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
  const insertNew = db.prepare(
    "INSERT INTO places (key, level, name, official_name, kind, land_code, kreis_key, population, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  /** into empty tables, in key order, the names sorted: the quickest way SQLite takes them */
  const writeNew = (rows: readonly PlaceRow[], origin: string) => {
    const names: [string, string][] = [];
    for (const r of [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      insertNew.run(r.key, r.level, r.name, r.officialName, r.kind, r.landCode, r.kreisKey, r.population, origin);
      for (const n of searchNames(r)) names.push([n, r.key]);
    }
    names.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    for (const [n, key] of names) insertName.run(n, key);
  };

  let nameIndex: NameIndex | null = null;

  /** All places anew (the 16 Länder and the NRW Kreise always stay), in the caller's transaction. */
  const writePlaces = (rows: readonly PlaceRow[], origin: string, tag: string) => {
    db.exec("DELETE FROM place_names; DELETE FROM places;");
    writeNew(rows, origin);
    writeRows(bundledRows(), "bundled", false);
    sumKreise.run();
    sumLands.run();
    writeMeta.run("places_origin", tag);
    writeMeta.run("place_names_version", NAMES_VERSION);
    nameIndex = null;
  };
  const writePostcodes = (rows: readonly PostcodeRow[], tag: string) => {
    db.exec("DELETE FROM postcodes");
    const sorted = [...rows].sort((a, b) => (a.plz < b.plz ? -1 : a.plz > b.plz ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const r of sorted) insertPostcode.run(r.plz, r.key);
    writeMeta.run("postcodes_origin", tag);
  };
  /** Names found under a newer derivation, for places an operator imported with an older version. */
  const reindexNames = () => {
    db.exec("DELETE FROM place_names");
    for (const p of allPlaces.all() as DbPlaceRow[]) {
      for (const n of searchNames({ level: p.level, name: p.name, officialName: p.official_name, landCode: p.land_code })) insertName.run(n, p.key);
    }
    sumKreise.run();
    sumLands.run();
    writeMeta.run("place_names_version", NAMES_VERSION);
    nameIndex = null;
  };

  /**
   * On first use: the bundle goes into the database unless an operator's import is there. A
   * newer bundle replaces an older one; an import is never replaced by a bundle.
   */
  let loaded = false;
  const ensureLoaded = () => {
    if (loaded) return;
    const hash = bundlePath ? bundleHash(bundlePath) : "none";
    const tag = `bundle:${hash}`;
    const stale = (origin: string | null) => origin === null || (origin.startsWith("bundle:") && origin !== tag);
    if (!stale(meta("places_origin")) && !stale(meta("postcodes_origin")) && meta("place_names_version") === NAMES_VERSION) {
      loaded = true;
      return;
    }
    db.transaction(() => {
      // a database from before the bundle holds an import, or nothing beyond the Länder
      if (meta("places_origin") === null && anyGemeinde.get()) writeMeta.run("places_origin", "import:earlier");
      if (meta("postcodes_origin") === null && anyPostcode.get()) writeMeta.run("postcodes_origin", "import:earlier");
      const placesStale = stale(meta("places_origin"));
      const postcodesStale = stale(meta("postcodes_origin"));
      const bundle = bundlePath && (placesStale || postcodesStale) ? readPlacesBundle(bundlePath) : null;
      if (placesStale) writePlaces(bundle?.places ?? [], "bundle", tag);
      if (postcodesStale) writePostcodes(bundle?.postcodes ?? [], tag);
      if (meta("place_names_version") !== NAMES_VERSION) reindexNames();
    }).immediate();
    loaded = true;
  };

  const toCandidate = (r: DbPlace): Candidate => {
    const land = r.land_code;
    const base = { key: r.key, name: r.name, land, level: r.level };
    return r.kreis_key && r.kreis_name ? { ...base, kreis: { key: r.kreis_key, name: r.kreis_name } } : base;
  };
  const level = { gemeinde: 0, kreis: 1, land: 2 };
  /** most inhabitants first; a Kreis counts all its Gemeinden */
  const order = (a: DbPlace, b: DbPlace) => (b.population ?? 0) - (a.population ?? 0) || level[a.level] - level[b.level] || a.key.localeCompare(b.key);

  /**
   * One choice per place a person means. The same place found twice counts once. A Kreis is left
   * out when a town inside it also matched: the question asks for the town, "Aachen" is Stadt
   * Aachen (whose offices include the Städteregion's), and the Kreis is found by its full name
   * ("Städteregion Aachen", "Kreis Heinsberg"). A Land stays unless a place inside has its very
   * name (Berlin, Hamburg, Bremen).
   */
  const collapse = (found: DbPlace[]): DbPlace[] => {
    const unique = [...new Map(found.map((p) => [p.key, p])).values()];
    return unique.filter((outer) =>
      outer.level === "kreis"
        ? !unique.some((inner) => inner.level === "gemeinde" && inner.key.startsWith(outer.key))
        : outer.level === "land"
          ? !unique.some((inner) => inner !== outer && inner.key.startsWith(outer.key) && inner.name === outer.name)
          : true,
    );
  };

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

  /** close names from the trigram index, nearest first, then the larger place */
  const suggest = (text: string, limit: number): Candidate[] => {
    const key = foldKey(text);
    if (key.length < 2) return [];
    nameIndex ??= createNameIndex(allNames.pluck().all() as string[]);
    const close = nameIndex.close(key).slice(0, limit * 4);
    if (close.length === 0) return [];
    const byFolded = new Map(close.map((c) => [c.name, c.distance]));
    // one query for all close names; a place found under two of them counts at the nearer
    const distance = new Map<string, number>();
    const found: DbPlace[] = [];
    for (const p of byNames.all(JSON.stringify(close.map((c) => c.name))) as (DbPlace & { folded: string })[]) {
      const d = byFolded.get(p.folded)!;
      const before = distance.get(p.key);
      if (before === undefined) found.push(p);
      if (before === undefined || d < before) distance.set(p.key, d);
    }
    return collapse(found)
      .sort((a, b) => distance.get(a.key)! - distance.get(b.key)! || order(a, b))
      .slice(0, limit)
      .map(toCandidate);
  };

  return {
    find(text, limit = 12) {
      ensureLoaded();
      const value = normaliseDigits(text).trim();
      if (value === "") return { kind: "none", suggestions: [] };
      if (/^[A-Za-z]{2}$/.test(value)) {
        const land = landByCode(value);
        if (land) return { kind: "found", via: "land", candidates: [toCandidate(byKey.get(land.key) as DbPlace)] };
      }
      // "PLZ 06632", "AGS 06632": five digits can be a postcode and a Kreis key at once
      const marked = /^(?:(plz|postleitzahl|postcode)|ags|key|schl(?:ü|ue)ssel)\s*:?\s*(\d+)$/iu.exec(value);
      const digits = marked ? marked[2]! : /^\d+$/.test(value) ? value : null;
      if (digits !== null) {
        const asKey = !marked || !marked[1];
        const asPostcode = !marked || Boolean(marked[1]);
        // every place of a postcode, however many: the person's own must be among them
        const found: DbPlace[] = asPostcode && /^\d{5}$/.test(digits) ? (byPostcode.all(digits) as DbPlace[]).sort(order) : [];
        const via = found.length > 0 ? "postcode" : "key";
        if (asKey && /^\d{2}(\d{3}(\d{3})?)?$/.test(digits)) {
          const p = byKey.get(digits) as DbPlace | undefined;
          if (p) found.push(p);
        }
        if (found.length > 0) return { kind: "found", via, candidates: found.map(toCandidate) };
        const value = digits;
        // An official key below the imported precision still names its Land and Kreis.
        if (asKey && /^\d{8}$/.test(value) && landByKey(value)) {
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
      // "Mönchen", "Rheda": the start of longer official names
      const key = foldKey(value);
      if (key.length >= 4) {
        const started = collapse(byPrefix.all(key, `${key}\uffff`) as DbPlace[]).sort(order);
        if (started.length > 0) return { kind: "found", via: "name", candidates: started.slice(0, limit).map(toCandidate) };
      }
      return { kind: "none", suggestions: suggest(value, 5) };
    },
    get(key) {
      ensureLoaded();
      const p = byKey.get(key) as DbPlace | undefined;
      return p ? toCandidate(p) : undefined;
    },
    counts() {
      ensureLoaded();
      const count = (level: string) => db.prepare("SELECT count(*) FROM places WHERE level = ?").pluck().get(level) as number;
      return {
        lands: count("land"),
        kreise: count("kreis"),
        gemeinden: count("gemeinde"),
        postcodes: db.prepare("SELECT count(DISTINCT plz) FROM postcodes").pluck().get() as number,
      };
    },
    origins() {
      ensureLoaded();
      return { places: meta("places_origin"), postcodes: meta("postcodes_origin") };
    },
    replacePlaces(rows, origin) {
      db.transaction(() => writePlaces(rows, origin, `import:${origin}`))();
    },
    replacePostcodes(rows, origin = "postcodes") {
      db.transaction(() => writePostcodes(rows, `import:${origin}`))();
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
