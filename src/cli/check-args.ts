// Parses and checks the arguments of `wegweiser check` (and of commands that take the same
// person: referral create). Every error names the argument and the accepted values.
import { parseArgs } from "node:util";
import type { VocabularyIndex } from "../rules/aliases.js";
import type { Person } from "../rules/types.js";
import { ARRIVAL_IDS, NEED_IDS, STATUS_IDS, type NeedId } from "../rules/vocabulary.js";
import { parseArrival } from "../lookup/arrival.js";
import { LANGUAGES, isLanguageCode, type LanguageCode } from "../i18n/languages.js";
import { UsageError } from "./errors.js";
import { todayInGermany } from "../text/today.js";

export { todayInGermany };

export interface CheckArgs {
  readonly person: Person;
  readonly placeText: string | null;
  readonly date: string;
  readonly lang: LanguageCode;
  readonly json: boolean;
}


const LANGUAGE_NAMES_EN: Record<LanguageCode, string> = {
  de: "German", en: "English", ar: "Arabic", fa: "Farsi", prs: "Dari", ps: "Pashto", uk: "Ukrainian", ru: "Russian", tr: "Turkish", kmr: "Kurmanji",
};

/** every language `--lang` takes, for the usage texts: "de German (default), en English, …" */
export const LANG_HELP = LANGUAGES.map((l) => `${l.code} ${LANGUAGE_NAMES_EN[l.code]}${l.code === "de" ? " (default)" : ""}`).join(", ");

export const CHECK_OPTIONS = {
  age: { type: "string" },
  status: { type: "string" },
  need: { type: "string", multiple: true },
  arrival: { type: "string" },
  place: { type: "string" },
  date: { type: "string" },
  lang: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export function parseCheckArgs(argv: readonly string[], vocab: VocabularyIndex, languages: readonly LanguageCode[]): CheckArgs & { help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: CHECK_OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split("\n")[0]}. Accepted: --age --status --need --arrival --place --date --lang --json`);
  }
  if (values.help) return { help: true, person: { age: 0, status: "unbekannt", needs: [] }, placeText: null, date: "", lang: "de", json: false };

  if (values.age === undefined) throw new UsageError("--age is required: a whole number of years from 0 to 120");
  const ageText = values.age.trim();
  const age = /^\d{1,3}$/.test(ageText) ? Number(ageText) : NaN;
  if (!Number.isInteger(age) || age > 120) throw new UsageError(`--age: expected a whole number of years from 0 to 120, got "${values.age}"`);

  if (values.status === undefined) throw new UsageError(`--status is required; accepted: ${STATUS_IDS.join(", ")}`);
  const status = vocab.status(values.status);
  if (!status) {
    const near = vocab.suggest(values.status, "status");
    throw new UsageError(`--status: unknown value "${values.status}"${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}; accepted: ${STATUS_IDS.join(", ")}`);
  }

  const needs: NeedId[] = [];
  for (const raw of (values.need ?? []).flatMap((n) => n.split(","))) {
    if (raw.trim() === "") continue;
    const need = vocab.need(raw);
    if (!need) {
      const near = vocab.suggest(raw, "need");
      throw new UsageError(`--need: unknown value "${raw}"${near.length ? ` (did you mean ${near.join(", ")}?)` : ""}; accepted: ${NEED_IDS.join(", ")}`);
    }
    if (!needs.includes(need)) needs.push(need);
  }

  // D16: asked only of people with temporary protection (§ 24); a date such as 2025-05 is read too
  let arrival;
  if (values.arrival !== undefined) {
    arrival = parseArrival(values.arrival);
    if (!arrival) throw new UsageError(`--arrival: unknown value "${values.arrival}"; accepted: ${ARRIVAL_IDS.join(", ")} or the month of arrival as YYYY-MM`);
    if (status !== "ukraine") throw new UsageError(`--arrival applies only to --status ukraine (temporary protection under § 24), not to ${status}`);
  }

  const date = values.date ?? todayInGermany();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || !new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) {
    throw new UsageError(`--date: expected a calendar date as YYYY-MM-DD, got "${date}"`);
  }

  const lang = values.lang ?? "de";
  if (!isLanguageCode(lang) || !languages.includes(lang)) {
    const known = languages.length ? languages : LANGUAGES.map((l) => l.code);
    throw new UsageError(`--lang: unknown language "${lang}"; accepted: ${known.join(", ")}`);
  }

  const placeText = values.place === undefined ? null : values.place;
  if (placeText !== null && placeText.trim() === "") throw new UsageError("--place: empty; give a Land code (NW), an official key (05370) or a place name");
  return { help: false, person: { age, status, needs, ...(arrival ? { arrival } : {}) }, placeText, date, lang, json: values.json ?? false };
}
