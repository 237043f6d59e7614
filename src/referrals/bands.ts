// Age bands for referrals and statistics: coarse enough not to identify, aligned with the
// bounds that matter for the rules (12, 18, 27).

export const AGE_BANDS = ["0-11", "12-17", "18-26", "27-39", "40-59", "60+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(age: number): AgeBand {
  if (age < 12) return "0-11";
  if (age < 18) return "12-17";
  if (age < 27) return "18-26";
  if (age < 40) return "27-39";
  if (age < 60) return "40-59";
  return "60+";
}
