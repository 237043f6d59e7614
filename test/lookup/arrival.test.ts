// Reading when a person from Ukraine arrived (design D16): ids, words, dates, choice numbers.
import { describe, expect, it } from "vitest";
import { arrivalFromDate, parseArrival, readArrivalDate } from "../../src/lookup/arrival.js";

describe("arrival", () => {
  it("reads a month in the usual ways and a bare year", () => {
    expect(readArrivalDate("2025-05")).toEqual({ year: 2025, month: 5 });
    expect(readArrivalDate("03/2025")).toEqual({ year: 2025, month: 3 });
    expect(readArrivalDate("3.2025")).toEqual({ year: 2025, month: 3 });
    expect(readArrivalDate("2024")).toEqual({ year: 2024 });
    expect(readArrivalDate("2025-13")).toBeUndefined();
    expect(readArrivalDate("Heinsberg")).toBeUndefined();
  });

  it("reads a month typed in Arabic-Indic or Persian digits, as the Arabic, Farsi and Pashto examples show", () => {
    expect(readArrivalDate("٢٠٢٥-٠٥")).toEqual({ year: 2025, month: 5 });
    expect(readArrivalDate("۲۰۲۵-۰۵")).toEqual({ year: 2025, month: 5 });
    expect(parseArrival("۰۳/۲۰۲۵")).toBe("before_2025_04");
  });

  it("puts March 2025 before and April 2025 from the cut-off, and a bare 2025 in neither", () => {
    expect(arrivalFromDate({ year: 2025, month: 3 })).toBe("before_2025_04");
    expect(arrivalFromDate({ year: 2025, month: 4 })).toBe("from_2025_04");
    expect(arrivalFromDate({ year: 2024 })).toBe("before_2025_04");
    expect(arrivalFromDate({ year: 2026 })).toBe("from_2025_04");
    expect(arrivalFromDate({ year: 2025 })).toBe("unknown");
  });

  it("takes ids, words, dates and the number of the choice, and nothing else", () => {
    expect(parseArrival("from_2025_04")).toBe("from_2025_04");
    expect(parseArrival("vorher")).toBe("before_2025_04");
    expect(parseArrival("Später")).toBe("from_2025_04");
    expect(parseArrival("2")).toBe("from_2025_04");
    expect(parseArrival("3")).toBe("unknown");
    expect(parseArrival("2025-03")).toBe("before_2025_04");
    expect(parseArrival("4")).toBeUndefined();
    expect(parseArrival("yesterday")).toBeUndefined();
  });
});
