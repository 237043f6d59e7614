// Offices of a service as short lines for staff: name, how to reach it, opening hours, languages
// and the operator's note, local ones first; where no office nearby is known, says so and names
// the nationwide routes or the successor (D4, D21).
import type { Translator } from "../i18n/index.js";
import type { ServiceRoute } from "../directory/route.js";
import type { OfficeMatch } from "../directory/types.js";

export function officeLine(m: OfficeMatch, tr: Translator): string {
  const o = m.office;
  const name = o.translations?.[tr.lang]?.name ?? o.name;
  const where = [o.address, [o.postcode, o.city].filter(Boolean).join(" ")].filter((x) => x && x.trim() !== "").join(", ");
  const parts = [name, where, o.phone, o.email, o.web].filter((x): x is string => typeof x === "string" && x !== "");
  const line = parts.map((p, i) => (i === 0 ? p : tr.isolate(p))).join(" · ");
  const more = [
    o.hours && `${tr.t("result.hours")}: ${tr.isolate(o.translations?.[tr.lang]?.hours ?? o.hours)}`,
    o.languages.length > 0 && `${tr.t("result.languages")}: ${o.languages.join(", ")}`,
    o.note && `${tr.t("result.note")}: ${tr.isolate(o.translations?.[tr.lang]?.note ?? o.note)}`,
  ].filter((x): x is string => typeof x === "string");
  return `${o.online ? `${line} (${tr.t("result.online")})` : line}${more.length ? ` [${more.join("; ")}]` : ""}`;
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
