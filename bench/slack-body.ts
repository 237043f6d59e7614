// Benchmark: four 100 MB bodies with a made-up signature and a fresh timestamp sent to
// /slack/events while valid commands arrive. Side by side in one run: the guarded receiver
// (413 before buffering) and Bolt's own HTTPReceiver (buffers, then checks the signature).
// Reports the peak RSS growth and the acknowledgement times of the valid commands.
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HTTPReceiver, LogLevel, type Receiver } from "@slack/bolt";
import { openApp, type App } from "../src/app.js";
import { createSlackApp } from "../src/channels/slack/app.js";
import { createLogger } from "../src/channels/slack/logger.js";
import { GuardedHTTPReceiver } from "../src/channels/slack/receiver.js";
import { BOT_TOKEN, SIGNING_SECRET, commandBody, nowSeconds, post, signedHeaders, startFakeSlack, type FakeSlack } from "../test/channels/slack/harness.js";
import { summarise } from "./stats.js";

const ATTACKS = 4;
const ATTACK_MB = 100;
const COMMANDS = 40;

function attack(url: string, mb: number): Promise<number | string> {
  const headers = { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(nowSeconds()), "x-slack-signature": `v0=${"0".repeat(64)}` };
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error"));
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let i = 0;
    const write = () => {
      while (i < mb) {
        i += 1;
        if (req.destroyed) return;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

async function run(kind: "guarded" | "bolt_unguarded", app: App, fake: FakeSlack): Promise<Record<string, unknown>> {
  const logger = createLogger(LogLevel.ERROR, () => {});
  const receiver: Receiver & { start(port: number, host?: string): Promise<unknown> } =
    kind === "guarded" ? new GuardedHTTPReceiver({ signingSecret: SIGNING_SECRET, logger }) : new HTTPReceiver({ signingSecret: SIGNING_SECRET, logger, endpoints: "/slack/events" });
  const bolt = createSlackApp({ app, config: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: `${fake.url}/api` }, receiver, logger, today: () => "2026-11-21" });
  await bolt.init();
  const server = (await bolt.start({ port: 0, host: "127.0.0.1" } as never)) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const command = async (i: number) => {
    const body = commandBody("help", fake.responseUrl(`${kind}-${i}`));
    const t0 = performance.now();
    const res = await post(url, body, signedHeaders(body));
    return { ms: performance.now() - t0, ok: res.status === 200 };
  };
  for (let i = 0; i < 10; i++) await command(-1 - i);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10);
  const attacks = Array.from({ length: ATTACKS }, () => attack(url, ATTACK_MB));
  const acks: number[] = [];
  let answered = 0;
  for (let i = 0; i < COMMANDS; i++) {
    const r = await command(i);
    acks.push(r.ms);
    if (r.ok) answered++;
  }
  const statuses = await Promise.all(attacks);
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  await bolt.stop();
  const ack = summarise(acks);
  return {
    attack_statuses: statuses,
    rss_before_mb: rssBefore / 2 ** 20,
    rss_peak_mb: rssPeak / 2 ** 20,
    rss_growth_mb: (rssPeak - rssBefore) / 2 ** 20,
    valid_commands_acknowledged: `${answered} of ${COMMANDS}`,
    ack_ms_during_attack: { p50: ack.p50, p99: ack.p99, max: ack.max },
  };
}

export async function benchSlackBody(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bench-slack-body-"));
  const app = openApp({ dbPath: join(dir, "bench.db") });
  const fake = await startFakeSlack();
  try {
    // the guarded receiver first: Bolt's own leaves its peak in the process
    const guarded = await run("guarded", app, fake);
    const unguarded = await run("bolt_unguarded", app, fake);
    return {
      name: `slack: ${ATTACKS} × ${ATTACK_MB} MB bodies with a fresh timestamp and a made-up signature, ${COMMANDS} valid commands meanwhile`,
      guarded,
      bolt_unguarded: unguarded,
      rss_growth_ratio_unguarded_to_guarded: (unguarded.rss_growth_mb as number) / Math.max(1, guarded.rss_growth_mb as number),
    };
  } finally {
    await fake.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
