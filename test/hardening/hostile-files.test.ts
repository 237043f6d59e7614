// Issue 12 item 9: hostile files end with a one-line `file:row:field` message (or the database
// named) and an exit code, never a stack trace: YAML alias bombs in the directory and the rules,
// HSDS `[null]`, `"languages": "de"`, `service_areas: [null]`; JSON with a BOM is accepted; a
// database that is random bytes, damaged, a directory or read-only stops the start cleanly.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { wegweiser } from "../cli/run.js";
import { ROOT, tempDir } from "../helpers.js";

const dir = tempDir("wegweiser-hostile-");
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** "a: &a [x × 9]", each next level nine of the one before: 9^10 nodes if expanded */
function aliasBomb(tail: string): string {
  const lines = [`a: &a [${Array(9).fill('"x"').join(",")}]`];
  for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
  return `${lines.join("\n")}\n${tail}\n`;
}

const service = {
  id: "svc-1",
  name: "Beratung Heinsberg",
  status: "active",
  x_wegweiser_kind: "mbe",
  x_source: "test",
  organization: { id: "org-1", name: "Träger" },
  service_areas: [{ id: "a1", name: "Kreis Heinsberg", x_area_key: "05370" }],
  languages: [{ id: "l1", code: "de" }],
};

/** The run ended with an exit code and a short message, not with a stack trace. */
function expectClean(r: { status: number | null; stderr: string }, code: number, pattern: RegExp): void {
  expect(r.stderr, r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/node_modules|TypeError|ReferenceError|SqliteError/);
  expect(r.stderr).toMatch(pattern);
  expect(r.status).toBe(code);
}

describe("hostile directory files", () => {
  const db = { WEGWEISER_DB: join(dir, "dir.db") };

  it("a YAML alias bomb is refused with file, row and a one-line reason", () => {
    const r = wegweiser(["directory", "validate", file("bomb.yaml", aliasBomb("offices: *j"))], db);
    expectClean(r, 1, /bomb\.yaml:\d+:[^:\n]*: .*alias/i);
  });

  for (const [name, body, field] of [
    ["null.json", "[null]", /null\.json:1:/],
    ["languages.json", JSON.stringify([{ ...service, languages: "de" }]), /languages\.json:1:languages: /],
    ["areas.json", JSON.stringify([{ ...service, service_areas: [null] }]), /areas\.json:1:service_areas\.0: /],
  ] as const) {
    it(`HSDS ${name} is refused with file:row:field`, () => {
      const r = wegweiser(["directory", "validate", file(name, body)], db);
      expectClean(r, 1, field);
    });
  }

  it("HSDS JSON that starts with a byte order mark is read", () => {
    const r = wegweiser(["directory", "validate", file("bom.json", `\ufeff${JSON.stringify([service])}`)], db);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("1 offices valid");
    expect(r.status).toBe(0);
  });
});

describe("hostile rule files", () => {
  it("a YAML alias bomb in a rule file is a broken rule file, named", () => {
    const rules = join(dir, "rules");
    cpSync(join(ROOT, "rules"), rules, { recursive: true });
    writeFileSync(join(rules, "services", "mbe.yaml"), aliasBomb("id: *j"));
    const r = wegweiser(["rules", "check", "--dir", rules]);
    expectClean(r, 1, /services\/mbe\.yaml: .*alias/i);
  });
});

describe("a database that cannot be used", () => {
  const stats = (path: string) => wegweiser(["stats"], { WEGWEISER_DB: path });

  it("random bytes: named, exit 1", () => {
    const path = join(dir, "random.db");
    writeFileSync(path, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 251)));
    expectClean(stats(path), 1, /random\.db.*not a (Wegweiser|SQLite) database/);
  });

  it("damaged: named, exit 1", () => {
    const path = join(dir, "damaged.db");
    openDb(path).close();
    const bytes = readFileSync(path);
    // the schema page after the 100-byte header, overwritten
    bytes.fill(0x5a, 100, 4096);
    writeFileSync(path, bytes);
    expectClean(stats(path), 1, /damaged\.db.*damaged/);
  });

  it("npm start on random bytes: one line, exit 1", () => {
    const path = join(dir, "random-start.db");
    writeFileSync(path, Buffer.alloc(8192, 0x41));
    const r = spawnSync(process.execPath, [join(ROOT, "dist", "src", "main.js")], { encoding: "utf8", env: { PATH: process.env.PATH, WEGWEISER_DB: path }, input: "", timeout: 30_000 });
    expectClean({ status: r.status, stderr: r.stderr }, 1, /^Wegweiser cannot start: .*random-start\.db: not a SQLite database/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a directory where the file should be: named, exit 1", () => {
    const path = join(dir, "a-directory.db");
    mkdirSync(path);
    expectClean(stats(path), 1, /a-directory\.db.*cannot (be )?open/);
  });

  it.skipIf(process.getuid?.() === 0)("read-only: named, exit 1, and left read-only", () => {
    const path = join(dir, "readonly.db");
    openDb(path).close();
    chmodSync(path, 0o400);
    expectClean(stats(path), 1, /readonly\.db.*read-only|cannot (be )?open/);
  });
});
