// Anonymous counts for the steering group: one event per finished conversation (month, Kreis,
// age band, status, needs, recommended services) – no user key, no referral code.
import type { Db } from "../store/db.js";
import { ageBand } from "../referrals/bands.js";

export const DIMENSIONS = ["month", "kreis", "land", "age", "status", "need", "service", "channel"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** cells below this are shown as "<5" (design §6) */
export const MIN_CELL = 5;

export interface StatsEvent {
  readonly date: string;
  readonly place: { readonly key: string; readonly land: string } | null;
  readonly age: number;
  readonly status: string;
  readonly needs: readonly string[];
  readonly services: readonly string[];
  readonly channel: string;
}

export interface StatsRow {
  readonly keys: Readonly<Record<string, string>>;
  readonly count: number;
}

export interface StatsQuery {
  /** YYYY-MM, inclusive */
  readonly from?: string;
  readonly to?: string;
  readonly by: readonly Dimension[];
  readonly kreis?: string;
  /** a Land code (NW, BY, …) */
  readonly land?: string;
}

export interface StatsStore {
  record(event: StatsEvent): void;
  count(query: StatsQuery): StatsRow[];
  total(): number;
}

// needs and services are lists: a person asking for two needs counts once under each
const COLUMN: Record<Dimension, string> = {
  month: "e.month",
  kreis: "coalesce(e.kreis_key, '-')",
  land: "coalesce(e.land_code, '-')",
  age: "e.age_band",
  status: "e.status",
  need: "coalesce(n.value, '-')",
  service: "coalesce(s.value, '-')",
  channel: "e.channel",
};

export function createStatsStore(db: Db): StatsStore {
  const insert = db.prepare(
    "INSERT INTO stats_events (month, land_code, kreis_key, age_band, status, needs, services, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  return {
    record(e) {
      insert.run(
        e.date.slice(0, 7),
        e.place?.land ?? null,
        e.place && e.place.key.length >= 5 ? e.place.key.slice(0, 5) : null,
        ageBand(e.age),
        e.status,
        JSON.stringify(e.needs),
        JSON.stringify(e.services),
        e.channel,
      );
    },
    count(q) {
      const by = q.by.length ? q.by : (["month"] as const);
      const joins = [
        by.includes("need") ? "LEFT JOIN json_each(e.needs) n" : "",
        by.includes("service") ? "LEFT JOIN json_each(e.services) s" : "",
      ].join(" ");
      const where: string[] = [];
      const args: Record<string, string> = {};
      const filters: [string | undefined, string, string][] = [
        [q.from, "from", "e.month >= @from"],
        [q.to, "to", "e.month <= @to"],
        [q.kreis, "kreis", "e.kreis_key = @kreis"],
        [q.land, "land", "e.land_code = @land"],
      ];
      for (const [value, name, clause] of filters) {
        if (value === undefined) continue;
        where.push(clause);
        args[name] = value;
      }
      const cols = by.map((d) => `${COLUMN[d]} AS "${d}"`).join(", ");
      const sql = `SELECT ${cols}, count(*) AS n FROM stats_events e ${joins} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
                   GROUP BY ${by.map((_, i) => i + 1).join(", ")} ORDER BY ${by.map((_, i) => i + 1).join(", ")}`;
      return (db.prepare(sql).all(args) as Record<string, string | number>[]).map((r) => ({
        keys: Object.fromEntries(by.map((d) => [d, String(r[d])])),
        count: Number(r.n),
      }));
    },
    total() {
      return db.prepare("SELECT count(*) FROM stats_events").pluck().get() as number;
    },
  };
}

/** "<5" for small cells: nobody can be picked out of a count of one or two. */
export function shown(count: number): string {
  return count < MIN_CELL ? `<${MIN_CELL}` : String(count);
}
