// The embedded SQLite database (better-sqlite3): one file at WEGWEISER_DB, WAL, migrations in code.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

export const DEFAULT_DB_PATH = "./data/wegweiser.db";

export function dbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEGWEISER_DB && env.WEGWEISER_DB.trim() !== "" ? env.WEGWEISER_DB : DEFAULT_DB_PATH;
}

/** Opens (and creates) the database and brings its schema up to date. `:memory:` works for tests. */
export function openDb(path: string = dbPath()): Db {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

export function migrate(db: Db): string[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  const done = new Set(db.prepare("SELECT id FROM schema_migrations").pluck().all() as string[]);
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)").run(m.id, new Date().toISOString());
    })();
    applied.push(m.id);
  }
  return applied;
}

/** Key-value settings kept in the database (e.g. the hash of the bundled data last loaded). */
export function getMeta(db: Db, key: string): string | undefined {
  return db.prepare("SELECT value FROM meta WHERE key = ?").pluck().get(key) as string | undefined;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
}
