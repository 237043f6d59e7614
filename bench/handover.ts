// Benchmark: relay latency of a hand-over on loopback, with the real bot as a child process
// (dist/src/main.js) between the Telegram Bot API emulator and the Slack stand-in, both in this
// process. Newcomer → thread: from the update offered to the bot's long poll to the post in the
// card's thread. Thread → newcomer: from the signed event sent to the bot to the sendMessage that
// reaches the chat. Beside them, as a baseline in the same run: a dialogue answer's round trip
// (text in, the bot's reply out). One message at a time: each sample is one message's way through.
import { createServer } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BotApiServer } from "../test/support/bot-api-server.js";
import { spawnBot } from "../test/support/bot-process.js";
import { actionBody, deliver, SlackStandIn, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, threadMessageBody } from "../test/support/slack-api-server.js";
import { TestUser } from "../test/support/test-user.js";
import { summarise } from "./stats.js";

const SAMPLES = 300;
const WARM_UP = 20;
const CHAT = 91_000_001;
const CHANNEL = "C0BENCHHANDOVER";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function benchHandover(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-bench-handover-"));
  const server = await BotApiServer.start();
  const slack = await SlackStandIn.start();
  const routing = join(dir, "handover.yaml");
  writeFileSync(routing, `default_channel: ${CHANNEL}\n`);
  const port = await freePort();
  const events = `http://127.0.0.1:${port}/slack/events`;
  const stderr: string[] = [];
  const bot = spawnBot(server, join(dir, "bench.db"), stderr, { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), WEGWEISER_HANDOVER_FILE: routing });
  try {
    await bot.started;
    const user = new TestUser(server, CHAT, { languageCode: "de" });
    await user.say("/start");
    await user.tap("de");
    await user.tap("ok");
    await user.say("35");
    await user.tap("aufenthaltserlaubnis");
    await user.tap("done");
    await user.tap("skip");
    await user.tap("handover");
    await user.tap("yes");
    await slack.waitFor(() => slack.inChannel(CHANNEL).length === 1, 10_000, "the card");
    const card = slack.inChannel(CHANNEL)[0]!;
    // the card's ts is kept once Slack's answer is through; a take before that is refused
    for (let i = 0; i < 50 && !(await deliver(events, actionBody({ user: "U0ANNA", channel: CHANNEL, ts: card.ts, action: "handover_take", responseUrl: slack.responseUrl("take") }), "application/x-www-form-urlencoded")); i++);
    await slack.waitFor(() => card.edits >= 1, 10_000, "the card taken");

    // the baseline, side by side: a person without a hand-over types at the result and gets the
    // dialogue's answer – the same way in and out through the bot, without Slack
    const plain = new TestUser(server, CHAT + 1, { languageCode: "de" });
    await plain.say("/start");
    await plain.tap("de");
    await plain.tap("ok");
    await plain.say("35");
    await plain.tap("aufenthaltserlaubnis");
    await plain.tap("done");
    await plain.tap("skip");
    const dialogue: number[] = [];
    const toThread: number[] = [];
    for (let i = 0; i < SAMPLES + WARM_UP; i++) {
      const since = plain.events().length;
      const p0 = performance.now();
      plain.send(`Frage ${i}`);
      await plain.answered(since);
      if (i >= WARM_UP) dialogue.push(performance.now() - p0);
      const text = `Frage ${i} zum Termin`;
      const before = slack.calls.length;
      const t0 = performance.now();
      user.send(text);
      await slack.waitFor(() => slack.calls.slice(before).some((c) => c.method === "chat.postMessage" && String(c.args.text).endsWith(text)), 10_000, `message ${i} in the thread`);
      const call = slack.calls.slice(before).find((c) => c.method === "chat.postMessage" && String(c.args.text).endsWith(text))!;
      if (i >= WARM_UP) toThread.push(call.at - t0);
    }

    const toChat: number[] = [];
    for (let i = 0; i < SAMPLES + WARM_UP; i++) {
      const text = `Antwort ${i} von Anna`;
      let arrived = 0;
      const seen = () => {
        if (!arrived && user.messages().some((m) => m.text.endsWith(text))) arrived = performance.now();
      };
      server.on("change", seen);
      const t0 = performance.now();
      await deliver(events, threadMessageBody({ user: "U0ANNA", channel: CHANNEL, threadTs: card.ts, text }), "application/json");
      await server.waitFor(() => arrived > 0, 10_000, `answer ${i} in the chat`);
      server.off("change", seen);
      if (i >= WARM_UP) toChat.push(arrived - t0);
    }
    const ms = (s: number[]) => {
      const r = summarise(s);
      return { n: r.n, p50_ms: r.p50, p90_ms: r.p90, p99_ms: r.p99, max_ms: r.max };
    };
    return {
      bench: "handover",
      setup: "bot as a child process; Bot API emulator and Slack stand-in on 127.0.0.1 in the bench process; one message at a time",
      dialogue_answer_baseline: ms(dialogue),
      newcomer_to_thread: ms(toThread),
      thread_to_newcomer: ms(toChat),
      p50_vs_baseline: { newcomer_to_thread: summarise(toThread).p50 / summarise(dialogue).p50, thread_to_newcomer: summarise(toChat).p50 / summarise(dialogue).p50 },
    };
  } finally {
    bot.child.kill("SIGTERM");
    await bot.exited;
    await server.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
