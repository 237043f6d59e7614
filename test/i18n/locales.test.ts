// Every locale has every key the German reference has, every reason and condition code of
// the rules has a text, and every literal key the code uses exists. A missing key would
// reach a newcomer as a raw key.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n, languageInfo, readLocales, STAFF_NAMESPACES, vocabFromRules } from "../../src/i18n/index.js";
import { localesDir } from "../../src/paths.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { NEED_IDS, SERVICE_IDS, STATUS_IDS } from "../../src/rules/vocabulary.js";
import type { Reason } from "../../src/rules/types.js";
import { ROOT, realRuleSet } from "../helpers.js";

const rs = realRuleSet();
const resources = readLocales(localesDir());
resources.de!.vocab = { ...(resources.de!.vocab as object), ...vocabFromRules(rs, "de") };
resources.en!.vocab = { ...(resources.en!.vocab as object), ...vocabFromRules(rs, "en") };

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
/** "needs.done_few" → "needs.done": a key's plural forms stand for the key (i18next picks one by `count`). */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, "");
const reference = Object.fromEntries(Object.entries(resources.de!).map(([ns, tree]) => [ns, new Set(keys(tree).map(base))]));
const valueAt = (tree: unknown, key: string): unknown => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], tree);
/** the text of a key, or of each of its plural forms */
const textsAt = (tree: unknown, key: string): unknown[] => {
  const plain = valueAt(tree, key);
  if (plain !== undefined) return [plain];
  return ["zero", "one", "two", "few", "many", "other"].map((c) => valueAt(tree, `${key}_${c}`)).filter((v) => v !== undefined);
};

/** A language with a fallback (Dari → Farsi) may hold only what differs; the pair must be complete. */
function withFallbacks(lang: string, ns: string): Record<string, unknown> {
  const chain = [...(languageInfo(lang)?.fallback ?? []), lang];
  const merge = (a: unknown, b: unknown): unknown =>
    typeof a === "object" && a && typeof b === "object" && b ? Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, merge((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])])) : (b ?? a);
  return chain.reduce<Record<string, unknown>>((acc, l) => merge(acc, resources[l]?.[ns] ?? {}) as Record<string, unknown>, {});
}

describe("locales", () => {
  it("include German and English", () => {
    expect(Object.keys(resources)).toEqual(expect.arrayContaining(["de", "en"]));
  });

  for (const lang of Object.keys(resources)) {
    const namespaces = Object.fromEntries(Object.keys(reference).map((ns) => [ns, withFallbacks(lang, ns)]));
    it(`${lang} has every key of the German reference and no stray ones`, () => {
      for (const [ns, ref] of Object.entries(reference)) {
        if (STAFF_NAMESPACES.includes(ns) && lang !== "en") continue;
        const have = new Set(keys(namespaces[ns] ?? {}).map(base));
        expect([...ref].filter((k) => !have.has(k)), `${lang}/${ns} lacks`).toEqual([]);
        expect([...have].filter((k) => !ref.has(k)), `${lang}/${ns} has keys German lacks`).toEqual([]);
      }
    });

    it(`${lang} has no empty text and keeps every {{placeholder}} of German`, () => {
      for (const [ns, tree] of Object.entries(resources.de!)) {
        if (STAFF_NAMESPACES.includes(ns) && lang !== "en" && lang !== "de") continue;
        for (const key of new Set(keys(tree).map(base))) {
          const values = textsAt(namespaces[ns], key);
          const wanted = new Set(textsAt(tree, key).flatMap((de) => String(de).match(/\{\{\w+\}\}/g) ?? []));
          expect(values.length, `${lang}/${ns}:${key}`).toBeGreaterThan(0);
          for (const value of values) {
            expect(typeof value === "string" && value.trim().length > 0, `${lang}/${ns}:${key}`).toBe(true);
            // a plural form may leave out {{count}} ("one place" is written as a word in some languages)
            const got = new Set(String(value).match(/\{\{\w+\}\}/g) ?? []);
            expect([...got].filter((p) => !wanted.has(p)), `${lang}/${ns}:${key} placeholders German lacks`).toEqual([]);
            expect([...wanted].filter((p) => !got.has(p) && !(p === "{{count}}" && values.length > 1)), `${lang}/${ns}:${key} placeholders`).toEqual([]);
          }
        }
      }
    });

    it(`${lang} has every plural form its language needs wherever a text has plural forms`, () => {
      const locale = languageInfo(lang)?.locale ?? lang;
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [ns, tree] of Object.entries(namespaces)) {
        const plural = new Set(keys(tree).filter((k) => PLURAL.test(k)).map(base));
        for (const key of plural) for (const c of categories) expect(valueAt(tree, `${key}_${c}`), `${lang}/${ns}:${key}_${c}`).toBeTypeOf("string");
      }
    });
  }

  it("name every status, need and service in every language", () => {
    for (const lang of Object.keys(resources)) {
      const vocab = withFallbacks(lang, "vocab") as Record<string, Record<string, { name?: string }>>;
      for (const id of STATUS_IDS) expect(vocab.statuses?.[id]?.name, `${lang} status ${id}`).toBeTruthy();
      for (const id of NEED_IDS) expect(vocab.needs?.[id]?.name, `${lang} need ${id}`).toBeTruthy();
      for (const id of SERVICE_IDS) expect(vocab.services?.[id]?.name, `${lang} service ${id}`).toBeTruthy();
    }
  });

  it("have a text for every reason the rules can give, in every language", () => {
    const i18n = createI18n(rs, localesDir());
    const reasons = new Map<string, Reason>();
    const places = [null, { land: "NW", key: "05" }, { land: "NW", key: "05370" }, { land: "NW", key: "05112" }, { land: "BY", key: "09162" }];
    for (const date of ["2000-01-01", "2021-06-01", "2026-11-21"])
      for (const place of places)
        for (const status of STATUS_IDS)
          for (const age of [3, 10, 20, 27, 40])
            for (const d of [evaluate(rs, { age, status, needs: [] }, place, date), evaluate(rs, { age, status, needs: ["arbeit", "schule"] }, place, date)])
              for (const s of d.services) for (const r of s.reasons) reasons.set(`${r.code}|${JSON.stringify(r.params)}`, r);
    const codes = new Set([...reasons.values()].map((r) => r.code));
    expect(codes.size).toBeGreaterThanOrEqual(14);
    for (const lang of i18n.languages) {
      const tr = i18n.translator(lang);
      for (const r of reasons.values()) {
        const text = tr.reason(r);
        expect(text, `${lang} ${r.code}`).not.toMatch(/reasons:|conditions\.|vocab:|\{\{|undefined/);
        expect(text.length).toBeGreaterThan(3);
      }
    }
  });

  it("cover every literal key the code uses", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts")) files.push(p);
      }
    };
    walk(join(ROOT, "src"));
    const used = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*"([a-z_]+:)?([a-z_][\w.]*)"/g)) used.add(`${m[1] ?? "common:"}${m[2]}`);
    }
    expect(used.size).toBeGreaterThan(5);
    for (const key of used) {
      const [ns, path] = key.split(":") as [string, string];
      const value = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], resources.de![ns]);
      expect(typeof value, `key ${key} used in src/ is missing from locales/de`).toBe("string");
    }
  });
});

describe("the locale status file", () => {
  it("says for every language whether a native speaker has reviewed it", () => {
    const status = JSON.parse(readFileSync(join(localesDir(), "status.json"), "utf8")) as Record<string, { reviewed?: unknown; source?: unknown }>;
    const langs = Object.keys(resources).sort();
    expect(Object.keys(status).filter((k) => !k.startsWith("_")).sort()).toEqual(langs);
    for (const lang of langs) {
      expect(typeof status[lang]!.reviewed, lang).toBe("boolean");
      expect(typeof status[lang]!.source, lang).toBe("string");
    }
  });
});

describe("lists", () => {
  it("join two items in the language's own word, also where ICU's data is incomplete (Pashto)", () => {
    const i18n = createI18n(rs, localesDir());
    expect(i18n.languages).toContain("ps");
    const ps = i18n.translator("ps").list(["الف", "ب"], "disjunction");
    expect(ps).toContain("یا");
    expect(ps).not.toMatch(/\bor\b/);
    expect(i18n.translator("de").list(["A", "B"], "disjunction")).toBe("A oder B");
  });
});
