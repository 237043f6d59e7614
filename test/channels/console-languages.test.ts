// A piped terminal conversation in each of the ten languages, typed entirely in that language's
// own words – no ids, no numbers for choices – reaches the result.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../src/channels/console/index.js";
import { testApp } from "../helpers.js";

/** language name, consent, birth year or age (in the script's digits), yes/no, status, needs, done, place */
const CONVERSATIONS: Record<string, { lines: string[]; summary: RegExp }> = {
  de: { lines: ["Deutsch", "einverstanden", "1998", "nein", "geduldet", "Arbeit und Wohnung", "fertig", "Kreis Heinsberg"], summary: /Jahre · Duldung · Arbeit und Wohnen · Kreis Heinsberg/ },
  en: { lines: ["English", "I agree", "1998", "not yet", "tolerated", "work and housing", "finished", "Kreis Heinsberg"], summary: /years · Toleration \(Duldung\) · Work and Housing · Kreis Heinsberg/ },
  ar: { lines: ["العربية", "أوافق", "١٩٩٨", "نعم", "تعليق الترحيل", "العمل والسكن", "تم", "Heinsberg"], summary: /تعليق الترحيل \(Duldung\) · العمل والسكن · \u2068?Heinsberg\u2069?/ },
  fa: { lines: ["فارسی", "موافقم", "۱۳۷۷", "بله", "دولدونگ", "کار و مسکن", "تمام", "Heinsberg"], summary: /تعلیق موقت اخراج \(Duldung\) · کار و مسکن · \u2068?Heinsberg\u2069?/ },
  prs: { lines: ["دری", "بلی", "۱۳۷۷", "نخیر", "دولدونگ", "وظیفه و خانه", "خلاص", "Heinsberg"], summary: /توقف موقت دیپورت \(Duldung\)/ },
  ps: { lines: ["پښتو", "موافق یم", "۱۹۹۸", "هو", "دولدونګ", "کار او کور", "بس", "Heinsberg"], summary: /د اخراج ځنډول \(Duldung\)/ },
  uk: { lines: ["Українська", "погоджуюся", "1998", "так", "дульдунг", "робота і житло", "готово", "Heinsberg"], summary: /Відстрочка депортації \(Duldung\) · Робота і Житло · Heinsberg/ },
  ru: { lines: ["Русский", "согласен", "1998", "да", "дульдунг", "работа и жильё", "готово", "Heinsberg"], summary: /Отсрочка депортации \(Duldung\) · Работа и Жильё · Heinsberg/ },
  tr: { lines: ["Türkçe", "kabul ediyorum", "1998", "evet", "duldung", "iş ve konut", "tamam", "Heinsberg"], summary: /Duldung\) · İş ve Konut · Heinsberg/ },
  kmr: { lines: ["Kurmancî", "ez razî me", "1998", "erê", "duldung", "kar û xanî", "temam", "Heinsberg"], summary: /\(Duldung\) · Kar û Xanî · Heinsberg/ },
};

const MISUNDERSTOOD = ["not_understood", "privacy.need_ok", "age.invalid", "status.invalid", "needs.invalid", "needs.added_some", "place.unknown"];

async function converse(lang: string, lines: readonly string[]): Promise<{ out: string; misunderstood: string[] }> {
  const app = testApp();
  const tr = app.i18n.translator(lang as never);
  const complaints = MISUNDERSTOOD.map((k) => tr.t(`dialogue:${k}`, { count: 1 }));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (d: Buffer) => (printed += d.toString("utf8")));
  const done = runConsole(app, { input, output, interactive: false });
  input.end(`${lines.join("\n")}\n`);
  await done;
  app.close();
  return { out: printed, misunderstood: complaints.filter((c) => printed.includes(c)) };
}

describe("a piped terminal conversation in the person's own words", () => {
  for (const [lang, { lines, summary }] of Object.entries(CONVERSATIONS)) {
    it(`reaches the result in ${lang}, typed without ids or numbered choices`, async () => {
      // no line is a choice id: the conversation must understand words
      for (const line of lines) expect(["ok", "done", "skip", "yes", "no", "p1", lang]).not.toContain(line);
      const { out, misunderstood } = await converse(lang, lines);
      expect(misunderstood, "no answer was misunderstood on the way").toEqual([]);
      expect(out).toMatch(summary);
      expect(out.match(/\[slip\]/g)?.length, "the result's next steps are offered once").toBe(1);
    });
  }
});
