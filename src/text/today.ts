// Today's date in Germany as YYYY-MM-DD: rules are evaluated on the German calendar day.

export function todayInGermany(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
