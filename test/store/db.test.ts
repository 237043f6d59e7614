// The database opens with WAL and foreign keys, and migrations run once.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, openDb } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { tempDir } from "../helpers.js";

describe("the database", () => {
  it("is a WAL file with foreign keys on and every migration applied", () => {
    const db = openDb(join(tempDir(), "a", "b", "w.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.prepare("SELECT id FROM schema_migrations ORDER BY id").pluck().all()).toEqual(MIGRATIONS.map((m) => m.id));
    db.close();
  });

  it("applies nothing twice", () => {
    const path = join(tempDir(), "w.db");
    openDb(path).close();
    const db = openDb(path);
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});
