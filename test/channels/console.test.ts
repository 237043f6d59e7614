// The terminal channel: a whole conversation piped through `npm start`, and the numbered
// choices of an interactive terminal.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../src/channels/console/index.js";
import { terminalShowsBidiMarks } from "../../src/channels/console/bidi.js";
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
    // a pipe gets no bidi isolate marks (they would print as boxes)
    expect(r.stdout).toMatch(/تعليق الترحيل \(Duldung\) · العمل والسكن · Heinsberg/);
    expect(r.stdout).not.toMatch(/[\u2066-\u2069]/);
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

/** runs the terminal channel over streams and returns everything it printed */
async function talk(lines: readonly string[], options: { interactive: boolean; suggestedLang?: string; bidiMarks?: boolean; env?: Record<string, string> }): Promise<string> {
  const app = testApp();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
  const saved = { ...process.env };
  Object.assign(process.env, options.env ?? {});
  try {
    const done = runConsole(app, { input, output, interactive: options.interactive, ...(options.suggestedLang ? { suggestedLang: options.suggestedLang } : {}), ...(options.bidiMarks !== undefined ? { bidiMarks: options.bidiMarks } : {}) });
    input.end([...lines, ""].join("\n"));
    await done;
  } finally {
    for (const k of Object.keys(options.env ?? {})) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
    app.close();
  }
  return printed;
}

describe("help in the terminal", () => {
  it("lists the commands as words to type, so the numbers belong to the question alone", async () => {
    const printed = await talk(["1", "1", "40", "help"], { interactive: true });
    const afterHelp = printed.slice(printed.lastIndexOf("Ich stelle ein paar Fragen"));
    expect(afterHelp).toContain("  back – Zurück\n  restart – Neu beginnen\n  language – Sprache ändern\n  delete – Meine Daten löschen");
    expect(afterHelp).not.toMatch(/\d\) (Zurück|Neu beginnen)/);
    // one numbered list after the help: the status question's
    expect(afterHelp.match(/^ {2}1\) /gm)).toHaveLength(1);
    expect(afterHelp).toMatch(/^ {2}1\) Aufenthaltserlaubnis/m);
  });

  it("takes the word shown for a command after help", async () => {
    const printed = await talk(["1", "1", "40", "help", "back"], { interactive: true });
    const afterBack = printed.slice(printed.lastIndexOf("Ich stelle ein paar Fragen"));
    expect(afterBack.indexOf("Wie alt sind Sie?")).toBeGreaterThan(afterBack.indexOf("Welchen Aufenthaltsstatus"));
  });
});

describe("bidi isolate marks in the terminal", () => {
  const arabic = ["ar", "ok", "22", "duldung", "arbeit", "done", "Kreis Heinsberg"];

  it("are left out where the output is no terminal", async () => {
    const printed = await talk(arabic, { interactive: false, env: { WEGWEISER_BIDI_MARKS: "" } });
    expect(printed).toContain("Heinsberg");
    expect(printed).not.toMatch(/[\u2066-\u2069]/);
  });

  it("are printed when asked for, around the German names inside Arabic text", async () => {
    const printed = await talk(arabic, { interactive: false, bidiMarks: true });
    expect(printed).toMatch(/\u2068[^\u2069]*Heinsberg[^\u2069]*\u2069/);
  });

  it("follow WEGWEISER_BIDI_MARKS over the guess from the terminal", () => {
    expect(terminalShowsBidiMarks({ WEGWEISER_BIDI_MARKS: "on" }, false)).toBe(true);
    expect(terminalShowsBidiMarks({ WEGWEISER_BIDI_MARKS: "off", VTE_VERSION: "7200" }, true)).toBe(false);
    expect(terminalShowsBidiMarks({ VTE_VERSION: "7200" }, true)).toBe(true);
    expect(terminalShowsBidiMarks({ VTE_VERSION: "5202" }, true)).toBe(false);
    expect(terminalShowsBidiMarks({ KONSOLE_VERSION: "230805" }, true)).toBe(true);
    expect(terminalShowsBidiMarks({ TERM: "xterm-256color" }, true)).toBe(false);
    expect(terminalShowsBidiMarks({ VTE_VERSION: "7200" }, false)).toBe(false);
  });
});

describe("an unusual age in the terminal", () => {
  it("is asked back with yes and no before it counts", async () => {
    const printed = await talk(["en", "ok", "0", "no", "105", "yes"], { interactive: false });
    expect(printed).toContain("You entered 0 as your age. Is that right?\n  [yes] Yes, that is right\n  [no] No, I will enter it again");
    expect(printed).toContain("You entered 105 as your age. Is that right?");
    expect(printed.slice(printed.indexOf("You entered 105"))).toContain("What is your residence status?");
  });
});

describe("a reader that goes away", () => {
  it("ends the terminal channel quietly, as with npm start | head", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [join(ROOT, "bin", "start.js")], {
      env: { ...process.env, WEGWEISER_DB: join(tempDir(), "w.db"), LANG: "C", TELEGRAM_BOT_TOKEN: "", SLACK_BOT_TOKEN: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise((resolve) => child.stdout.once("data", resolve));
    child.stdout.destroy();
    child.stdin.end("de\nok\n22\nduldung\narbeit\ndone\nHeinsberg\n");
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });
});
