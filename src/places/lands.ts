// The 16 Länder with official keys and two-letter codes (Destatis GV-ISys, satzart 10).
import type { Land, LandCode } from "./types.js";

export const LANDS: readonly Land[] = [
  { key: "01", code: "SH", name: "Schleswig-Holstein" },
  { key: "02", code: "HH", name: "Hamburg" },
  { key: "03", code: "NI", name: "Niedersachsen" },
  { key: "04", code: "HB", name: "Bremen" },
  { key: "05", code: "NW", name: "Nordrhein-Westfalen" },
  { key: "06", code: "HE", name: "Hessen" },
  { key: "07", code: "RP", name: "Rheinland-Pfalz" },
  { key: "08", code: "BW", name: "Baden-Württemberg" },
  { key: "09", code: "BY", name: "Bayern" },
  { key: "10", code: "SL", name: "Saarland" },
  { key: "11", code: "BE", name: "Berlin" },
  { key: "12", code: "BB", name: "Brandenburg" },
  { key: "13", code: "MV", name: "Mecklenburg-Vorpommern" },
  { key: "14", code: "SN", name: "Sachsen" },
  { key: "15", code: "ST", name: "Sachsen-Anhalt" },
  { key: "16", code: "TH", name: "Thüringen" },
];

const byKey = new Map(LANDS.map((l) => [l.key, l]));
const byCode = new Map(LANDS.map((l) => [l.code, l]));

export const LAND_CODES = LANDS.map((l) => l.code) as [LandCode, ...LandCode[]];

export function landByKey(key: string): Land | undefined {
  return byKey.get(key.slice(0, 2));
}

export function landByCode(code: string): Land | undefined {
  return byCode.get(code.toUpperCase() as LandCode);
}

export function isLandCode(code: string): code is LandCode {
  return byCode.has(code as LandCode);
}
