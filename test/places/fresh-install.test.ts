// What a new user has after `npm ci`: the real binary on an empty database resolves keys,
// postcodes and names, and a piped Arabic conversation with a postcode reaches the result.
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import { runConsole } from "../../src/channels/console/index.js";
import { tempDir } from "../helpers.js";
import { wegweiser } from "../cli/run.js";

describe("a fresh install", () => {
  it("answers check --place 09162 --json on an empty database", () => {
    const r = wegweiser(["check", "--age", "30", "--status", "gestattung", "--need", "orientierung", "--place", "09162", "--json"], { WEGWEISER_DB: join(tempDir(), "fresh.db") });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).place).toEqual({ key: "09162", name: "München", land: "BY" });
  });

  it("resolves postcodes and city names given to check --place", () => {
    const db = join(tempDir(), "fresh.db");
    for (const [place, key] of [["52525", "05370"], ["80331", "09162000"], ["Leipzig", "14713000"], ["München", "09162000"]] as const) {
      const r = wegweiser(["check", "--age", "30", "--status", "gestattung", "--need", "orientierung", "--place", place, "--json"], { WEGWEISER_DB: db });
      expect(r.status, `${place}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout).place.key, place).toBe(key);
    }
  });

  it("takes a postcode in a piped Arabic conversation to the result", async () => {
    const app = openApp({ dbPath: join(tempDir(), "fresh.db") });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
    const done = runConsole(app, { input, output, interactive: false });
    input.end(["ar", "ok", "22", "duldung", "arbeit", "done", "52525", "p1", ""].join("\n"));
    await done;
    const ar = app.i18n.translator("ar");
    app.close();
    expect(printed).toContain("[p1] Heinsberg (Kreis Heinsberg)");
    expect(printed).toContain("[p2] Waldfeucht (Kreis Heinsberg)");
    // the result, in Arabic: the disclaimer and the question what to do now
    expect(printed).toContain(ar.t("dialogue:result.disclaimer"));
    expect(printed).toContain(`[slip] ${ar.t("dialogue:result.get_slip")}`);
    expect(ar.t("dialogue:result.get_slip")).toMatch(/\p{Script=Arabic}/u);
  });
});
