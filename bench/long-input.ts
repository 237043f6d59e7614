// Benchmark: the longest inputs a person or a volunteer can send – 40,000 characters in one word,
// with spaces, in umlauts, in emoji – through the one-line check, a dialogue step at the status
// and place questions, and Telegram's splitText. Target: every input answered in ≤ 50 ms.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openApp } from "../src/app.js";
import { splitText } from "../src/channels/telegram/render.js";
import { dialogueDeps } from "../src/conversation.js";
import { initialState, step } from "../src/dialogue/step.js";
import type { DialogueState } from "../src/dialogue/types.js";
import { checkOneLine } from "../src/lookup/check.js";
import { readGemeindeverzeichnis, readPostcodes } from "../src/places/import.js";
import { summarise } from "./stats.js";

const N = 40_000;
const INPUTS: Record<string, string> = {
  one_word: "x".repeat(N),
  after_age_status: `22 duldung ${"x".repeat(N)}`,
  spaced: "ab ".repeat(N / 3),
  umlauts: "ü".repeat(N),
  emoji: "😀".repeat(N / 2),
  // the longest answers still read in full
  at_limit_spaced: "ab ".repeat(333),
  at_limit_words: "Aufenthaltsgestattung ".repeat(45),
};
const RUNS = 30;
const TARGET_MS = 50;

function time(run: () => unknown): { p50: number; p99: number; max: number } {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  const s = summarise(ms);
  return { p50: s.p50, p99: s.p99, max: s.max };
}

export async function benchLongInput(geoDir: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bench-long-"));
  const app = openApp({ dbPath: join(dir, "bench.db") });
  try {
    const gv = readGemeindeverzeichnis("gv.csv", readFileSync(join(geoDir, "gemeindeverzeichnis-auszug.csv"), "utf8"));
    const pc = readPostcodes("plz.csv", readFileSync(join(geoDir, "zuordnung_plz_ort_landkreis.csv"), "utf8"));
    app.places.replacePlaces(gv.rows, "gv.csv");
    app.places.replacePostcodes(pc.rows);
    const deps = dialogueDeps(app, () => "2026-11-21");
    const at = (s: DialogueState["step"]): DialogueState => ({ ...initialState(), lang: "de", privacyAccepted: true, step: s, age: 30, status: "schutz", needs: ["arbeit"] });
    const results: Record<string, unknown> = {};
    let worst = 0;
    for (const [name, text] of Object.entries(INPUTS)) {
      const r = {
        check_one_line_ms: time(() => checkOneLine(app, text, "2026-11-21")),
        dialogue_status_ms: time(() => step(at("status"), { kind: "text", text }, deps)),
        dialogue_place_ms: time(() => step(at("place"), { kind: "text", text }, deps)),
        split_text_ms: time(() => splitText(text)),
      };
      worst = Math.max(worst, ...Object.values(r).map((x) => x.max));
      results[name] = r;
    }
    return { name: `inputs of ${N} characters, ${RUNS} runs each, all German places loaded`, ...results, worst_ms: worst, target_ms: TARGET_MS, target_met: worst <= TARGET_MS };
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
