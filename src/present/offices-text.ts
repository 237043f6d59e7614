// Offices of a service as short lines: name and how to reach it, local ones first; where
// no office nearby is known, says so and names the online service or the successor (D4).
import type { Translator } from "../i18n/index.js";
import type { ServiceRoute } from "../directory/route.js";
import type { OfficeMatch } from "../directory/types.js";

export function officeLine(m: OfficeMatch, tr: Translator): string {
  const o = m.office;
  const name = o.translations?.[tr.lang]?.name ?? o.name;
  const where = [o.address, [o.postcode, o.city].filter(Boolean).join(" ")].filter((x) => x && x.trim() !== "").join(", ");
  const parts = [name, where, o.phone, o.email, o.web].filter((x): x is string => typeof x === "string" && x !== "");
  const line = parts.map((p, i) => (i === 0 ? p : tr.isolate(p))).join(" · ");
  return o.online ? `${line} (${tr.t("result.online")})` : line;
}

export function routeLines(route: ServiceRoute | undefined, tr: Translator, max = 3): string[] {
  if (!route) return [];
  const lines: string[] = [];
  if (!route.local) lines.push(tr.t("result.no_local_office"));
  for (const m of route.offices.slice(0, max)) lines.push(`→ ${officeLine(m, tr)}`);
  if (route.successor) {
    lines.push(tr.t("result.successor_offices", { service: tr.service(route.successor.id) }));
    for (const m of route.successor.offices.slice(0, max)) lines.push(`→ ${officeLine(m, tr)}`);
  }
  return lines;
}
