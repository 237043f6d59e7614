// Benchmark: the bundled places – their size, loading them into a fresh database, the check on
// later starts, cold start of `npm start` with an empty and with a loaded database, and "did you
// mean" for typos from the trigram index beside a scan of every name (the way before it).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../src/paths.js";
import { bundleFile } from "../src/places/bundle.js";
import { createPlaceStore } from "../src/places/store.js";
import { allowedEdits } from "../src/places/suggest.js";
import { openDb } from "../src/store/db.js";
import { foldKey, levenshtein } from "../src/text/fold.js";
import { START_FLAGS } from "./dialogue.js";
import { nowNs, seededRandom, summarise } from "./stats.js";

const s = (xs: number[]) => {
  const m = summarise(xs);
  return { p50: m.p50, p99: m.p99, n: m.n };
};

/** ms from spawning `npm start`'s script to its first output (the language question), and to its exit after `input` */
function startOnce(dbFile: string, input: string): Promise<{ first: number; done: number }> {
  return new Promise((resolve, reject) => {
    const t0 = nowNs();
    let first = NaN;
    const child = spawn(process.execPath, [...START_FLAGS, join(projectRoot(), "dist", "src", "main.js")], {
      env: { ...process.env, WEGWEISER_DB: dbFile, LANG: "C" },
      stdio: ["pipe", "pipe", "inherit"],
    });
    child.stdout.once("data", () => (first = Number(nowNs() - t0) / 1e6));
    child.stdout.resume();
    child.on("exit", () => resolve({ first, done: Number(nowNs() - t0) / 1e6 }));
    child.on("error", reject);
    child.stdin.end(input);
  });
}

/** the README's piped conversation in Arabic with a postcode as the place */
const CONVERSATION = "ar\nok\n22\nduldung\narbeit\ndone\n52525\np1\n";

export async function benchPlacesBundle(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bundle-"));
  try {
    // loading into a fresh database, in this process (what the first place question costs once)
    const load: number[] = [];
    const later: number[] = [];
    for (let i = 0; i < 7; i++) {
      const db = openDb(join(dir, `load-${i}.db`));
      let t0 = nowNs();
      createPlaceStore(db).counts();
      load.push(Number(nowNs() - t0) / 1e6);
      t0 = nowNs();
      createPlaceStore(db).get("05370");
      later.push(Number(nowNs() - t0) / 1e6);
      db.close();
    }

    // cold start: a fresh database each run, then runs on one loaded database
    const firstStart: { first: number; done: number }[] = [];
    for (let i = 0; i < 7; i++) firstStart.push(await startOnce(join(dir, `first-${i}.db`), CONVERSATION));
    const laterStart: { first: number; done: number }[] = [];
    for (let i = 0; i < 10; i++) laterStart.push(await startOnce(join(dir, "first-0.db"), CONVERSATION));

    // typos: one to three edits of real names, each a miss, answered with suggestions
    const db = openDb(join(dir, "load-0.db"));
    const places = createPlaceStore(db);
    const names = db.prepare("SELECT name FROM places WHERE level = 'gemeinde'").pluck().all() as string[];
    const folded = db.prepare("SELECT DISTINCT folded FROM place_names").pluck().all() as string[];
    const rnd = seededRandom(11);
    const letters = "abcdefghijklmnopqrstuvwxyzäöü";
    const typos: string[] = [];
    while (typos.length < 3000) {
      let q = names[Math.floor(rnd() * names.length)]!;
      const edits = 1 + Math.floor(rnd() * 2);
      for (let e = 0; e < edits; e++) {
        const i = 1 + Math.floor(rnd() * (q.length - 1));
        q = rnd() < 0.5 ? q.slice(0, i) + letters[Math.floor(rnd() * letters.length)] + q.slice(i + 1) : q.slice(0, i) + q.slice(i + 1);
      }
      if (q.length >= 4 && places.find(q).kind === "none") typos.push(q);
    }
    // the index is built on the first miss of a process: a new store has none yet
    const t0 = nowNs();
    createPlaceStore(db).find("Qxzvbnm");
    const buildMs = Number(nowNs() - t0) / 1e6;
    places.find("Qxzvbnm");
    const index: number[] = [];
    const indexCpu: number[] = [];
    let withSuggestions = 0;
    for (const q of typos) {
      const c = process.cpuUsage();
      const t = nowNs();
      const r = places.find(q);
      index.push(Number(nowNs() - t) / 1000);
      const used = process.cpuUsage(c);
      indexCpu.push(used.user + used.system);
      if (r.kind === "none" && r.suggestions.length > 0) withSuggestions++;
    }
    // the way before the index: the edit distance to every name
    const scan: number[] = [];
    for (const q of typos.slice(0, 500)) {
      const t = nowNs();
      const key = foldKey(q);
      const max = allowedEdits(key.length);
      const close: string[] = [];
      for (const n of folded) if (Math.abs(n.length - key.length) <= max && levenshtein(key, n) <= max) close.push(n);
      scan.push(Number(nowNs() - t) / 1000);
    }
    db.close();
    return {
      name: "bundled places: size, loading, cold start, typo suggestions",
      // the machine's load (1, 5, 15 minutes) as the run ends: wall times grow with it
      load_average: loadavg().map((x) => Number(x.toFixed(1))),
      bundle_bytes: statSync(bundleFile()).size,
      load_into_fresh_db_ms: s(load),
      later_start_check_ms: s(later),
      cold_start_first_start_empty_db_to_first_question_ms: s(firstStart.map((r) => r.first)),
      cold_start_later_start_to_first_question_ms: s(laterStart.map((r) => r.first)),
      piped_arabic_conversation_52525_first_start_ms: s(firstStart.map((r) => r.done)),
      piped_arabic_conversation_52525_later_start_ms: s(laterStart.map((r) => r.done)),
      first_miss_of_a_process_with_index_build_ms: buildMs,
      miss_with_suggestions_index_us: s(index),
      // the same misses in CPU time of this process: without the waits for other processes on a busy machine
      miss_with_suggestions_index_cpu_us: s(indexCpu),
      miss_scan_of_every_name_us: s(scan),
      misses_answered_with_a_suggestion: withSuggestions / typos.length,
      targets: {
        cold_start_p50_le_500ms: summarise(laterStart.map((r) => r.first)).p50 <= 500,
        first_start_p50_le_500ms: summarise(firstStart.map((r) => r.first)).p50 <= 500,
        miss_suggestion_p99_le_1ms: summarise(index).p99 <= 1000,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
