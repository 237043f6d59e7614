// Sessions: pseudonymous keys, 30-day expiry, immediate deletion, the secret kept with mode 0600.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { loadSecret, secretPath } from "../../src/store/secret.js";
import { createSessionStore, SESSION_TTL_MS } from "../../src/store/sessions.js";
import { tempDir } from "../helpers.js";

describe("the secret", () => {
  it("is created once beside the database with mode 0600 and reused", () => {
    const db = join(tempDir(), "w.db");
    const a = loadSecret(db, {});
    const mode = statSync(secretPath(db)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(loadSecret(db, {}).equals(a)).toBe(true);
    expect(readFileSync(secretPath(db), "utf8").trim()).toHaveLength(64);
  });

  it("comes from WEGWEISER_SECRET when set, and then no file is written", () => {
    const db = join(tempDir(), "w.db");
    expect(loadSecret(db, { WEGWEISER_SECRET: "x".repeat(40) }).toString()).toBe("x".repeat(40));
    expect(() => statSync(secretPath(db))).toThrow();
  });
});

describe("sessions", () => {
  it("are keyed by an HMAC that differs per channel and secret and does not contain the id", () => {
    const db = openDb(":memory:");
    const s = createSessionStore(db, Buffer.alloc(32, 1));
    const k = s.userKey("telegram", 123456789);
    expect(k).toBe(s.userKey("telegram", "123456789"));
    expect(k).not.toContain("123456789");
    expect(k).not.toBe(s.userKey("console", 123456789));
    expect(k).not.toBe(createSessionStore(db, Buffer.alloc(32, 2)).userKey("telegram", 123456789));
  });

  it("expire after 30 days without activity", () => {
    let now = 1_700_000_000_000;
    const db = openDb(":memory:");
    const s = createSessionStore(db, Buffer.alloc(32, 1), () => now);
    s.save("a", { step: "age" });
    s.save("b", { step: "age" });
    now += SESSION_TTL_MS - 1000;
    s.save("b", { step: "status" });
    now += 2000;
    expect(s.load("a")).toBeUndefined();
    expect(s.load("b")).toEqual({ step: "status" });
    expect(s.purgeExpired()).toBe(1);
    expect(s.count()).toBe(1);
  });

  it("delete erases the user's rows at once", () => {
    const db = openDb(":memory:");
    const s = createSessionStore(db, Buffer.alloc(32, 1));
    s.save("a", { step: "age" });
    s.save("b", { step: "age" });
    s.deleteUser("a");
    expect(s.load("a")).toBeUndefined();
    expect(s.load("b")).toBeDefined();
  });
});
