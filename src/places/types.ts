// Place vocabulary shared by the bundled data, the resolver and the channels.

/** Two-letter codes of the 16 Länder, as used in `--place NW` and in rule regions. */
export type LandCode =
  | "SH" | "HH" | "NI" | "HB" | "NW" | "HE" | "RP" | "BW"
  | "BY" | "SL" | "BE" | "BB" | "MV" | "SN" | "ST" | "TH";

export interface Land {
  /** Two-digit official key (Amtlicher Gemeindeschlüssel prefix). */
  readonly key: string;
  readonly code: LandCode;
  readonly name: string;
}

export interface Kreis {
  /** Five-digit official key. */
  readonly key: string;
  readonly name: string;
  readonly kind: "kreis" | "kreisfreie_stadt";
}

/** A place a person lives in, at the precision we know it: Land, Kreis or Gemeinde. */
export interface Place {
  /** Official key of 2 (Land), 5 (Kreis) or 8 (Gemeinde) digits. */
  readonly key: string;
  readonly name: string;
  readonly land: LandCode;
  readonly kreis?: { readonly key: string; readonly name: string };
}
