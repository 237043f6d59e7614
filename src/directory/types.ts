// An office of the local directory: who offers a service (kind = a rule's service id), where,
// how to reach it and which areas it serves.
import type { ServiceId } from "../rules/vocabulary.js";

export interface Office {
  readonly id: string;
  readonly kind: ServiceId;
  readonly name: string;
  readonly provider?: string;
  readonly address?: string;
  readonly postcode?: string;
  readonly city?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly web?: string;
  /** ISO 639 codes of the languages spoken */
  readonly languages: readonly string[];
  /** opening hours as the office states them */
  readonly hours?: string;
  readonly online: boolean;
  /** "DE" (nationwide) or official keys of 2, 5 or 8 digits */
  readonly areas: readonly string[];
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly lastVerified?: string;
  readonly source: string;
  readonly note?: string;
  /** the identifiers of an imported HSDS service and its organization, kept for re-export */
  readonly hsdsServiceId?: string;
  readonly hsdsOrganizationId?: string;
  /** name / description / note / opening hours in other languages (HSDS x_translations) */
  readonly translations?: Readonly<Record<string, Readonly<Partial<Record<"name" | "description" | "note" | "hours", string>>>>>;
}

export type MatchLevel = "gemeinde" | "kreis" | "land" | "national";

export interface OfficeMatch {
  readonly office: Office;
  /** how specific the covered area is: the best match covers the person's Gemeinde */
  readonly level: MatchLevel;
  readonly area: string;
}

export interface DirectoryProblem {
  readonly file: string;
  /** 1-based row (CSV line, YAML entry, HSDS service) */
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export function formatDirectoryProblem(p: DirectoryProblem): string {
  return `${p.file}:${p.row}:${p.field}: ${p.message}`;
}
