// The pure core stays pure: src/rules and src/dialogue import no channel, database, network
// or translation package (style.md), and channels never import each other.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/^\s*import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]!);
}

const FORBIDDEN_IN_CORE = /^(grammy|@grammyjs\/|@slack\/|better-sqlite3|i18next|node:http|node:https|node:net|node:sqlite)|\/(channels|store|i18n|directory|cli)\//;

describe("layering", () => {
  for (const core of ["src/rules", "src/dialogue"]) {
    it(`${core} imports no channel, database, network or i18n module`, () => {
      const bad = tsFiles(join(ROOT, core)).flatMap((f) =>
        imports(f)
          .filter((i) => FORBIDDEN_IN_CORE.test(i))
          .map((i) => `${relative(ROOT, f)} imports ${i}`),
      );
      expect(bad).toEqual([]);
    });
  }

  it("src/rules reads files only in load.ts", () => {
    const bad = tsFiles(join(ROOT, "src/rules"))
      .filter((f) => !f.endsWith("load.ts"))
      .filter((f) => imports(f).some((i) => i === "node:fs" || i === "node:fs/promises"))
      .map((f) => relative(ROOT, f));
    expect(bad).toEqual([]);
  });

  it("channels never import each other", () => {
    const channels = join(ROOT, "src/channels");
    const names = existsSync(channels) ? readdirSync(channels) : [];
    const bad: string[] = [];
    for (const name of names) {
      for (const f of tsFiles(join(channels, name))) {
        for (const i of imports(f)) {
          for (const other of names) if (other !== name && i.includes(`/channels/${other}/`) || (other !== name && i.startsWith(`../${other}/`))) bad.push(`${relative(ROOT, f)} imports ${i}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe("runtime flags", () => {
  it("the benchmark measures memory and start-up with the flags npm start uses", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
    const { START_FLAGS } = await import("../bench/dialogue.js");
    for (const flag of START_FLAGS) expect(pkg.scripts.start).toContain(flag);
  });
});
