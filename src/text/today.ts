// Today's date in Germany as YYYY-MM-DD: rules are evaluated on the German calendar day.

// Building an Intl.DateTimeFormat costs far more than formatting with one (it showed in the
// Telegram benchmark's profile): build it once.
const berlinDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" });

export function todayInGermany(now: Date = new Date()): string {
  return berlinDate.format(now);
}
