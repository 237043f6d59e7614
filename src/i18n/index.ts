// Renders message keys and rule reasons in the user's language (i18next). The names of
// statuses, needs and services in German and English come from the rule files, so a rule
// author changes them in one place; other languages carry them in locales/<lang>/vocab.json.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n as I18nInstance, type TFunction } from "i18next";
import type { RuleSet } from "../rules/rule-set.js";
import type { Reason, ReasonParam } from "../rules/types.js";
import { LANGUAGES, languageInfo, type LanguageCode } from "./languages.js";

export { LANGUAGES, languageInfo, isLanguageCode, type LanguageCode } from "./languages.js";

export const NAMESPACES = ["common", "reasons", "vocab", "dialogue", "staff", "handover"] as const;
/** Namespaces only staff read (Slack, CLI): German and English are enough. */
export const STAFF_NAMESPACES: readonly string[] = ["staff"];

type Params = Record<string, unknown>;

export interface Translator {
  readonly lang: LanguageCode;
  readonly dir: "ltr" | "rtl";
  t(key: string, params?: Params): string;
  has(key: string): boolean;
  reason(reason: Reason): string;
  service(id: string): string;
  serviceDescription(id: string): string;
  status(id: string): string;
  need(id: string): string;
  land(code: string): string;
  date(iso: string): string;
  list(items: readonly string[], type?: "conjunction" | "disjunction"): string;
  /** wraps Latin names, numbers and links so they keep their order inside right-to-left text */
  isolate(text: string | number): string;
  /** the numbers in a text such as an age band ("18-26") in the digits of the language */
  digits(text: string): string;
}

export interface I18n {
  readonly languages: readonly LanguageCode[];
  translator(lang: LanguageCode): Translator;
}

/** Reads locales/<lang>/<namespace>.json for every language that has a folder. */
export function readLocales(dir: string): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lang of readdirSync(dir)) {
    if (!LANGUAGES.some((l) => l.code === lang)) continue;
    resources[lang] = {};
    for (const ns of NAMESPACES) {
      try {
        resources[lang][ns] = JSON.parse(readFileSync(join(dir, lang, `${ns}.json`), "utf8")) as unknown;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`locales/${lang}/${ns}.json: ${(err as Error).message}`, { cause: err });
      }
    }
  }
  return resources;
}

/** German and English names of statuses, needs and services, taken from the rule files. */
export function vocabFromRules(ruleSet: RuleSet, lang: "de" | "en"): Record<string, unknown> {
  const entries = (list: readonly { id: string; names: Record<"de" | "en", string>; explain: Record<"de" | "en", string> }[]) =>
    Object.fromEntries(list.map((e) => [e.id, { name: e.names[lang], explain: e.explain[lang] }]));
  return {
    statuses: entries(ruleSet.vocabulary.statuses),
    needs: entries(ruleSet.vocabulary.needs),
    services: Object.fromEntries(ruleSet.infos.map((r) => [r.id, { name: r.names[lang], description: r.description[lang] }])),
  };
}

export function createI18n(ruleSet: RuleSet, localesDir: string): I18n {
  const resources = readLocales(localesDir);
  for (const lang of ["de", "en"] as const) {
    resources[lang] ??= {};
    resources[lang].vocab = { ...(resources[lang].vocab as object | undefined), ...vocabFromRules(ruleSet, lang) };
  }
  const languages = LANGUAGES.map((l) => l.code).filter((c) => resources[c] !== undefined);
  const instance: I18nInstance = i18next.createInstance();
  // every number put into a text is written in the digits of the language (Persian ۲۵, Arabic ٢٥)
  instance.use({
    type: "formatter",
    init: () => {},
    add: () => {},
    addCached: () => {},
    format: (value: unknown, _format: string | undefined, lng: string | undefined) => (typeof value === "number" && lng ? formatNumber(value, lng) : value),
  } as never);
  void instance.init({
    initAsync: false,
    resources: resources as never,
    lng: "de",
    fallbackLng: (code: string) => [...(languageInfo(code as LanguageCode)?.fallback ?? []), "en", "de"],
    supportedLngs: languages,
    ns: [...NAMESPACES],
    defaultNS: "common",
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
  });
  const cache = new Map<LanguageCode, Translator>();
  return {
    languages,
    translator(lang) {
      let tr = cache.get(lang);
      if (!tr) {
        tr = createTranslator(instance.getFixedT(lang), lang, instance);
        cache.set(lang, tr);
      }
      return tr;
    },
  };
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number in the language's own digits, without grouping (ages, years, counts). */
export function formatNumber(n: number, lang: string): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(languageInfo(lang)?.locale ?? lang, { useGrouping: false, maximumFractionDigits: 2 });
    numberFormats.set(lang, f);
  }
  return f.format(n);
}

/** languages whose ICU list data is incomplete for two items */
const TWO_ITEM_GAP = new Set(["ps"]);

const FSI = "\u2068";
const PDI = "\u2069";

function createTranslator(fixed: TFunction, lang: LanguageCode, instance: I18nInstance): Translator {
  const dir = languageInfo(lang)?.dir ?? "ltr";
  const isolate = (text: string | number) => {
    const s = typeof text === "number" ? formatNumber(text, lang) : text;
    return dir === "rtl" ? `${FSI}${s}${PDI}` : s;
  };
  const t = (key: string, params?: Params) => fixed(key, params as never) as unknown as string;
  const locale = languageInfo(lang)?.locale ?? lang;
  const dateFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const tr: Translator = {
    lang,
    dir,
    t,
    has: (key) => instance.exists(key, { lng: lang }),
    service: (id) => t(`vocab:services.${id}.name`),
    serviceDescription: (id) => t(`vocab:services.${id}.description`),
    status: (id) => t(`vocab:statuses.${id}.name`),
    need: (id) => t(`vocab:needs.${id}.name`),
    land: (code) => t(`common:lands.${code}`),
    date: (iso) => dateFormat.format(new Date(`${iso}T00:00:00Z`)),
    list: (items, type = "conjunction") => {
      const format = new Intl.ListFormat(locale, { style: "long", type });
      if (items.length !== 2 || !TWO_ITEM_GAP.has(lang)) return format.format(items);
      // ICU's Pashto data joins two items with the English "or": take the word of its longer pattern
      const three = format.format(["\u0001", "\u0002", "\u0003"]);
      const word = three.slice(three.indexOf("\u0002") + 1, three.indexOf("\u0003")).replace(/^[\s,،]+/, " ");
      return `${items[0]}${word}${items[1]}`;
    },
    isolate,
    digits: (text) => text.replace(/\d+/g, (n) => formatNumber(Number(n), lang)),
    reason: (r) => renderReason(tr, r),
  };
  return tr;
}

function rangeCount(p: Readonly<Record<string, ReasonParam>>): number | undefined {
  const n = p.range === "min" ? p.min : p.range === "min_below" || p.range === "below" ? p.below : p.max;
  return typeof n === "number" ? n : undefined;
}

function str(p: ReasonParam | undefined): string {
  return typeof p === "string" ? p : typeof p === "number" ? String(p) : "";
}

/** Turns a reason code with params into a sentence; ids in params become names. */
export function renderReason(tr: Translator, r: Reason): string {
  const p = r.params;
  const iso = tr.isolate;
  switch (r.code.split(".")[0]) {
    case "age":
      return tr.t(`reasons:${r.code}`, {
        age: typeof p.age === "number" ? iso(p.age) : iso(str(p.age)),
        // the number next to the word "years" decides its plural form ("до 21 года", "до 26 лет")
        range: tr.t(`reasons:range.${str(p.range)}`, { min: p.min, below: p.below, max: p.max, count: rangeCount(p) }),
      });
    case "status":
      return tr.t(`reasons:${r.code}`, {
        status: iso(tr.status(str(p.status))),
        condition: p.condition ? tr.t(`reasons:conditions.${str(p.condition)}`) : "",
      });
    case "need": {
      const needs = Array.isArray(p.needs) ? (p.needs as string[]).map((n) => tr.need(n)) : [];
      return tr.t(`reasons:${r.code}`, { need: tr.need(str(p.need)), needs: tr.list(needs, "disjunction") });
    }
    case "region":
      return tr.t(`reasons:${r.code}`, {
        land: tr.land(str(p.land)),
        count: Array.isArray(p.areas) ? p.areas.length : 0,
      });
    case "validity": {
      const key = r.code === "validity.ended" && p.successor ? "validity.ended_successor" : r.code;
      return tr.t(`reasons:${key}`, { date: iso(tr.date(str(p.date))), successor: p.successor ? tr.service(str(p.successor)) : "" });
    }
    default:
      return tr.t(`reasons:${r.code}`, p as Params);
  }
}
