// Turns a Land code or an official key into the place the rules see: Land and key.
import { landByCode, landByKey } from "../places/lands.js";
import type { RulePlace } from "./types.js";

export function toRulePlace(text: string): RulePlace | undefined {
  const value = text.trim();
  if (/^[A-Za-z]{2}$/.test(value)) {
    const land = landByCode(value);
    return land ? { land: land.code, key: land.key } : undefined;
  }
  if (!/^\d{2}(\d{3}(\d{3})?)?$/.test(value)) return undefined;
  const land = landByKey(value);
  return land ? { land: land.code, key: value } : undefined;
}
