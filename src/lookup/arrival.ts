// When a person with status `ukraine` arrived (design D16), read from an id, a date or a word:
// the Rechtskreiswechsel's cut-off is 1 April 2025. Shared by the CLI, the dialogue and the
// one-line parser. Pure and total.
import { isArrivalId, type ArrivalId } from "../rules/vocabulary.js";
import { foldKey, normaliseDigits } from "../text/fold.js";

/** Words that introduce an arrival date in a one-line check: "seit 2025-05", "arrived 2024", "ankunft 03/2025". */
export const ARRIVAL_WORDS: ReadonlySet<string> = new Set(
  ["seit", "ankunft", "angekommen", "eingereist", "einreise", "arrived", "arrival", "since", "came", "прибув", "прибула", "прибуття", "приехал", "приехала"].map(foldKey),
);

const CUT_OFF = { year: 2025, month: 4 };

/** A month (YYYY-MM, YYYY/MM, MM/YYYY, MM.YYYY) or a year (YYYY) of arrival; undefined if the text is neither. */
export function readArrivalDate(text: string): { year: number; month?: number } | undefined {
  // Arabic-Indic and Persian digits as typed on Arabic, Farsi and Pashto keyboards
  const t = normaliseDigits(text).trim();
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  if (m) return month(Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return month(Number(m[2]), Number(m[1]));
  m = /^(\d{4})$/.exec(t);
  if (m) return plausibleYear(Number(m[1])) ? { year: Number(m[1]) } : undefined;
  return undefined;
}

function plausibleYear(year: number): boolean {
  return year >= 1950 && year <= 2100;
}

function month(year: number, m: number): { year: number; month: number } | undefined {
  return plausibleYear(year) && m >= 1 && m <= 12 ? { year, month: m } : undefined;
}

/** Before or from 1 April 2025; a bare 2025 cannot tell, so it is `unknown`. */
export function arrivalFromDate(date: { year: number; month?: number }): ArrivalId {
  if (date.year < CUT_OFF.year) return "before_2025_04";
  if (date.year > CUT_OFF.year) return "from_2025_04";
  if (date.month === undefined) return "unknown";
  return date.month < CUT_OFF.month ? "before_2025_04" : "from_2025_04";
}

const ALIASES: Readonly<Record<string, ArrivalId>> = Object.fromEntries(
  (
    [
      ["before", "before_2025_04"],
      ["vorher", "before_2025_04"],
      ["davor", "before_2025_04"],
      ["after", "from_2025_04"],
      ["later", "from_2025_04"],
      ["danach", "from_2025_04"],
      ["spaeter", "from_2025_04"],
      ["später", "from_2025_04"],
      ["unknown", "unknown"],
      ["unbekannt", "unknown"],
      ["?", "unknown"],
    ] as const
  ).map(([word, id]) => [foldKey(word), id]),
);

/** An answer to "when did you arrive?": an id, an alias, a date, or the number of the choice (1–3). */
export function parseArrival(text: string): ArrivalId | undefined {
  const t = text.trim();
  if (isArrivalId(t)) return t;
  const alias = ALIASES[foldKey(t)];
  if (alias) return alias;
  if (/^[123]$/.test(t)) return (["before_2025_04", "from_2025_04", "unknown"] as const)[Number(t) - 1];
  const date = readArrivalDate(t);
  return date ? arrivalFromDate(date) : undefined;
}
