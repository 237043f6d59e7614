// Numbers, dates, plural forms and punctuation as each language writes them, and the review's
// findings on the translations kept fixed.
import { describe, expect, it } from "vitest";
import { createI18n, readLocales } from "../../src/i18n/index.js";
import { localesDir } from "../../src/paths.js";
import { renderReplies } from "../../src/present/dialogue-text.js";
import { realRuleSet } from "../helpers.js";

const i18n = createI18n(realRuleSet(), localesDir());
const tr = (lang: string) => i18n.translator(lang as never);
const resources = readLocales(localesDir());

function texts(lang: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === "string") out.push([path, node]);
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  for (const [ns, tree] of Object.entries(resources[lang] ?? {})) walk(tree, `${ns}:`);
  return out;
}

describe("numbers", () => {
  it("are written in the digits of the language wherever a text shows one", () => {
    expect(tr("fa").t("dialogue:needs.added", { count: 3 })).toContain("۳");
    expect(tr("ps").t("dialogue:needs.added", { count: 12 })).toContain("۱۲");
    expect(tr("ar").t("dialogue:needs.added", { count: 12 })).toContain("١٢");
    expect(tr("de").t("dialogue:needs.added", { count: 12 })).toBe("Gewählt: 12.");
    expect(tr("fa").t("dialogue:age.birthday", { year: 1377 })).toContain("۱۳۷۷");
    // a year has no thousands separator
    expect(tr("ar").t("dialogue:age.birthday", { year: 1998 })).toContain("١٩٩٨");
  });

  it("in the summary and in reasons, isolated in right-to-left text", () => {
    const [summary] = renderReplies([{ key: "dialogue:result.summary", params: { age: 28, status: "duldung", needs: ["arbeit"], place: "Kreis Heinsberg" } }], tr("ar"));
    expect(summary!.text).toContain("\u2068٢٨\u2069");
    const reason = tr("fa").reason({ code: "age.in_range", params: { age: 30, range: "min", min: 27 }, sources: [], outcome: "eligible" });
    expect(reason).toContain("۳۰");
    expect(reason).toContain("۲۷");
    expect(tr("fa").digits("18-26")).toBe("۱۸-۲۶");
    expect(tr("de").digits("18-26")).toBe("18-26");
    expect(tr("uk").reason({ code: "age.in_range", params: { age: 30, range: "min", min: 27 }, sources: [], outcome: "eligible" })).toContain("30");
  });
});

describe("plural forms by CLDR category", () => {
  it("agree with the number in Russian and Ukrainian age ranges", () => {
    const range = (lang: string, max: number) => tr(lang).reason({ code: "age.too_old", params: { age: 40, range: "min_max", min: 12, max }, sources: [], outcome: "eligible" });
    expect(range("ru", 26)).toContain("до 26 лет включительно");
    expect(range("ru", 21)).toContain("до 21 года включительно");
    expect(range("ru", 23)).toContain("до 23 лет включительно");
    expect(range("uk", 26)).toContain("до 26 років включно");
    expect(range("uk", 21)).toContain("до 21 року включно");
  });

  it("use Arabic's dual and its forms for three to ten and eleven and more", () => {
    expect(tr("ar").t("dialogue:needs.done", { count: 2 })).toContain("اثنين");
    expect(tr("ar").t("dialogue:place.many", { count: 9 })).toContain("٩ أماكن");
    expect(tr("ar").t("dialogue:place.many", { count: 12 })).toContain("١٢ مكاناً");
  });

  it("say one municipality in German and English", () => {
    const area = (lang: string, n: number) => tr(lang).reason({ code: "region.area_outside", params: { land: "NW", areas: Array.from({ length: n }, (_, i) => `0${i}`) }, sources: [], outcome: "eligible" });
    expect(area("de", 1)).toBe("nur in einer teilnehmenden Kommune in Nordrhein-Westfalen");
    expect(area("de", 35)).toBe("nur in 35 teilnehmenden Kommunen in Nordrhein-Westfalen");
    expect(area("en", 1)).toContain("one participating municipality");
  });
});

describe("dates", () => {
  it("come in the language's order and digits, in the Gregorian calendar", () => {
    expect(tr("ar").date("2026-12-02")).toBe("٢ ديسمبر ٢٠٢٦");
    expect(tr("fa").date("2026-12-02")).toContain("۲۰۲۶");
    expect(tr("de").date("2026-12-02")).toBe("2. Dezember 2026");
    expect(tr("uk").date("2026-12-02")).toMatch(/^2 грудня 2026/);
  });
});

describe("right-to-left texts", () => {
  for (const lang of ["ar", "fa", "prs", "ps"]) {
    it(`${lang} uses the script's question mark, semicolon and comma and its own digits`, () => {
      for (const [key, text] of texts(lang)) {
        if (/check_usage|ref_usage|languages\./.test(key)) continue;
        expect(text, key).not.toMatch(/[\u0600-\u06ff»][?;]/);
        expect(text, key).not.toMatch(/[\u0600-\u06ff»],\s/);
        // Latin digits only in § citations, postcodes, codes and Latin names
        const bare = text.replace(/\{\{[^}]*\}\}|§\s*\d+[a-z]?|\b\d{5}\b|[A-Za-z]+[-\d]*\d[\w-]*/g, "");
        expect(bare, key).not.toMatch(/\d/);
      }
    });
  }
});

describe("the review's findings on the translations", () => {
  const all = (lang: string) => texts(lang).map(([, t]) => t).join("\n");
  it("Arabic addresses the reader politely in the plural, not one man", () => {
    expect(all("ar")).not.toMatch(/(^|\s)(يمكنك|لديك|تريد|أنت|عمرك|اختر|تقصد)(\s|[؟.،]|$)/m);
    expect(tr("ar").t("dialogue:age.ask")).toContain("عمركم");
  });
  it("Farsi writes Persian digits and انتگراسیون, not ادغام (merger), for integration", () => {
    expect(all("fa")).not.toContain("ادغام");
    expect(tr("fa").service("integrationskurs")).toContain("انتگراسیون");
  });
  it("Pashto writes the Länder in its own script", () => {
    for (const code of ["NW", "BY", "SH", "TH"]) expect(tr("ps").land(code), code).not.toMatch(/[A-Za-z]/);
  });
  it("Ukrainian calls the residence permit посвідка на проживання", () => {
    expect(tr("uk").status("aufenthaltserlaubnis")).toBe("Посвідка на проживання (Aufenthaltserlaubnis)");
    expect(all("uk")).not.toContain("Дозвіл на проживання");
  });
  it("Turkish speaks to the reader (Oturduğunuz yer), not about them", () => {
    expect(all("tr")).not.toContain("Oturduğu yer");
    expect(tr("tr").t("common:result.place", { place: "Heinsberg" })).toBe("Oturduğunuz yer: Heinsberg");
  });
  it("Kurmanji: naturalisation is not 'after an application', an EU citizen is Hemwelatiyê YE", () => {
    expect(all("kmr")).not.toContain("piştî serlêdanê");
    expect(tr("kmr").status("eu")).toContain("Hemwelatiyê");
    expect(tr("kmr").status("eu")).not.toContain("Hemwelatîbûna");
  });
});
