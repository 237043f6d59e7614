// The embedded SQLite database (better-sqlite3): one file at WEGWEISER_DB, WAL, migrations in code.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

export const DEFAULT_DB_PATH = "./data/wegweiser.db";

export function dbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEGWEISER_DB && env.WEGWEISER_DB.trim() !== "" ? env.WEGWEISER_DB : DEFAULT_DB_PATH;
}

/**
 * better-sqlite3 12 on Node 24 aborts the whole process ("Assertion failed: (env) != nullptr" in
 * node::RemoveEnvironmentCleanupHook, from ~Statement or ~Database) when one of its objects is
 * garbage-collected at an unlucky moment; version 13 fixes it but needs Node 22. So nothing of
 * theirs is ever collected: each SQL text is prepared once per database and kept, and every
 * database object is kept for the life of the process. The cache also saves re-preparing.
 * The same SQL text gives the same statement, in the mode (pluck) its first caller set: use
 * each SQL text in one place.
 */
const kept: Db[] = [];

function keepAlive(db: Db): Db {
  kept.push(db);
  const prepare = db.prepare.bind(db) as (source: string, ...rest: unknown[]) => Database.Statement;
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((source: string, ...rest: unknown[]) => {
    // better-sqlite3's own internal calls pass more arguments: leave those alone
    if (rest.length > 0) return prepare(source, ...rest);
    let statement = statements.get(source);
    if (!statement) {
      statement = prepare(source);
      statements.set(source, statement);
    }
    return statement;
  }) as Db["prepare"];
  return db;
}

/**
 * A PRAGMA through the statement cache: better-sqlite3's own db.pragma() makes a new statement
 * each call and drops it (see keepAlive). Returns the first column of the first row, if any.
 */
export function pragma(db: Db, source: string): unknown {
  const statement = db.prepare(`PRAGMA ${source}`);
  if (!statement.reader) {
    statement.run();
    return undefined;
  }
  const row = statement.get() as Record<string, unknown> | undefined;
  return row === undefined ? undefined : Object.values(row)[0];
}

/** A second, read-only connection (for checks from outside the writer), kept like the others. */
export function openDbReadonly(path: string): Db {
  return keepAlive(new Database(path, { readonly: true }));
}

/**
 * The database holds residence statuses (design §6): the file is created 0600 before SQLite opens
 * it (SQLite gives the WAL and shared-memory files the database file's mode), and files others
 * could read are tightened.
 */
function ownerOnly(path: string): void {
  closeSync(openSync(path, "a", 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      // group and others lose their bits; a file its owner made read-only stays read-only
      const mode = statSync(f).mode;
      if ((mode & 0o077) !== 0) chmodSync(f, mode & 0o700);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

/** The database at WEGWEISER_DB cannot be used; the message names the file and what to do, in one line. */
export class DatabaseOpenError extends Error {
  readonly code = "DATABASE_UNUSABLE";
}

function openError(path: string, err: unknown): DatabaseOpenError {
  const code = String((err as { code?: unknown })?.code ?? "");
  const why = code.startsWith("SQLITE_NOTADB")
    ? "not a SQLite database – does WEGWEISER_DB point at the right file?"
    : code.startsWith("SQLITE_CORRUPT")
      ? "the database is damaged – restore it from a backup or move it away to start afresh"
      : code.startsWith("SQLITE_READONLY") || ["EACCES", "EPERM", "EROFS"].includes(code)
        ? "read-only – Wegweiser needs to write its database; check the file's and the directory's permissions"
        : `cannot open the database (${code || (err as Error)?.name || "unknown"})`;
  return new DatabaseOpenError(`${path}: ${why}`, { cause: err });
}

/** Opens (and creates) the database and brings its schema up to date. `:memory:` works for tests. */
export function openDb(path: string = dbPath()): Db {
  try {
    return openWritable(path);
  } catch (err) {
    throw openError(path, err);
  }
}

function openWritable(path: string): Db {
  if (path !== ":memory:") {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    ownerOnly(path);
  }
  const db = keepAlive(new Database(path));
  // deleted rows are overwritten with zeros, not left readable in free pages (design §6)
  pragma(db, "secure_delete = ON");
  pragma(db, "journal_mode = WAL");
  pragma(db, "synchronous = NORMAL");
  pragma(db, "foreign_keys = ON");
  pragma(db, "busy_timeout = 5000");
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
