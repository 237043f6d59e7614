// Referral codes and records: format, uniqueness, nothing personal, lifecycle, 90-day expiry,
// the slip from a conversation and the command line.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { createConversation } from "../../src/conversation.js";
import type { DialogueInput } from "../../src/dialogue/types.js";
import { CODE_ALPHABET, CODE_BITS, formatCode, newCode, normaliseCode } from "../../src/referrals/code.js";
import { addDays, createReferralStore } from "../../src/referrals/store.js";
import { openDb } from "../../src/store/db.js";
import { wegweiser } from "../cli/run.js";
import { tempDir, testApp } from "../helpers.js";

describe("referral codes", () => {
  it("have 10 characters without look-alikes and at least 40 bits", () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(40);
    for (const ch of "01OIL") expect(CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 1000; i++) expect(newCode()).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
  });

  it("do not repeat in 200,000 draws", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(newCode());
    expect(seen.size).toBe(200_000);
  });

  it("are read back however they are typed", () => {
    expect(normaliseCode(" abcde-fghjk ")).toBe("ABCDEFGHJK");
    expect(normaliseCode("ABCDE FGHJK")).toBe("ABCDEFGHJK");
    expect(normaliseCode("ABCDE-FGHJ0")).toBeUndefined();
    expect(normaliseCode("ABC")).toBeUndefined();
    expect(formatCode("ABCDEFGHJK")).toBe("ABCDE-FGHJK");
  });

  it("are drawn again on the (all but impossible) collision", () => {
    const db = openDb(":memory:");
    const codes = ["AAAAAAAAAA", "AAAAAAAAAA", "BBBBBBBBBB"];
    const store = createReferralStore(db, () => codes.shift()!);
    const base = { date: "2026-11-21", age: 30, status: "schutz", needs: [], place: null, services: [], offices: [], lang: "de", rulesVersion: "v" };
    expect(store.create(base).code).toBe("AAAAAAAAAA");
    expect(store.create(base).code).toBe("BBBBBBBBBB");
  });
});

describe("referral records", () => {
  const db = openDb(":memory:");
  const store = createReferralStore(db);
  const r = store.create({
    date: "2026-11-21",
    age: 22,
    status: "duldung",
    needs: ["arbeit"],
    place: { key: "05370016", land: "NW" },
    services: [{ id: "jmd", outcome: "eligible", reasons: [{ code: "age.in_range", outcome: "eligible", params: { age: 22, min: 12, below: 27, range: "min_below" }, sources: [] }] }],
    offices: [],
    lang: "ar",
    rulesVersion: "abc",
  });

  it("keep the Kreis and the age band, not the town or the exact age, and no user key", () => {
    const row = db.prepare("SELECT * FROM referrals").get() as Record<string, unknown>;
    expect(Object.keys(row).sort()).toEqual(
      ["age_band", "code", "created_on", "expires_on", "kreis_key", "land_code", "lang", "needs", "offices", "rules_version", "services", "state", "state_changed_on", "status"].sort(),
    );
    expect(row).toMatchObject({ kreis_key: "05370", age_band: "18-26", state: "open" });
    expect(JSON.stringify(row)).not.toMatch(/05370016|"age":22/);
  });

  it("go open → contacted → closed", () => {
    expect(store.setState(r.code, "contacted", "2026-11-25")?.state).toBe("contacted");
    expect(store.setState(r.code, "closed", "2026-12-01")).toMatchObject({ state: "closed", stateChangedOn: "2026-12-01" });
  });

  it("expire after 90 days and are purged", () => {
    expect(r.expiresOn).toBe(addDays("2026-11-21", 90));
    expect(store.get(r.code, r.expiresOn)).toBeDefined();
    expect(store.get(r.code, addDays(r.expiresOn, 1))).toBeUndefined();
    expect(store.purgeExpired(addDays(r.expiresOn, 1))).toBe(1);
    expect(store.count()).toBe(0);
  });
});

describe("a slip at the end of a conversation", () => {
  let app: App;
  beforeAll(() => {
    app = testApp({ places: true });
  });
  afterAll(() => app.close());
  const inputs: DialogueInput[] = [
    { kind: "start" }, { kind: "choice", id: "de" }, { kind: "choice", id: "ok" }, { kind: "text", text: "35" },
    { kind: "choice", id: "schutz" }, { kind: "choice", id: "arbeit" }, { kind: "choice", id: "done" }, { kind: "text", text: "Erkelenz" },
  ];

  it("creates one referral, shows the same code again, and delete removes it", () => {
    const c = createConversation(app, { today: () => "2026-11-21" });
    for (const i of inputs) c.handle("telegram", 42, i);
    const first = c.handle("telegram", 42, { kind: "choice", id: "slip" });
    const slip = first.replies.find((r) => r.key === "dialogue:slip")!;
    const code = (slip.params as { referral: { code: string } }).referral.code;
    expect(first.replies.map((r) => r.key)).toEqual(["dialogue:slip", "dialogue:result.next"]);
    const again = c.handle("telegram", 42, { kind: "choice", id: "slip" });
    expect((again.replies[0]!.params as { referral: { code: string } }).referral.code).toBe(code);
    expect(app.referrals.count()).toBe(1);
    const stored = app.referrals.get(code, "2026-11-21")!;
    expect(stored.services.map((s) => s.id)).toEqual(["mbe", "kim", "fluechtlingsberatung", "jobcenter", "arbeitsagentur"]);
    // the slip names where to go: the NRW-wide KIM route, not the Kreis entry without contact details
    expect(stored.offices.filter((o) => o.service === "kim").map((o) => o.id)).toEqual(["kim-nrw-uebersicht"]);
    expect(stored.offices.every((o) => o.web ?? o.phone ?? o.address ?? o.email)).toBeTruthy();
    c.handle("telegram", 42, { kind: "command", command: "delete" });
    expect(app.referrals.count()).toBe(0);
  });

  it("adds one anonymous statistics event per finished conversation", () => {
    const before = app.stats.total();
    const c = createConversation(app, { today: () => "2026-11-21" });
    for (const i of inputs) c.handle("console", 7, i);
    c.handle("console", 7, { kind: "command", command: "back" });
    c.handle("console", 7, { kind: "text", text: "Heinsberg" });
    expect(app.stats.total()).toBe(before + 1);
    const row = app.db.prepare("SELECT * FROM stats_events ORDER BY id DESC LIMIT 1").get() as Record<string, unknown>;
    expect(row).toMatchObject({ month: "2026-11", kreis_key: "05370", age_band: "27-39", status: "schutz", channel: "console" });
    expect(Object.keys(row).sort()).toEqual(["age_band", "channel", "id", "kreis_key", "land_code", "month", "needs", "services", "status"]);
  });
});

describe("wegweiser referral", () => {
  const env = { WEGWEISER_DB: join(tempDir(), "w.db") };

  it("creates a slip in the person's language and German, shows it by code, and closes it", () => {
    const created = wegweiser(["referral", "create", "--age", "22", "--status", "duldung", "--need", "arbeit", "--place", "05370", "--lang", "en", "--json"], env);
    expect(created.status).toBe(0);
    const code = JSON.parse(created.stdout).code as string;
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const slip = wegweiser(["referral", "create", "--age", "22", "--status", "duldung", "--place", "05370", "--lang", "en"], env).stdout;
    expect(slip).toMatch(/Referral slip – Wegweiser[\s\S]*For the office, in German:[\s\S]*Überweisungsschein – Wegweiser/);
    const shown = wegweiser(["referral", "show", code.toLowerCase()], env);
    expect(shown.stdout).toContain(`Code: ${code}`);
    expect(shown.stdout).toContain("state: open");
    expect(wegweiser(["referral", "close", code], env).stdout.trim()).toBe(`${code}: closed`);
    expect(JSON.parse(wegweiser(["referral", "show", code, "--json"], env).stdout).state).toBe("closed");
  });

  it("answers an unknown or malformed code clearly", () => {
    expect(wegweiser(["referral", "show", "ZZZZZ-ZZZZZ"], env).stderr).toContain("no referral ZZZZZ-ZZZZZ: unknown, or expired after 90 days");
    const bad = wegweiser(["referral", "show", "hello"], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"hello" is not a referral code');
  });
});
