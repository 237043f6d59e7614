// `wegweiser check` and `wegweiser rules check` through the real binary.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SERVICE_IDS } from "../../src/rules/vocabulary.js";
import { ROOT } from "../helpers.js";
import { LANGUAGES } from "../../src/i18n/languages.js";
import { wegweiser } from "./run.js";

describe("wegweiser check --json", () => {
  const r = wegweiser(["check", "--age", "22", "--status", "duldung", "--need", "arbeit", "--place", "05370", "--date", "2026-11-21", "--json"]);
  const json = JSON.parse(r.stdout) as {
    date: string;
    person: unknown;
    place: unknown;
    services: { id: string; outcome: string; role: string; rank: number; reasons: { code: string; text: string }[]; sources: { ref?: string; url?: string }[]; offices: unknown[] }[];
  };
  const by = Object.fromEntries(json.services.map((s) => [s.id, s]));

  it("exits 0 and returns every service with role, rank, reasons, sources and offices", () => {
    expect(r.status).toBe(0);
    expect(json.services.map((s) => s.id).sort()).toEqual([...SERVICE_IDS].sort());
    for (const s of json.services) {
      expect(["counselling", "need"]).toContain(s.role);
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.sources.length).toBeGreaterThan(0);
      expect(Array.isArray(s.offices)).toBe(true);
      for (const reason of s.reasons) expect(reason.text).not.toMatch(/^reasons:|\{\{/);
    }
  });

  it("has the person, the date and the place as design.md §5 shows", () => {
    expect(json.date).toBe("2026-11-21");
    expect(json.person).toEqual({ age: 22, status: "duldung", needs: ["arbeit"] });
    expect(json.place).toEqual({ key: "05370", name: "Kreis Heinsberg", land: "NW" });
  });

  it("makes Teilhabemanagement, JMD and KIM eligible and the MBE ineligible because of age", () => {
    expect([by.teilhabemanagement!.outcome, by.jmd!.outcome, by.kim!.outcome]).toEqual(["eligible", "eligible", "eligible"]);
    // no office offers Teilhabemanagement in the bundled directory: it follows the others and names KIM (D4)
    expect(json.services.slice(0, 4).map((s) => s.id)).toEqual(["jmd", "kim", "fluechtlingsberatung", "teilhabemanagement"]);
    expect(by.mbe!.outcome).toBe("ineligible");
    expect(by.mbe!.reasons[0]!.code).toBe("age.too_young");
    expect(by.mbe!.reasons[0]!.text).toBe("Alter 22: erst ab 27 Jahren");
  });
});

describe("wegweiser check as text", () => {
  it("answers in German by default, with the counselling service first and the disclaimer", () => {
    const r = wegweiser(["check", "--age", "40", "--status", "ne", "--place", "NW", "--date", "2026-11-21"]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    const heading = lines.indexOf("== Ihre Beratungsstelle ==");
    expect(lines[heading + 1]).toBe("1. Migrationsberatung für erwachsene Zuwanderer (MBE) – passt");
    expect(r.stdout).toContain("→ mbeon – Migrationsberatung online · https://www.mbeon.de (online)");
    expect(r.stdout).toContain("Dies ist eine Orientierung, keine rechtliche Entscheidung.");
  });

  it("lists every language --lang takes in its help, and answers in each of them", () => {
    const help = wegweiser(["check", "--help"]).stdout;
    for (const lang of LANGUAGES) expect(help).toMatch(new RegExp(`--lang[\\s\\S]*\\b${lang.code} [A-Z]`));
    expect(help).toContain("--lang    language of the answer: de German (default), en English, ar Arabic, fa Farsi, prs Dari, ps Pashto, uk Ukrainian, ru Russian, tr Turkish, kmr Kurmanji");
    const titles = new Set<string>();
    for (const lang of LANGUAGES) {
      const r = wegweiser(["check", "--age", "22", "--status", "duldung", "--place", "05370", "--lang", lang.code, "--date", "2026-11-21"]);
      expect(r.status, lang.code).toBe(0);
      titles.add(r.stdout);
    }
    // prs falls back to fa where Dari has no own text: at least nine different answers
    expect(titles.size).toBeGreaterThanOrEqual(9);
  });

  it("answers in English with --lang en", () => {
    const r = wegweiser(["check", "--age", "16", "--status", "tolerated", "--need", "school", "--place", "05370004", "--lang", "en", "--date", "2026-11-21"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("== Your counselling service ==\n1. Youth migration service (JMD) – fits");
    expect(r.stdout).toContain("School-entry counselling at the Municipal Integration Centre (KI) – fits");
  });
});

describe("bad arguments", () => {
  it.each([
    [["check", "--status", "duldung"], /--age is required/],
    [["check", "--age", "abc", "--status", "duldung"], /--age: expected a whole number of years from 0 to 120, got "abc"/],
    [["check", "--age", "-3", "--status", "duldung"], /--age/],
    [["check", "--age", "130", "--status", "duldung"], /--age: expected a whole number/],
    [["check", "--age", "22", "--status", "dulding"], /--status: unknown value "dulding" \(did you mean duldung.*\); accepted: aufenthaltserlaubnis, schutz/],
    [["check", "--age", "22", "--status", "duldung", "--need", "jobs"], /--need: unknown value "jobs".*accepted: sprache, schule/],
    [["check", "--age", "22", "--status", "duldung", "--place", "99999"], /--place: "99999" matches no place; accepted: a place name, a postcode/],
    [["check", "--age", "22", "--status", "duldung", "--place", "Kreis Heinsbreg"], /--place: "Kreis Heinsbreg" matches no place – did you mean Kreis Heinsberg \(05370\)/],
    [["check", "--age", "22", "--status", "duldung", "--date", "2026-02-30"], /--date: expected a calendar date as YYYY-MM-DD/],
    [["check", "--age", "22", "--status", "duldung", "--lang", "xx"], /--lang: unknown language "xx"; accepted: de, en/],
    [["check", "--age", "22", "--status", "duldung", "--colour"], /Unknown option '--colour'.*Accepted: --age/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("%j exits 2 naming the argument", (args, message) => {
    const r = wegweiser(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("broken rule files and rules check", () => {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-rules-"));
  cpSync(join(ROOT, "rules"), dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("rules check passes on the real rules", () => {
    const r = wegweiser(["rules", "check"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/23 rule files valid .*; \d{3,} tests passed, 0 failed/);
  });

  it("check exits 1 naming file and field when a rule file is broken", () => {
    const file = join(dir, "services", "kim.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("priority: 4", "priority: four"));
    const r = wegweiser(["check", "--age", "30", "--status", "schutz"], { WEGWEISER_RULES: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/services\/kim\.yaml: priority: /);
  });

  it("rules check exits 1 naming the failing test when a rule no longer matches its tests", () => {
    cpSync(join(ROOT, "rules", "services", "kim.yaml"), join(dir, "services", "kim.yaml"));
    const file = join(dir, "services", "jmd.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("below: 27", "below: 30"));
    const r = wegweiser(["rules", "check", "--dir", dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("tests/jmd.test.yaml: At age 27, a person with a residence permit in Kreis Heinsberg is not eligible for the JMD");
    expect(r.stderr).toMatch(/jmd: expected ineligible, got eligible/);
  });
});

describe("wegweiser check --arrival and --date (design D16, D13)", () => {
  const run = (...extra: string[]) => wegweiser(["check", "--age", "30", "--status", "ukraine", "--need", "leistungen", "--json", ...extra]);
  const outcome = (r: { stdout: string }, id: string) =>
    (JSON.parse(r.stdout) as { services: { id: string; outcome: string }[] }).services.find((s) => s.id === id)!.outcome;

  it("shows the arrival in the JSON person", () => {
    const r = run("--arrival", "from_2025_04", "--date", "2026-12-01");
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { person: unknown }).person).toEqual({ age: 30, status: "ukraine", needs: ["leistungen"], arrival: "from_2025_04" });
  });

  it("gives the old answer for an old date and the planned change for December 2026", () => {
    expect(outcome(run("--arrival", "2025-05", "--date", "2026-06-30"), "jobcenter")).toBe("eligible");
    expect(outcome(run("--arrival", "2025-05", "--date", "2026-12-01"), "jobcenter")).toBe("conditional");
    expect(outcome(run("--arrival", "2025-05", "--date", "2026-12-01"), "sozialamt_asylblg")).toBe("conditional");
    expect(outcome(run("--arrival", "before_2025_04", "--date", "2026-12-01"), "sozialamt_asylblg")).toBe("ineligible");
  });

  it("gives the integration course as before on 2026-02-08 and the admission stop from 2026-02-09", () => {
    const course = (date: string) => wegweiser(["check", "--age", "30", "--status", "eu", "--need", "sprache", "--date", date, "--json", "--lang", "en"]);
    const reasons = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as { services: { id: string; reasons: { text: string }[] }[] }).services.find((s) => s.id === "integrationskurs")!.reasons.map((x) => x.text).join(" ");
    expect(reasons(course("2026-02-08"))).toContain("if the BAMF admits you");
    expect(reasons(course("2026-02-09"))).toContain("only if an office obliges you to attend");
  });

  it("exits 2 with the accepted values for an unknown arrival", () => {
    const r = run("--arrival", "sometime");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--arrival: unknown value \"sometime\"; accepted: before_2025_04, from_2025_04, unknown");
  });

  it("exits 2 when --arrival is given for a status that is not asked it", () => {
    const r = wegweiser(["check", "--age", "30", "--status", "duldung", "--arrival", "unknown"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--arrival applies only to --status ukraine");
  });
});

describe("a reader that goes away", () => {
  it("ends `wegweiser check … | head` quietly, without a stack trace", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [join(ROOT, "bin", "wegweiser.js"), "check", "--age", "30", "--status", "gestattung", "--need", "orientierung", "--place", "05370", "--json"], {
      env: { ...process.env, WEGWEISER_DB: join(mkdtempSync(join(tmpdir(), "wegweiser-pipe-")), "w.db") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // like `… | head` that has already gone: the pipe is closed before the answer is written
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 30_000);
});
