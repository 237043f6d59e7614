// Two views of one decision (design D21). A newcomer (terminal, Telegram) never sees a seed file
// name, a file:line reference or a note meant for operators, in any language; staff (CLI text,
// JSON) see every source with its reference; JSON says which chosen needs each need service answers.
import { afterAll, describe, expect, it } from "vitest";
import { createReferral, dialogueDeps } from "../../src/conversation.js";
import { resultReplies, sourcesReplies } from "../../src/dialogue/result.js";
import type { DialogueState, PlaceOption, Reply } from "../../src/dialogue/types.js";
import { isPlaceholder } from "../../src/directory/route.js";
import type { LanguageCode } from "../../src/i18n/index.js";
import { renderReplies } from "../../src/present/dialogue-text.js";
import { runCheck } from "../../src/cli/check.js";
import { NEED_IDS, STATUS_IDS, type NeedId, type StatusId } from "../../src/rules/vocabulary.js";
import { testApp } from "../helpers.js";

const app = testApp();
afterAll(() => app.db.close());
const today = "2026-12-02";
const deps = dialogueDeps(app, () => today);

/** a seed file name, or a reference to lines of any file */
const SEED_OR_LINE = /\d{3}_[0-9a-f]{16}\.txt|\b[\w.-]+\.(txt|ya?ml|md|csv|json):\d+/;
/** every note of a bundled entry that has no contact details: texts meant for the operator */
const operatorNotes = [...new Set(app.directory.list({ origin: "bundled" }).filter((o) => isPlaceholder(o) && o.note).map((o) => o.note!))];

const places: (PlaceOption | null)[] = [
  { key: "05370", name: "Kreis Heinsberg", land: "NW", level: "kreis" },
  { key: "05370016", name: "Heinsberg", land: "NW", level: "gemeinde", kreis: { key: "05370", name: "Kreis Heinsberg" } },
  { key: "05334002", name: "Aachen", land: "NW", level: "gemeinde", kreis: { key: "05334", name: "Städteregion Aachen" } },
  { key: "05111", name: "Düsseldorf", land: "NW", level: "kreis" },
  { key: "09", name: "Bayern", land: "BY", level: "land" },
  { key: "11", name: "Berlin", land: "BE", level: "land" },
  { key: "14", name: "Sachsen", land: "SN", level: "land" },
  null,
];
const ages = [8, 13, 17, 22, 30, 45, 70];

/** a spread of persons: every status, ages across the bounds, changing needs and places */
const persons: DialogueState[] = STATUS_IDS.flatMap((status: StatusId, i) =>
  [0, 1].map((j) => {
    const needs: NeedId[] = j === 0 ? [...NEED_IDS] : NEED_IDS.filter((_, k) => (k + i) % 3 === 0);
    return {
      v: 1,
      step: "result",
      lang: "de",
      privacyAccepted: true,
      age: ages[(i + j * 3) % ages.length]!,
      status,
      needs,
      place: places[(i + j * 5) % places.length]!,
      history: [],
    } satisfies DialogueState;
  }),
);

function rendered(replies: readonly Reply[], lang: LanguageCode, format: "plain" | "html"): string {
  const tr = app.i18n.translator(lang);
  return renderReplies(replies, tr, { format, translatorFor: (l) => app.i18n.translator(l as LanguageCode), placeName: (k) => app.places.get(k)?.name })
    .map((m) => `${m.text}\n${m.choices.map((c) => c.label).join("\n")}`)
    .join("\n");
}

describe("the newcomer's view", () => {
  it("has operator notes to look for, so the check below can fail", () => {
    expect(operatorNotes.length).toBeGreaterThan(0);
    expect(operatorNotes.some((n) => n.includes("bitte durch den Kreis ergänzen"))).toBe(true);
  });

  for (const lang of app.i18n.languages) {
    it(`in ${lang}, terminal and Telegram: results, sources and slips name no seed file, no file:line and no operator note`, () => {
      let checked = 0;
      for (const state of persons) {
        const own = { ...state, lang };
        const replies = [...resultReplies(own, deps).replies, ...sourcesReplies(own, deps), { key: "dialogue:slip", params: { referral: createReferral(app, deps, own) } }];
        for (const format of ["plain", "html"] as const) {
          const text = rendered(replies, lang, format);
          expect(text, `${lang} ${format} ${state.status} ${state.age}`).not.toMatch(SEED_OR_LINE);
          for (const note of operatorNotes) expect(text).not.toContain(note);
          expect(text).not.toContain("bitte durch den Kreis ergänzen");
          checked++;
        }
      }
      expect(checked).toBe(persons.length * 2);
    });
  }

  it("names a concrete next step for every service it shows", () => {
    for (const state of persons) {
      for (const r of resultReplies(state, deps).replies) {
        const service = (r.params as { service?: { id: string; route?: { offices: unknown[]; successor?: { offices: unknown[] } } } } | undefined)?.service;
        if (!service) continue;
        const offices = [...(service.route?.offices ?? []), ...(service.route?.successor?.offices ?? [])];
        expect(offices.length, `${service.id} for ${state.status}, ${state.age}, ${state.place?.key ?? "no place"}`).toBeGreaterThan(0);
      }
    }
  });

  it("shows the sources as titles with links behind 'why / sources', and the hours and languages of an office in the reader's language", () => {
    const state: DialogueState = { v: 1, step: "result", lang: "ar", privacyAccepted: true, age: 12, status: "schutz", needs: ["schule"], place: places[1]!, history: [] };
    const ar = rendered(resultReplies(state, deps).replies, "ar", "html");
    expect(ar).toContain("٨:٣٠–١٢:٠٠"); // the KI's hours, translated
    expect(ar).toContain("Valkenburger Str. 45"); // its note, translated
    expect(ar).toContain(app.i18n.translator("ar").t("dialogue:result.hours"));
    const sources = rendered(sourcesReplies(state, deps), "ar", "html");
    expect(sources).toContain(app.i18n.translator("ar").t("dialogue:result.sources_title"));
    expect(sources).toMatch(/<a href="https:\/\/[^"]+">/);
    // an untranslated note is not shown to a reader of another language
    const tr = app.i18n.translator("tr");
    const untranslated = renderReplies(
      [{ key: "dialogue:result.for_need", params: { service: { id: "jugendamt", role: "need", outcome: "eligible", rank: 1, reasons: [], sources: [], needs: ["familie"], route: { local: true, offices: [{ id: "x", name: "Jugendamt X", level: "kreis", online: false, web: "https://example.org", note: "Nur nach Terminvereinbarung", languages: ["de", "tr"] }] } } } }],
      tr,
    )[0]!.text;
    expect(untranslated).not.toContain("Nur nach Terminvereinbarung");
    expect(untranslated).toContain(`${tr.t("dialogue:result.languages")}: Almanca`);
    expect(untranslated).toContain(tr.t("dialogue:result.for_named_need", { needs: tr.need("familie") }));
    const de = renderReplies([{ key: "dialogue:result.for_need", params: { service: { id: "jugendamt", role: "need", outcome: "eligible", rank: 1, reasons: [], sources: [], needs: ["familie"], route: { local: true, offices: [{ id: "x", name: "Jugendamt X", level: "kreis", online: false, web: "https://example.org", note: "Nur nach Terminvereinbarung", languages: [] }] } } } }], app.i18n.translator("de"))[0]!.text;
    expect(de).toContain("Nur nach Terminvereinbarung");
    expect(de).toMatch(/^Für Familie: Jugendamt/);
  });
});

describe("the staff view", () => {
  it("CLI text shows every service's sources with title and seed reference, and the Kreis placeholder with its note", () => {
    const out = runCheck(["--age", "22", "--status", "duldung", "--need", "arbeit", "--place", "05370", "--date", today], app);
    expect(out).toMatch(/Quellen: .*Bogumil\/Hafner.* \(001_b0d05e7187bd0276\.txt:\d+-\d+\)/);
    expect(out).toContain("KIM-Case-Management Kreis Heinsberg");
    expect(out).toContain("bitte durch den Kreis ergänzen");
  });

  it("JSON gives every source its reference, every need service the chosen needs it answers, and marks placeholders", () => {
    const json = JSON.parse(runCheck(["--age", "30", "--status", "gestattung", "--need", "wohnen", "--need", "arbeit", "--need", "leistungen", "--place", "05370", "--date", today, "--json"], app)) as {
      services: { id: string; role: string; needs?: string[]; sources: { ref?: string; url?: string }[]; offices: { id: string; placeholder?: boolean }[] }[];
    };
    const by = new Map(json.services.map((s) => [s.id, s]));
    expect(by.get("sozialamt_asylblg")!.needs).toEqual(["wohnen", "leistungen"]);
    expect(by.get("arbeitsagentur")!.needs).toEqual(["arbeit"]);
    expect(by.get("jugendamt")!.needs).toEqual([]);
    for (const s of json.services) {
      if (s.role === "need") expect(Array.isArray(s.needs), s.id).toBe(true);
      else expect(s.needs, s.id).toBeUndefined();
    }
    expect(json.services.flatMap((s) => s.sources).some((src) => /^001_b0d05e7187bd0276\.txt:\d+/.test(src.ref ?? ""))).toBe(true);
    expect(by.get("kim")!.offices.find((o) => o.id === "kim-kreis-heinsberg")!.placeholder).toBe(true);
    expect(by.get("kim")!.offices.find((o) => o.id === "kim-nrw-uebersicht")!.placeholder).toBeUndefined();
  });

  it("German answers show German source titles to staff, English answers the English ones", () => {
    const args = ["--age", "30", "--status", "schutz", "--need", "arbeit", "--need", "familie", "--place", "05370", "--date", today];
    const de = runCheck(args, app);
    expect(de).toContain("§ 7 Abs. 1 SGB II (in Kraft seit 01.01.2005)");
    expect(de).not.toMatch(/in force since|No start date/);
    const json = JSON.parse(runCheck([...args, "--json"], app)) as { services: { sources: { title: string }[] }[] };
    expect(json.services.flatMap((s) => s.sources.map((x) => x.title))).toContain("SGB VIII (Kinder- und Jugendhilfegesetz, in Kraft seit 01.01.1991)");
    const en = runCheck([...args, "--lang", "en"], app);
    expect(en).toContain("§ 7 Abs. 1 SGB II (in force since 01.01.2005)");
  });

  it("CLI text groups need services under the needs they answer", () => {
    const out = runCheck(["--age", "30", "--status", "gestattung", "--need", "wohnen", "--need", "arbeit", "--need", "leistungen", "--place", "05370", "--date", today], app);
    const wohnen = out.indexOf("Für Wohnen und Geld zum Leben:");
    const arbeit = out.indexOf("Für Arbeit:");
    expect(wohnen).toBeGreaterThan(0);
    expect(arbeit).toBeGreaterThan(wohnen);
    expect(out.slice(wohnen, arbeit)).toContain("Sozialamt");
    expect(out.slice(arbeit)).toContain("Agentur für Arbeit");
  });
});
