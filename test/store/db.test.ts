// The database opens with WAL and foreign keys, and migrations run once.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { migrate, openDb, pragma } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { ROOT, tempDir } from "../helpers.js";

describe("the database", () => {
  it("is a WAL file with foreign keys on and every migration applied", () => {
    const db = openDb(join(tempDir(), "a", "b", "w.db"));
    expect(pragma(db, "journal_mode")).toBe("wal");
    expect(pragma(db, "foreign_keys")).toBe(1);
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

describe("statements", () => {
  it("are prepared once per SQL text and kept", () => {
    const db = openDb(":memory:");
    expect(db.prepare("SELECT 1")).toBe(db.prepare("SELECT 1"));
    expect(db.prepare("SELECT 1")).not.toBe(db.prepare("SELECT 2"));
  });

  it("never abort the process when many are made and dropped during transactions (Node 24 + better-sqlite3 12)", () => {
    // Without keeping them, Node 24 aborts with "Assertion failed: (env) != nullptr" from ~Statement.
    const script = `
      import { openDb } from ${JSON.stringify(pathToFileURL(join(ROOT, "src/store/db.ts")).href.replace(/\.ts$/, ".js").replace("/src/", "/dist/src/"))};
      const db = openDb(":memory:");
      db.exec("CREATE TABLE t (x PRIMARY KEY, y)");
      for (let k = 0; k < 300; k++) {
        db.transaction(() => {
          for (let i = 0; i < 40; i++) db.prepare("SELECT * FROM t WHERE x = " + (k * 40 + i)).get();
          for (let i = 0; i < 40; i++) db.prepare("INSERT OR IGNORE INTO t VALUES (?, ?)").run(k * 40 + i, "x".repeat(40));
        })();
      }
      console.log("done");
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).not.toContain("Assertion failed");
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("done");
  });
});
