// The terminal channel: a whole conversation piped through `npm start`, and the numbered
// choices of an interactive terminal.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../src/channels/console/index.js";
import { ROOT, tempDir, testApp } from "../helpers.js";

describe("npm start without tokens", () => {
  it("runs a piped conversation, choices given by id, to the right services", () => {
    const answers = ["de", "ok", "22", "duldung", "arbeit", "sprache", "done", "Kreis Heinsberg", ""].join("\n");
    const r = spawnSync("npm", ["start", "--silent"], {
      cwd: ROOT,
      input: answers,
      encoding: "utf8",
      env: { ...process.env, WEGWEISER_DB: join(tempDir(), "w.db"), LANG: "C", TELEGRAM_BOT_TOKEN: "", SLACK_BOT_TOKEN: "" },
      timeout: 120_000,
    });
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain("Bitte wählen Sie Ihre Sprache.");
    expect(out).toContain("Ihre Angaben: 22 Jahre · Duldung · Arbeit und Deutsch lernen · Kreis Heinsberg");
    expect(out).toContain("Ihre Beratungsstelle: Jugendmigrationsdienst (JMD) – passt");
    expect(out).toContain("Auch möglich: KIM-Case-Management (Kommunales Integrationsmanagement) – passt");
    expect(out).toContain("Für Arbeit: Agentur für Arbeit – passt vielleicht");
    expect(out).toContain("Für Deutsch lernen: Integrationskurs (BAMF) – passt vielleicht");
    // the Kreis has not filled in its KIM entry: the route for all of NRW, never the placeholder
    expect(out).toContain("→ Kommunales Integrationsmanagement NRW (KIM) – Informationen und Kontakte · https://kim.nrw (online)");
    expect(out).not.toContain("KIM-Case-Management Kreis Heinsberg");
    expect(out).not.toContain("bitte durch den Kreis ergänzen");
    expect(out).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    expect(out).toMatch(/Migrationsberatung für erwachsene Zuwanderer \(MBE\) – Alter 22: erst ab 27 Jahren/);
    expect(out).toContain("Das ist eine Orientierung, keine rechtliche Entscheidung.");
  });

  it("runs a conversation typed in Arabic words (no ids) to the result", () => {
    // in this file, not beside the other nine languages: two `npm start` builds at once would race
    const r = spawnSync("npm", ["start", "--silent"], {
      cwd: ROOT,
      input: "العربية\nأوافق\n١٩٩٨\nنعم\nتعليق الترحيل\nالعمل والسكن\nتم\nHeinsberg\n",
      encoding: "utf8",
      env: { ...process.env, WEGWEISER_DB: join(tempDir(), "w.db"), LANG: "C", TELEGRAM_BOT_TOKEN: "", SLACK_BOT_TOKEN: "" },
      timeout: 120_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/تعليق الترحيل \(Duldung\) · العمل والسكن · \u2068Kreis Heinsberg\u2069/);
    expect(r.stdout).toContain("[slip]");
  }, 120_000);
});

describe("an interactive terminal", () => {
  it("numbers the choices and takes a number as the choice", async () => {
    const app = testApp();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
    const done = runConsole(app, { input, output, interactive: true, suggestedLang: "en" });
    input.end(["2", "1", "40", "4", "17", ""].join("\n"));
    await done;
    app.close();
    expect(printed).toContain("  1) Deutsch\n  2) ✓ English");
    expect(printed).toContain("Please choose your language.");
    expect(printed).toContain("How old are you?");
    expect(printed).toContain("What do you need help with?");
    expect(printed).toContain("Where do you live?");
  });
});
