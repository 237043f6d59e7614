// Benchmark: one dialogue step including the SQLite session read and write (p50/p99), memory
// with 100,000 stored sessions, and cold start of `npm start` to its first message.
import { pragma } from "../src/store/db.js";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApp } from "../src/app.js";
import { createConversation } from "../src/conversation.js";
import type { DialogueInput, DialogueState } from "../src/dialogue/types.js";
import { readGemeindeverzeichnis, readPostcodes } from "../src/places/import.js";
import { projectRoot } from "../src/paths.js";
import { nowNs, seededRandom, summarise } from "./stats.js";

/** the V8 flags of `npm start` (package.json): a smaller young generation keeps RSS under 100 MB */
export const START_FLAGS = ["--max-semi-space-size=4"];

const SCRIPT: DialogueInput[] = [
  { kind: "start" },
  { kind: "choice", id: "de" },
  { kind: "choice", id: "ok" },
  { kind: "text", text: "22" },
  { kind: "choice", id: "duldung" },
  { kind: "choice", id: "arbeit" },
  { kind: "choice", id: "sprache" },
  { kind: "choice", id: "done" },
  { kind: "text", text: "Erkelenz" },
];

async function coldStart(runs: number): Promise<number[]> {
  const times: number[] = [];
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-start-"));
  for (let i = 0; i < runs; i++) {
    const t0 = nowNs();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [...START_FLAGS, join(projectRoot(), "dist", "src", "main.js")], {
        env: { ...process.env, WEGWEISER_DB: join(dir, "start.db"), LANG: "C" },
        stdio: ["pipe", "pipe", "inherit"],
      });
      child.stdout.once("data", () => {
        times.push(Number(nowNs() - t0) / 1e6);
        child.stdin.end();
      });
      child.on("exit", () => resolve());
      child.on("error", reject);
    });
  }
  rmSync(dir, { recursive: true, force: true });
  return times;
}

/** RSS of a fresh process that opens the database with 100,000 sessions and talks with 1,000 users. */
async function childRss(dbFile: string, flags: readonly string[]): Promise<number> {
  const script = join(projectRoot(), "dist", "bench", "dialogue-memory.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, script, dbFile], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`memory probe exited ${code}`))));
  });
}

export async function benchDialogue(geoDir: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bench-"));
  const app = openApp({ dbPath: join(dir, "bench.db") });
  try {
    const gv = readGemeindeverzeichnis("gv.csv", readFileSync(join(geoDir, "gemeindeverzeichnis-auszug.csv"), "utf8"));
    const pc = readPostcodes("plz.csv", readFileSync(join(geoDir, "zuordnung_plz_ort_landkreis.csv"), "utf8"));
    app.places.replacePlaces(gv.rows, "gv.csv");
    app.places.replacePostcodes(pc.rows);
    const conversation = createConversation(app, { today: () => "2026-11-21" });

    // 100,000 stored sessions, each a realistic finished conversation's state
    const template = conversation.handle("bench", "template", SCRIPT[0]!).state;
    let state: DialogueState = template;
    for (const input of SCRIPT.slice(1)) state = conversation.handle("bench", "template", input).state;
    const json = JSON.stringify(state);
    const rnd = seededRandom(3);
    const insert = app.db.prepare("INSERT OR REPLACE INTO sessions (user_key, state, updated_at) VALUES (?, ?, ?)");
    app.db.transaction(() => {
      for (let i = 0; i < 100_000; i++) insert.run(app.sessions.userKey("telegram", 10_000_000 + i), json, Date.now() - Math.floor(rnd() * 1e9));
    })();

    // the bulk load above is not what a running bot sees: start from a checkpointed database
    pragma(app.db, "wal_checkpoint(TRUNCATE)");

    // steps of many conversations, interleaved as chats would be
    const perKind = new Map<string, number[]>();
    const all: number[] = [];
    const users = 500;
    for (const input of SCRIPT) {
      for (let u = 0; u < users; u++) {
        const t0 = nowNs();
        conversation.handle("telegram", 20_000_000 + u, input);
        const ms = Number(nowNs() - t0) / 1e6;
        all.push(ms);
        const kind = input.kind === "text" ? `text:${input.text}` : input.kind === "choice" ? `choice:${input.id}` : input.kind;
        (perKind.get(kind) ?? perKind.set(kind, []).get(kind)!).push(ms);
      }
    }
    const rssMb = await childRss(join(dir, "bench.db"), START_FLAGS);
    const rssMbNodeDefaults = await childRss(join(dir, "bench.db"), []);
    const dbMb = statSync(join(dir, "bench.db")).size / 1024 / 1024;
    const s = (xs: number[]) => {
      const m = summarise(xs);
      return { p50: m.p50, p99: m.p99, n: m.n };
    };
    const start = await coldStart(10);
    return {
      name: "dialogue step with SQLite session read and write",
      sessions_stored: app.sessions.count(),
      step_ms: s(all),
      step_ms_by_input: Object.fromEntries([...perKind].map(([k, v]) => [k, s(v)])),
      rss_mb_with_100k_sessions: rssMb,
      rss_mb_with_100k_sessions_node_default_flags: rssMbNodeDefaults,
      db_file_mb: dbMb,
      cold_start_to_first_message_ms: s(start),
      targets: { step_p99_le_2ms: summarise(all).p99 <= 2, rss_le_100mb: rssMb <= 100, cold_start_p50_le_500ms: summarise(start).p50 <= 500 },
    };
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
