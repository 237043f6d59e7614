// Open Referral HSDS 3.0 JSON: each office is one `service` with its `organization`,
// `service_areas`, `languages`, `phones`, `schedules` and locations nested, as the HSDS API
// returns it; the export validates against the official compiled schema (test). German
// specifics are extensions with the prefix x_. An import keeps what an office can hold and
// says per service, in one line, what it had to leave out.
import { createHash } from "node:crypto";
import { landByKey } from "../places/lands.js";
import type { Office } from "./types.js";

/** A stable UUID (version 5 layout) from our id, so repeated exports keep their identifiers. */
export function stableUuid(...parts: string[]): string {
  const h = createHash("sha1").update(`wegweiser:${parts.join(":")}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

// Persistent identifiers of areas: DCAT-AP.de political geocoding for official keys
// (dcat-ap.de/def/politicalGeocoding), the EU country authority table for Germany.
const GEOCODING = "https://www.dcat-ap.de/def/politicalGeocoding";
const GERMANY_URI = "http://publications.europa.eu/resource/authority/country/DEU";
const KEY_LEVEL: Record<number, string> = { 2: "stateKey", 5: "districtKey", 8: "municipalityKey" };

export function areaUri(key: string): string {
  return key === "DE" ? GERMANY_URI : `${GEOCODING}/${KEY_LEVEL[key.length]}/${key}`;
}

export function areaKeyOfUri(uri: string): string | undefined {
  if (uri === GERMANY_URI) return "DE";
  const m = /politicalGeocoding\/(stateKey|districtKey|municipalityKey)\/(\d{2}|\d{5}|\d{8})$/.exec(uri);
  return m && KEY_LEVEL[m[2]!.length] === m[1] ? m[2] : undefined;
}

/** An entry without any way to reach it (no address, phone, e-mail, web): a slot for the Kreis to fill. */
export function isPlaceholder(o: Office): boolean {
  return !o.address && !o.postcode && !o.city && !o.phone && !o.email && !o.web;
}

const languageNames = new Intl.DisplayNames(["de"], { type: "language" });

function location(o: Office, id: string, serviceId: string, type: "physical" | "virtual"): Record<string, unknown> {
  const locationId = stableUuid("location", o.id, ...(type === "virtual" ? ["virtual"] : []));
  const land = o.areas.map(landByKey).find((l) => l !== undefined);
  const fullAddress = o.address && o.postcode && o.city && land;
  const partial = [o.address, [o.postcode, o.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return {
    id,
    service_id: serviceId,
    location_id: locationId,
    location: {
      id: locationId,
      location_type: type,
      name: o.name,
      ...(type === "virtual" && o.web ? { url: o.web } : {}),
      // an address the schema can hold needs street, postcode, city and Land; anything less is text
      ...(type === "physical" && !fullAddress && partial ? { description: partial, x_address: { address_1: o.address, postal_code: o.postcode, city: o.city } } : {}),
      addresses:
        type === "physical" && fullAddress
          ? [{ id: stableUuid("address", o.id), location_id: locationId, address_1: o.address, city: o.city, state_province: land.name, postal_code: o.postcode, country: "DE", address_type: "physical" }]
          : [],
    },
  };
}

export function toHsdsService(o: Office, areaName: (key: string) => string = (k) => k): Record<string, unknown> {
  const id = o.hsdsServiceId ?? stableUuid("service", o.id);
  const orgId = o.hsdsOrganizationId ?? stableUuid("organization", o.provider ?? o.name);
  const physical = Boolean(o.address || o.postcode || o.city);
  const virtual = o.online && Boolean(o.web);
  return {
    id,
    organization_id: orgId,
    name: o.name,
    ...(o.note ? { description: o.note } : {}),
    ...(o.web ? { url: o.web } : {}),
    ...(o.email ? { email: o.email } : {}),
    // an entry nobody can reach yet is not an active service
    status: isPlaceholder(o) ? "inactive" : "active",
    ...(o.lastVerified ? { assured_date: o.lastVerified } : {}),
    organization: o.provider
      ? { id: orgId, name: o.provider, description: `${o.provider}: Träger von „${o.name}“.` }
      : { id: orgId, name: o.name, description: `${o.name} (Träger nicht angegeben).`, x_placeholder: true },
    phones: o.phone ? [{ id: stableUuid("phone", o.id), service_id: id, number: o.phone }] : [],
    schedules: o.hours ? [{ id: stableUuid("schedule", o.id), service_id: id, description: o.hours }] : [],
    languages: o.languages.map((code) => ({ id: stableUuid("language", o.id, code), service_id: id, code, name: languageNames.of(code) ?? code })),
    service_areas: o.areas.map((a) => ({
      id: stableUuid("area", o.id, a),
      service_id: id,
      name: a === "DE" ? "Deutschland" : areaName(a),
      uri: areaUri(a),
      x_area_key: a,
    })),
    service_at_locations: [
      ...(physical ? [location(o, stableUuid("service_at_location", o.id), id, "physical")] : []),
      ...(virtual ? [location(o, stableUuid("service_at_location", o.id, "virtual"), id, "virtual")] : []),
    ],
    x_wegweiser_id: o.id,
    x_wegweiser_kind: o.kind,
    x_online: o.online,
    x_source: o.source,
    ...(o.validFrom ? { x_valid_from: o.validFrom } : {}),
    ...(o.validUntil ? { x_valid_until: o.validUntil } : {}),
    ...(o.translations ? { x_translations: o.translations } : {}),
  };
}

export function writeHsds(offices: readonly Office[], areaName?: (key: string) => string): string {
  const contents = offices.map((o) => toHsdsService(o, areaName));
  // The page shape of the HSDS API's /services response, all on one page.
  const page = { total_items: contents.length, total_pages: 1, page_number: 1, size: contents.length, first_page: true, last_page: true, empty: contents.length === 0, contents };
  return `${JSON.stringify(page, null, 2)}\n`;
}

/** office field → where it sits in an HSDS service, to name fields in problems */
const HSDS_FIELD: Record<string, string> = {
  id: "x_wegweiser_id",
  kind: "x_wegweiser_kind",
  provider: "organization.name",
  address: "service_at_locations.0.location.addresses.0.address_1",
  postcode: "service_at_locations.0.location.addresses.0.postal_code",
  city: "service_at_locations.0.location.addresses.0.city",
  phone: "phones.0.number",
  web: "url",
  languages: "languages",
  hours: "schedules.0.description",
  online: "x_online",
  areas: "service_areas",
  valid_from: "x_valid_from",
  valid_until: "x_valid_until",
  last_verified: "assured_date",
  source: "x_source",
  note: "description",
  translations: "x_translations",
  hsds_service_id: "id",
  hsds_organization_id: "organization.id",
};

export function hsdsField(f: string): string {
  const [head, ...rest] = f.split(".");
  const mapped = HSDS_FIELD[head!] ?? head!;
  if ((head === "areas" || head === "languages") && rest.length > 0) return `${mapped}.${rest[0]}.${head === "areas" ? "x_area_key" : "code"}`;
  return [mapped, ...rest].join(".");
}

/** The fields an office holds; everything else present in a service is reported as left out. */
const KEPT = new Set([
  "id", "organization_id", "name", "description", "url", "email", "status", "assured_date", "phones", "schedules", "languages",
  "service_areas", "service_at_locations", "organization",
  "x_wegweiser_id", "x_wegweiser_kind", "x_online", "x_source", "x_valid_from", "x_valid_until", "x_translations",
]);

export interface HsdsDefaults {
  /** service kind for services without x_wegweiser_kind */
  readonly kind?: string;
  /** area key for services whose areas carry no official key */
  readonly area?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const isEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** The input of one office from one HSDS service, and what it had to leave out. */
export function fromHsdsService(s: Obj, file: string, defaults: HsdsDefaults): { input: Obj; dropped: string[] } {
  const dropped = Object.keys(s).filter((k) => !KEPT.has(k) && !isEmpty(s[k]));
  const locations = objects(s.service_at_locations).map((sal) => sal.location).filter(isObj);
  const physical = locations.find((l) => l.location_type !== "virtual");
  const virtual = locations.find((l) => l.location_type === "virtual");
  const addresses = physical ? objects(physical.addresses) : [];
  // an incomplete address of ours travels as x_address beside the location's text
  const addr = addresses[0] ?? (isObj(physical?.x_address) ? physical.x_address : undefined);
  if (locations.length > (physical ? 1 : 0) + (virtual ? 1 : 0) || addresses.length > 1) dropped.push("further locations");
  const phones = objects(s.phones);
  const schedules = objects(s.schedules);
  let postcode = str(addr?.postal_code);
  if (postcode && !/^\d{5}$/.test(postcode)) {
    dropped.push(`postal_code "${postcode}" (not a German postcode)`);
    postcode = undefined;
  }
  let phone = str(phones[0]?.number);
  if (phone && !/^\+?[0-9 ()/-]{3,30}$/.test(phone)) {
    dropped.push(`phone "${phone}" (not a phone number Wegweiser can show)`);
    phone = undefined;
  }
  if (phones.length > 1) dropped.push("further phones");
  if (schedules.length > 0 && !str(schedules[0]!.description)) dropped.push("structured schedule (only its description is kept)");
  const areas = objects(s.service_areas).map((a) => str(a.x_area_key) ?? (str(a.uri) ? areaKeyOfUri(str(a.uri)!) : undefined));
  if (areas.some((a) => a === undefined)) dropped.push("service areas without an official key");
  const known = areas.filter((a): a is string => a !== undefined);
  const org = isObj(s.organization) ? s.organization : undefined;
  const rawLanguages = Array.isArray(s.languages) ? s.languages : typeof s.languages === "string" ? [s.languages] : [];
  const input: Obj = {
    id: str(s.x_wegweiser_id) ?? str(s.id),
    kind: s.x_wegweiser_kind ?? defaults.kind,
    name: s.name,
    // x_placeholder marks the organization an export invents where the provider is unknown
    provider: org?.x_placeholder === true ? undefined : str(org?.name),
    address: str(addr?.address_1),
    postcode,
    city: str(addr?.city),
    phone,
    email: str(s.email),
    web: str(s.url) ?? str(virtual?.url),
    languages: rawLanguages.map((l) => (isObj(l) ? l.code : l)).filter((c) => c !== undefined && c !== null),
    hours: str(schedules[0]?.description),
    online: typeof s.x_online === "boolean" ? s.x_online : virtual !== undefined,
    areas: known.length > 0 ? known : defaults.area ? [defaults.area] : [],
    valid_from: str(s.x_valid_from),
    valid_until: str(s.x_valid_until),
    last_verified: str(s.assured_date),
    source: str(s.x_source) ?? `HSDS ${file}`,
    note: str(s.description),
    translations: s.x_translations ?? undefined,
    hsds_service_id: str(s.id),
    hsds_organization_id: str(org?.id) ?? str(s.organization_id),
  };
  // identifiers that an export of ours would give anyway are not kept
  if (input.hsds_service_id === stableUuid("service", String(input.id))) delete input.hsds_service_id;
  if (input.hsds_organization_id === stableUuid("organization", String(input.provider ?? input.name))) delete input.hsds_organization_id;
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return { input, dropped };
}

/** the services of an HSDS file: an API page (`contents`), a list, or a single service */
export function hsdsServices(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (isObj(data) && Array.isArray(data.contents)) return data.contents;
  if (isObj(data) && "name" in data && "id" in data) return [data];
  return undefined;
}
