// Resolves a Land code or an official key (2, 5 or 8 digits) from the data bundled with the
// code: the 16 Länder and the 53 NRW Kreise. Works before any place data is imported.
import { LANDS, landByCode, landByKey } from "./lands.js";
import { NRW_KREISE } from "./nrw-kreise.js";
import type { Kreis, Place } from "./types.js";

const kreisByKey = new Map<string, Kreis>(NRW_KREISE.map((k) => [k.key, k]));

export function bundledKreis(key: string): Kreis | undefined {
  return kreisByKey.get(key);
}

export type KeyLookup = { ok: true; place: Place } | { ok: false; reason: "not_a_key" | "unknown_land" | "unknown_kreis" };

/**
 * A Land code (NW) or an official key. Keys of Kreise outside NRW and of Gemeinden are
 * accepted at the precision we can vouch for: the Land, and the NRW Kreis when known.
 */
export function lookupBundled(text: string): KeyLookup {
  const value = text.trim();
  const byCode = /^[A-Za-z]{2}$/.test(value) ? landByCode(value) : undefined;
  if (byCode) return { ok: true, place: { key: byCode.key, name: byCode.name, land: byCode.code } };
  if (/^[A-Za-z]{2}$/.test(value)) return { ok: false, reason: "unknown_land" };
  if (!/^\d{2}(\d{3}(\d{3})?)?$/.test(value)) return { ok: false, reason: "not_a_key" };
  const land = landByKey(value);
  if (!land) return { ok: false, reason: "unknown_land" };
  if (value.length === 2) return { ok: true, place: { key: value, name: land.name, land: land.code } };
  const kreisKey = value.slice(0, 5);
  const kreis = kreisByKey.get(kreisKey);
  if (land.code === "NW" && !kreis) return { ok: false, reason: "unknown_kreis" };
  if (value.length === 5) {
    return { ok: true, place: { key: value, name: kreis?.name ?? `${land.name} (${value})`, land: land.code } };
  }
  return {
    ok: true,
    place: {
      key: value,
      name: kreis ? `${value} (${kreis.name})` : `${value} (${land.name})`,
      land: land.code,
      ...(kreis ? { kreis: { key: kreis.key, name: kreis.name } } : {}),
    },
  };
}

export { LANDS };
