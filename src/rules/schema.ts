// The strict shape of rule files, vocabulary files and rule test files (zod).
// Unknown keys are errors: a misspelt key in a rule would otherwise silently drop a condition.
import { z } from "zod";
import { ARRIVAL_IDS, NEED_IDS, OUTCOMES, SERVICE_IDS, STATUS_IDS } from "./vocabulary.js";
import { LAND_CODES } from "../places/lands.js";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real calendar date");

const text = z.string().trim().min(1, "must not be empty");
const bilingual = z.strictObject({ de: text, en: text });

/** A seed citation: file name and line or line range, e.g. 001_b0d05e7187bd0276.txt:4897-4898. */
export const SEED_REF = /^(\d{3}_[0-9a-f]{16}\.txt):(\d+)(?:-(\d+))?$/;

const source = z
  .strictObject({
    title: text,
    /** the title in German where `title` is not; German answers show it (design D21) */
    title_de: text.optional(),
    ref: z.string().regex(SEED_REF, "expected FILE:LINE or FILE:START-END of a seed file").optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** the words of the source that carry the rule; for seed refs a test finds them at the cited lines */
    quote: text,
    /** when a person last checked the quote against the source; required for seed refs; for a web page, the day it was read */
    verified: isoDate.optional(),
    /** Why a statement not found in the seeds is used (design D12). Required without `ref`. */
    general_knowledge: text.optional(),
  })
  .refine((s) => s.ref !== undefined || s.url !== undefined, { message: "needs `ref` (a seed line) or `url`" })
  .refine((s) => s.ref === undefined || s.verified !== undefined, { message: "a seed citation needs the date it was verified", path: ["verified"] })
  // a web page read on a stated date (`verified`) stands on its own; otherwise say why it is used
  .refine((s) => s.ref !== undefined || s.general_knowledge !== undefined || (s.url !== undefined && s.verified !== undefined), {
    message: "a source outside the seeds must say why in `general_knowledge` (design D12), or give the date its page was read in `verified`",
    path: ["general_knowledge"],
  });

const sourceIds = z.array(z.string().regex(/^[a-z0-9_]+$/)).min(1, "cite at least one source");

const conditionCode = z.string().regex(/^[a-z0-9_]+$/, "a condition code is lower_snake_case");

const statusOutcome = z.union([
  z.enum(["eligible", "ineligible"]),
  z.strictObject({ outcome: z.literal("conditional"), if: conditionCode }),
  /** eligible or ineligible with the reason shown to the person (e.g. D15: a § 24 permit does not count) */
  z.strictObject({ outcome: z.enum(["eligible", "ineligible"]), because: conditionCode }),
]);

const statusOutcomes = z.strictObject(
  Object.fromEntries(STATUS_IDS.map((id) => [id, statusOutcome])) as Record<(typeof STATUS_IDS)[number], typeof statusOutcome>,
);
const partialStatusOutcomes = statusOutcomes.partial();

const age = z
  .strictObject({
    min: z.int().min(0).max(120).optional(),
    /** exclusive upper bound: `below: 27` means "not yet 27" */
    below: z.int().min(1).max(121).optional(),
    /** inclusive upper bound: `max: 27` means "27 is still in" */
    max: z.int().min(0).max(120).optional(),
    decision: z.string().regex(/^D\d+$/).optional(),
    source: sourceIds,
  })
  .refine((a) => a.min !== undefined || a.below !== undefined || a.max !== undefined, "give at least one of min, below, max")
  .refine((a) => a.below === undefined || a.max === undefined, "give either `below` (exclusive) or `max` (inclusive), not both")
  .refine((a) => a.min === undefined || ((a.below ?? Infinity) > a.min && (a.max ?? Infinity) >= a.min), "the upper bound lies below `min`");

const status = z.strictObject({
  outcomes: statusOutcomes,
  decision: z.string().regex(/^D\d+$/).optional(),
  source: sourceIds,
});

const needs = z.strictObject({
  any_of: z.array(z.enum(NEED_IDS)).min(1),
  decision: z.string().regex(/^D\d+$/).optional(),
  source: sourceIds,
});

const region = z.union([
  z.literal("DE"),
  z.strictObject({
    land: z.enum(LAND_CODES),
    /** Kreis or Gemeinde keys (5 or 8 digits) where the programme runs; absent = the whole Land. */
    areas: z.array(z.string().regex(/^\d{5}(\d{3})?$/, "an area is a 5- or 8-digit official key")).min(1).optional(),
    decision: z.string().regex(/^D\d+$/).optional(),
    source: sourceIds,
  }),
]);

/** D16: outcomes for status `ukraine` by arrival; they replace the status outcome for that status. */
const arrivalOutcomes = z.strictObject(
  Object.fromEntries(ARRIVAL_IDS.map((id) => [id, statusOutcome.optional()])) as Record<(typeof ARRIVAL_IDS)[number], z.ZodOptional<typeof statusOutcome>>,
);

/** A variant's own area list (D14: other municipalities in another period); the Land stays the rule's. */
const variantRegion = z.strictObject({
  areas: z.array(z.string().regex(/^\d{5}(\d{3})?$/, "an area is a 5- or 8-digit official key")).min(1),
  decision: z.string().regex(/^D\d+$/).optional(),
  source: sourceIds,
});

const variant = z.strictObject({
  valid_from: isoDate.optional(),
  valid_until: isoDate.optional(),
  status: partialStatusOutcomes,
  ukraine_arrival: arrivalOutcomes.optional(),
  region: variantRegion.optional(),
  decision: z.string().regex(/^D\d+$/).optional(),
  source: sourceIds,
});

export const ruleFileSchema = z.strictObject({
  id: z.enum(SERVICE_IDS),
  names: bilingual,
  description: bilingual,
  role: z.enum(["counselling", "need"]),
  /** Position in the ranking among rules of the same role (design D8); lower comes first. */
  priority: z.int().min(1),
  region,
  valid_from: isoDate,
  valid_until: isoDate.optional(),
  validity_source: sourceIds.optional(),
  successor: z.enum(SERVICE_IDS).optional(),
  /** Only offered where a local office exists (design D4); the answer then names the successor. */
  needs_local_office: z.boolean().optional(),
  conditions: z.strictObject({
    age: age.optional(),
    status,
    needs: needs.optional(),
  }),
  variants: z.array(variant).min(1).optional(),
  sources: z.record(z.string().regex(/^[a-z0-9_]+$/, "a source id is lower_snake_case"), source),
});
export type RuleFile = z.infer<typeof ruleFileSchema>;
export type SourceDef = z.infer<typeof source>;
export type StatusOutcomeDef = z.infer<typeof statusOutcome>;

const vocabularyEntry = z.strictObject({
  id: z.string(),
  names: bilingual,
  aliases: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  explain: bilingual,
});
export type VocabularyEntry = z.infer<typeof vocabularyEntry>;

export const statusesFileSchema = z.strictObject({ statuses: z.array(vocabularyEntry.extend({ id: z.enum(STATUS_IDS) })) });
export const needsFileSchema = z.strictObject({ needs: z.array(vocabularyEntry.extend({ id: z.enum(NEED_IDS) })) });

const expectedOutcome = z.union([
  z.enum(OUTCOMES),
  z.strictObject({
    outcome: z.enum(OUTCOMES).optional(),
    rank: z.int().min(1).optional(),
    reason: z.string().optional(),
    /** the condition code a reason carries (`if` or `because` in the rule file), e.g. lawful_stay_5_years */
    condition: z.string().optional(),
  }),
]);

export const ruleTestCaseSchema = z.strictObject({
  name: text,
  date: isoDate,
  input: z.strictObject({
    age: z.int().min(0).max(120),
    status: z.enum(STATUS_IDS),
    needs: z.array(z.enum(NEED_IDS)).default([]),
    arrival: z.enum(ARRIVAL_IDS).optional(),
    /** official key (2, 5 or 8 digits) or a Land code; absent = place not known */
    place: z.union([z.string(), z.number()]).transform(String).optional(),
  }),
  output: z.partialRecord(z.enum(SERVICE_IDS), expectedOutcome).refine((o) => Object.keys(o).length > 0, "expect at least one service"),
});
export const ruleTestFileSchema = z.strictObject({ tests: z.array(ruleTestCaseSchema).min(1) });
export type RuleTestCase = z.infer<typeof ruleTestCaseSchema>;
