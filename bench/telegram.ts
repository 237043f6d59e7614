// Benchmark: the Telegram channel in this process against the loopback Bot API server with 100
// concurrent chats in a worker thread. Updates per second at saturation (each person answers as
// soon as the bot did), then internal handling latency at a paced 200 updates/s: from the update
// stored in the inbox to its reply handed to the API client, and to the last call accepted.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { openApp } from "../src/app.js";
import { startTelegram } from "../src/channels/telegram/index.js";
import { silentLog } from "../src/channels/telegram/log.js";
import { readGemeindeverzeichnis, readPostcodes } from "../src/places/import.js";
import { projectRoot } from "../src/paths.js";
import { summarise } from "./stats.js";
import type { FromUsers, ToUsers, UsersConfig } from "./telegram-users.js";

const CHATS = 100;
const PACED_RATE = 200;

interface Timing {
  stored: number;
  firstReply?: number;
  lastAccepted?: number;
}

export async function benchTelegram(geoDir: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bench-telegram-"));
  const app = openApp({ dbPath: join(dir, "bench.db") });
  const gv = readGemeindeverzeichnis("gv.csv", readFileSync(join(geoDir, "gemeindeverzeichnis-auszug.csv"), "utf8"));
  const pc = readPostcodes("plz.csv", readFileSync(join(geoDir, "zuordnung_plz_ort_landkreis.csv"), "utf8"));
  app.places.replacePlaces(gv.rows, "gv.csv");
  app.places.replacePostcodes(pc.rows);

  const languages = ["de", "en", "ar", "uk"].filter((l) => readdirSync(join(projectRoot(), "locales")).includes(l));
  const worker = new Worker(new URL("./telegram-users.js", import.meta.url), { workerData: { chats: CHATS, languages } satisfies UsersConfig });
  const inbox: FromUsers[] = [];
  let wake: (() => void) | undefined;
  worker.on("message", (m: FromUsers) => {
    inbox.push(m);
    wake?.();
  });
  const receive = async (): Promise<FromUsers> => {
    while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
    return inbox.shift()!;
  };
  const send = (m: ToUsers) => worker.postMessage(m);

  const ready = await receive();
  if (ready.type !== "ready") throw new Error("the users' worker did not start");

  let timings = new Map<number, Timing>();
  let processed = 0;
  const trace = (event: "stored" | "handed" | "sent", id: number, method?: string) => {
    const now = performance.now();
    if (event === "stored") {
      timings.set(id, { stored: now });
      return;
    }
    const t = timings.get(id);
    if (!t) return;
    if (event === "handed" && method !== "answerCallbackQuery" && t.firstReply === undefined) {
      t.firstReply = now;
      processed++;
    }
    if (event === "sent") t.lastAccepted = now;
  };
  const channel = await startTelegram(app, { TELEGRAM_BOT_TOKEN: ready.token, TELEGRAM_API_ROOT: ready.apiRoot }, { log: silentLog, trace });

  const latencies = () => {
    const all = [...timings.values()];
    const handled = all.filter((t) => t.firstReply !== undefined).map((t) => t.firstReply! - t.stored);
    const accepted = all.filter((t) => t.lastAccepted !== undefined).map((t) => t.lastAccepted! - t.stored);
    return { handled_ms: summarise(handled), last_call_accepted_ms: summarise(accepted) };
  };

  try {
    // warm-up, then saturation
    send({ type: "closed", seconds: 2 });
    await receive();
    timings = new Map();
    processed = 0;
    const t0 = performance.now();
    send({ type: "closed", seconds: 10 });
    const closed = await receive();
    const seconds = (performance.now() - t0) / 1000;
    if (closed.type !== "done") throw new Error("unexpected message");
    const saturation = { updates: closed.answered, seconds: closed.seconds, updates_per_s: closed.answered / closed.seconds, bot_replies_per_s: processed / seconds, ...latencies() };

    timings = new Map();
    send({ type: "paced", seconds: 10, rate: PACED_RATE });
    const paced = await receive();
    if (paced.type !== "done") throw new Error("unexpected message");
    const pacedResult = { rate: PACED_RATE, sent: paced.sent, answered_calls: paced.answered, ...latencies() };

    const p99 = pacedResult.handled_ms.p99;
    return {
      benchmark: "telegram",
      chats: CHATS,
      saturation,
      paced: pacedResult,
      targets: { updates_per_s: ">= 1000", handled_p99_ms_at_200_per_s: "<= 10" },
      met: { updates_per_s: saturation.updates_per_s >= 1000, handled_p99: p99 <= 10 },
    };
  } finally {
    await channel.stop();
    send({ type: "stop" });
    await new Promise((r) => worker.once("exit", r));
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
