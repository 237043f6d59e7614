// Benchmark: `/wegweiser` over HTTP on 127.0.0.1 with all of Germany's places loaded. A load
// generator in another thread (bench/slack-client.ts) sends 1,000 validly signed commands, a
// few at a time: time to the HTTP 200 acknowledgement (target p99 ≤ 100 ms, design §7) and to
// the answer posted to response_url; then unsigned, wrongly signed, altered, stale and future
// requests, which must all be refused without the handler running.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { LogLevel } from "@slack/bolt";
import { openApp } from "../src/app.js";
import { readConfig } from "../src/config.js";
import { createLogger } from "../src/channels/slack/logger.js";
import { startSlack } from "../src/channels/slack/start.js";
import { readGemeindeverzeichnis, readPostcodes } from "../src/places/import.js";
import { BOT_TOKEN, SIGNING_SECRET } from "../test/channels/slack/harness.js";
import type { ClientJob, ClientResult } from "./slack-client.js";
import { summarise } from "./stats.js";

const LINES = [
  "22 duldung arbeit sprache Kreis Heinsberg",
  "40 ne sprache 52525",
  "16 tolerated school Erkelenz",
  "en 30 asylum work housing Köln",
  "67 eu gesundheit Aachen",
  "22 dulding arbeit Heinsberg",
  "help",
];

type FromClient = { type: "api"; url: string } | { type: "done"; result: ClientResult };

export async function benchSlack(geoDir: string, total = 1000, concurrency = 4): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bench-slack-"));
  const app = openApp({ dbPath: join(dir, "bench.db") });
  const job: ClientJob = { lines: LINES, total, warmup: 100, concurrency, badPerKind: 100 };
  const client = new Worker(new URL("./slack-client.js", import.meta.url), { workerData: job });
  try {
    const gv = readGemeindeverzeichnis("gv.csv", readFileSync(join(geoDir, "gemeindeverzeichnis-auszug.csv"), "utf8"));
    const pc = readPostcodes("plz.csv", readFileSync(join(geoDir, "zuordnung_plz_ort_landkreis.csv"), "utf8"));
    app.places.replacePlaces(gv.rows, "gv.csv");
    app.places.replacePostcodes(pc.rows);

    const messages: FromClient[] = [];
    let wake: () => void = () => {};
    client.on("message", (m: FromClient) => {
      messages.push(m);
      wake();
    });
    const failed = new Promise<never>((_, reject) => client.once("error", reject));
    const next = async (type: FromClient["type"]) => {
      for (;;) {
        const i = messages.findIndex((m) => m.type === type);
        if (i >= 0) return messages.splice(i, 1)[0]!;
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), failed]);
      }
    };

    const api = (await next("api")) as Extract<FromClient, { type: "api" }>;
    const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: api.url });
    const slack = await startSlack(app, config, { host: "127.0.0.1", port: 0, logger: createLogger(LogLevel.ERROR, () => {}) });
    const runs = { all: 0 };
    slack.bolt.use(async ({ next: go }) => {
      runs.all += 1;
      await go();
    });
    client.postMessage({ url: `http://127.0.0.1:${slack.port}/slack/events` });
    const { result } = (await next("done")) as Extract<FromClient, { type: "done" }>;
    await slack.stop();

    const ack = summarise(result.ackMs);
    const answer = summarise(result.answerMs);
    return {
      name: "slack /wegweiser over HTTP on 127.0.0.1, all German places loaded, client in its own thread",
      commands: total,
      concurrency,
      throughput_per_s: total / result.seconds,
      ack_ms: { p50: ack.p50, p90: ack.p90, p99: ack.p99, max: ack.max },
      answer_posted_ms: { p50: answer.p50, p90: answer.p90, p99: answer.p99, max: answer.max },
      target_ack_p99_ms: 100,
      target_met: ack.p99 <= 100,
      refused_of_100: result.refused,
      // every handler run is a valid command (warm-up and measured); any extra would be a refused one
      handler_runs_for_refused: runs.all - job.warmup - total,
      answers_for_refused: result.answersForRefused,
    };
  } finally {
    await client.terminate();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
