// The shape of an HSDS file checked before it is read: services are objects and the lists
// Wegweiser reads are lists of objects, so a hostile file ends as file:row:field problems
// (row = the service's position, from 1) instead of an exception.
import { hsdsServices } from "./hsds.js";
import type { DirectoryProblem } from "./types.js";

/** HSDS 3.0 fields of a service that hold lists of objects, as far as Wegweiser reads them. */
const OBJECT_LISTS = ["languages", "service_areas", "phones", "schedules", "service_at_locations"] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function checkHsdsShape(file: string, data: unknown): DirectoryProblem[] {
  const services = hsdsServices(data);
  if (!services) return [{ file, row: 0, field: "contents", message: "expected an HSDS service, an array of services or an object with `contents`" }];
  const problems: DirectoryProblem[] = [];
  services.forEach((s: unknown, i) => {
    const row = i + 1;
    if (!isObject(s)) return void problems.push({ file, row, field: "", message: `expected a service object, got ${s === null ? "null" : Array.isArray(s) ? "a list" : typeof s}` });
    if (s.organization !== undefined && !isObject(s.organization)) problems.push({ file, row, field: "organization", message: "expected an object" });
    for (const field of OBJECT_LISTS) {
      const list = s[field];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) {
        problems.push({ file, row, field, message: `expected a list of objects, got ${typeof list === "string" ? `the text "${list.slice(0, 20)}"` : typeof list}` });
        continue;
      }
      list.forEach((entry: unknown, j) => {
        if (!isObject(entry)) problems.push({ file, row, field: `${field}.${j}`, message: `expected an object, got ${entry === null ? "null" : typeof entry}` });
      });
    }
    const location = Array.isArray(s.service_at_locations) && isObject(s.service_at_locations[0]) ? s.service_at_locations[0].location : undefined;
    if (location !== undefined && !isObject(location)) problems.push({ file, row, field: "service_at_locations.0.location", message: "expected an object" });
    const addresses = isObject(location) ? location.addresses : undefined;
    if (addresses !== undefined && (!Array.isArray(addresses) || addresses.some((a) => !isObject(a)))) problems.push({ file, row, field: "service_at_locations.0.location.addresses", message: "expected a list of objects" });
  });
  return problems;
}
