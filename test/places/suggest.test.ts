// The trigram index finds exactly the names a scan of every name with the edit distance finds.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bundleFile, decodePlacesBundle } from "../../src/places/bundle.js";
import { searchNames } from "../../src/places/names.js";
import { allowedEdits, boundedDistance, createNameIndex } from "../../src/places/suggest.js";
import { levenshtein } from "../../src/text/fold.js";

const names = [...new Set(decodePlacesBundle(gunzipSync(readFileSync(bundleFile())).toString("utf8")).places.flatMap((p) => searchNames(p)))];
const index = createNameIndex(names);

function scan(folded: string): string[] {
  const max = allowedEdits(folded.length);
  // the length difference is a lower bound of the distance: skipping those changes nothing
  return names.filter((n) => Math.abs(n.length - folded.length) <= max && levenshtein(folded, n) <= max).sort();
}

/** a deterministic pseudo-random sequence (mulberry32) */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function typo(name: string, edits: number, rnd: () => number): string {
  let s = name;
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rnd() * s.length);
    const c = letters[Math.floor(rnd() * letters.length)]!;
    const op = rnd();
    if (op < 0.3) s = s.slice(0, i) + s.slice(i + 1);
    else if (op < 0.6) s = s.slice(0, i) + c + s.slice(i);
    else if (op < 0.85) s = s.slice(0, i) + c + s.slice(i + 1);
    else if (i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
  return s;
}

describe("the bounded edit distance", () => {
  it("is the edit distance where that is at most the bound, else the bound plus one", () => {
    const rnd = random(7);
    const word = () => Array.from({ length: Math.floor(rnd() * 10) }, () => "aebnrs"[Math.floor(rnd() * 6)]).join("");
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const b = rnd() < 0.5 ? word() : typo(a.length ? a : "x", 1 + Math.floor(rnd() * 3), rnd);
      const max = 1 + Math.floor(rnd() * 3);
      const d = levenshtein(a, b);
      if (boundedDistance(a, b, max) !== Math.min(d, max + 1)) wrong.push(`${a} ${b} ${max}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("the place name index", () => {
  it("holds every folded name of the bundle", () => {
    expect(index.size).toBe(names.length);
    expect(names.length).toBeGreaterThan(11_000);
  });

  it("finds the same close names as a scan of every name, for 200 typos of 1 to 3 edits", () => {
    const rnd = random(42);
    const differ: string[] = [];
    for (let i = 0; i < 200; i++) {
      const q = typo(names[Math.floor(rnd() * names.length)]!, 1 + Math.floor(rnd() * 3), rnd);
      if (q.length < 2) continue;
      const fromIndex = index.close(q).map((c) => c.name).sort();
      if (JSON.stringify(fromIndex) !== JSON.stringify(scan(q))) differ.push(q);
    }
    expect(differ).toEqual([]);
  });

  it("puts the nearest names first", () => {
    const close = index.close("heinsbreg");
    expect(close[0]).toEqual({ name: "heinsberg", distance: 2 });
    expect(close.every((c, i) => i === 0 || close[i - 1]!.distance <= c.distance)).toBe(true);
    expect(index.close("koln").map((c) => c.name)).toEqual(["koeln"]);
  });
});
