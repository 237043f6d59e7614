// Drops the fields that are undefined or empty, so optional fields are absent rather than
// present-but-empty in records, JSON and exports.

export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}
