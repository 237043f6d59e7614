// Checks one office, whatever file format it came from; problems name the field.
import { z } from "zod";
import { SERVICE_IDS } from "../rules/vocabulary.js";
import { landByKey } from "../places/lands.js";
import type { Office } from "./types.js";
import { compact } from "../lib/compact.js";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a calendar date");
/**
 * The URL parser's form of an address (case, `"` and spaces percent-encoded), so no character
 * of it can end an HTML attribute; a bare origin keeps its form without the trailing "/".
 */
export function normaliseUrl(u: string): string {
  const url = new URL(u);
  return url.href === `${url.origin}/` && !u.endsWith("/") ? url.origin : url.href;
}
const optionalText = z.string().trim().min(1).max(2000).optional();

export const officeSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, "letters, digits and _ . : - only, at most 100"),
    kind: z.enum(SERVICE_IDS),
    name: z.string().trim().min(2).max(300),
    provider: optionalText,
    address: optionalText,
    postcode: z.string().regex(/^\d{5}$/, "expected five digits").optional(),
    city: optionalText,
    phone: z.string().regex(/^\+?[0-9 ()/-]{3,30}$/, "digits, spaces and + ( ) / - only (3 to 30)").optional(),
    email: z.email("not an e-mail address").optional(),
    web: z
      .url({ protocol: /^https?$/, error: "expected an http(s) address" })
      .transform(normaliseUrl)
      .optional(),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, "an ISO 639 code such as de, ar, fa")).default([]),
    hours: optionalText,
    online: z.boolean().default(false),
    areas: z
      .array(z.string().refine((a) => a === "DE" || (/^\d{2}(\d{3}(\d{3})?)?$/.test(a) && landByKey(a) !== undefined), "DE or an official key of 2, 5 or 8 digits"))
      .min(1, "at least one area: DE or an official key"),
    valid_from: date.optional(),
    valid_until: date.optional(),
    last_verified: date.optional(),
    source: z.string().trim().min(2, "say where this entry comes from"),
    note: optionalText,
    hsds_service_id: z.string().regex(/^[0-9A-Za-z_.:-]{1,100}$/, "an HSDS identifier").optional(),
    hsds_organization_id: z.string().regex(/^[0-9A-Za-z_.:-]{1,100}$/, "an HSDS identifier").optional(),
    translations: z.record(z.string().regex(/^[a-z]{2,3}$/), z.strictObject({ name: optionalText, description: optionalText, note: optionalText, hours: optionalText })).optional(),
  })
  .refine((o) => !o.valid_until || !o.valid_from || o.valid_from <= o.valid_until, { message: "ends before it starts", path: ["valid_until"] });

export type OfficeInput = z.input<typeof officeSchema>;

export type OfficeCheck = { ok: true; office: Office } | { ok: false; problems: { field: string; message: string }[] };

export function checkOffice(input: unknown): OfficeCheck {
  const r = officeSchema.safeParse(input);
  if (!r.success) {
    return {
      ok: false,
      problems: r.error.issues.map((i) => ({
        field: i.code === "unrecognized_keys" ? i.keys.join(",") : i.path.map(String).join(".") || "(row)",
        message: i.code === "unrecognized_keys" ? "unknown field" : i.message,
      })),
    };
  }
  const o = r.data;
  const office: Office = compact({
    id: o.id,
    kind: o.kind,
    name: o.name,
    provider: o.provider,
    address: o.address,
    postcode: o.postcode,
    city: o.city,
    phone: o.phone,
    email: o.email,
    web: o.web,
    languages: o.languages,
    hours: o.hours,
    online: o.online,
    areas: [...new Set(o.areas)],
    validFrom: o.valid_from,
    validUntil: o.valid_until,
    lastVerified: o.last_verified,
    source: o.source,
    note: o.note,
    hsdsServiceId: o.hsds_service_id,
    hsdsOrganizationId: o.hsds_organization_id,
    translations: o.translations as Office["translations"],
  });
  return { ok: true, office };
}

/** The office in the field names of the files (snake_case), for YAML and CSV export. */
export function toOfficeInput(o: Office): OfficeInput {
  return compact({
    id: o.id,
    kind: o.kind,
    name: o.name,
    provider: o.provider,
    address: o.address,
    postcode: o.postcode,
    city: o.city,
    phone: o.phone,
    email: o.email,
    web: o.web,
    languages: [...o.languages],
    hours: o.hours,
    online: o.online,
    areas: [...o.areas],
    valid_from: o.validFrom,
    valid_until: o.validUntil,
    last_verified: o.lastVerified,
    source: o.source,
    note: o.note,
    hsds_service_id: o.hsdsServiceId,
    hsds_organization_id: o.hsdsOrganizationId,
    translations: o.translations as Record<string, Record<string, string>> | undefined,
  });
}
