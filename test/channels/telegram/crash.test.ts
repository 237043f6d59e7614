// SIGKILL under load: the real bot process (dist/src/main.js) talks with 40 scripted chats and
// is killed again and again at random moments. Compared with a run of the same scripts without
// kills: every update processed, every answer delivered (re-sent at most), no session change,
// statistics event or referral applied twice, and the database intact.
import { openDbReadonly } from "../../../src/store/db.js";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../bench/stats.js";
import { BotApiServer } from "../../support/bot-api-server.js";
import { spawnBot } from "../../support/bot-process.js";
import { callLog, collapse, play, scriptFor, type Action } from "../../support/chat-scripts.js";
import { TestUser } from "../../support/test-user.js";
import { ROOT, tempDir } from "../../helpers.js";

const CHATS = 40;
const MAX_KILLS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  readonly server: BotApiServer;
  readonly dbPath: string;
  readonly kills: number;
  readonly exitCode: number | null;
  readonly stderr: string[];
}

async function run(scripts: readonly Action[][], withKills: boolean): Promise<Run> {
  const server = await BotApiServer.start();
  const dbPath = join(tempDir("wegweiser-crash-"), "w.db");
  const stderr: string[] = [];
  let bot = spawnBot(server, dbPath, stderr);
  const users = scripts.map((_, i) => new TestUser(server, 70_000_000 + i, { languageCode: "de" }));
  let done = false;
  let kills = 0;
  const rnd = seededRandom(withKills ? 99 : 98);
  const killer = (async () => {
    while (withKills && !done && kills < MAX_KILLS) {
      // some kills land during start-up, most in the middle of processing and sending
      await sleep(400 + rnd() * 900);
      if (done) break;
      bot.child.kill("SIGKILL");
      await bot.exited;
      kills++;
      await sleep(rnd() * 150);
      bot = spawnBot(server, dbPath, stderr);
    }
  })();
  const think = withKills ? () => 100 + rnd() * 400 : undefined;
  try {
    await Promise.all(users.map((u, i) => play(server, u, scripts[i]!, { timeoutMs: 30_000, ...(think ? { think } : {}) })));
  } finally {
    done = true;
    await killer;
    await bot.started;
    bot.child.kill("SIGTERM");
  }
  const exitCode = await bot.exited;
  await server.close();
  return { server, dbPath, kills, exitCode, stderr };
}

const rows = (dbPath: string, sql: string) => {
  const db = openDbReadonly(dbPath);
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

describe("the bot killed with SIGKILL while 40 chats talk to it", () => {
  it("processes every confirmed update exactly once, loses no answer and keeps the database intact", { timeout: 120_000 }, async () => {
    const languages = ["de", "en", "ar", "uk"].filter((l) => readdirSync(join(ROOT, "locales")).includes(l));
    const rng = seededRandom(7);
    const scripts = Array.from({ length: CHATS }, () => scriptFor(rng, languages));
    const updates = scripts.reduce((n, s) => n + s.length, 0);

    const reference = await run(scripts, false);
    const crashed = await run(scripts, true);
    expect(crashed.exitCode, crashed.stderr.join("")).toBe(0);

    // every update offered was stored and processed (the confirmed ones among them), raw text gone
    const inbox = new Map(rows(crashed.dbPath, "SELECT update_id, payload, done_at FROM telegram_inbox").map((r) => [r.update_id as number, r]));
    const unprocessed = [...crashed.server.issued.keys()].filter((id) => inbox.get(id)?.done_at == null || inbox.get(id)?.payload !== null);
    const confirmedUnprocessed = [...crashed.server.confirmed.keys()].filter((id) => inbox.get(id)?.done_at == null);

    // per chat, the bot sent exactly what it sent without kills; a message may only repeat right
    // after itself (sent, then killed before its outbox row was removed)
    let lostAnswers = 0;
    let wrongOrExtra = 0;
    let resent = 0;
    const unanswered: string[] = [];
    for (let i = 0; i < CHATS; i++) {
      const chat = 70_000_000 + i;
      const full = callLog(reference.server.calls, chat);
      const want = collapse(full);
      const got = callLog(crashed.server.calls, chat);
      const have = collapse(got);
      const missing = [...want];
      for (const c of have) {
        const k = missing.indexOf(c);
        if (k >= 0) missing.splice(k, 1);
        else wrongOrExtra++;
      }
      lostAnswers += missing.length;
      if (missing.length === 0 && have.join("\n") !== want.join("\n")) wrongOrExtra++;
      resent += got.length - have.length - (full.length - want.length);
      // and every tap was answered, so no app kept spinning
      unanswered.push(...crashed.server.unansweredQueries(chat));
    }

    // the same sessions, statistics and referrals as without kills: nothing applied twice
    const sessions = (r: Run) =>
      Object.fromEntries(rows(r.dbPath, "SELECT user_key, state FROM sessions").map((s) => [s.user_key, JSON.parse(String(s.state).replace(/"referralCode":"\w+"/, '"referralCode":"CODE"')) as unknown]));
    const counts = (r: Run) => rows(r.dbPath, "SELECT (SELECT count(*) FROM stats_events) AS stats, (SELECT count(*) FROM referrals) AS referrals")[0]!;
    const reportCounts = counts(crashed);
    const report = {
      kills: crashed.kills,
      updates: crashed.server.issued.size,
      confirmed: crashed.server.confirmed.size,
      unprocessed: unprocessed.length,
      lost_answers: lostAnswers,
      wrong_or_duplicated_answers: wrongOrExtra,
      resent_after_kill: resent,
      stats_events: reportCounts.stats,
      referrals: reportCounts.referrals,
    };
    console.info(`crash test: ${JSON.stringify(report)}`);

    expect(crashed.kills).toBeGreaterThanOrEqual(5);
    expect(crashed.server.issued.size).toBe(updates);
    expect(unprocessed).toEqual([]);
    expect(confirmedUnprocessed).toEqual([]);
    expect(rows(crashed.dbPath, "SELECT count(*) AS n FROM telegram_outbox")[0]).toEqual({ n: 0 });
    expect({ lostAnswers, wrongOrExtra, unanswered }).toEqual({ lostAnswers: 0, wrongOrExtra: 0, unanswered: [] });
    expect(sessions(crashed)).toEqual(sessions(reference));
    expect(Object.keys(sessions(crashed))).toHaveLength(CHATS);
    expect(counts(crashed)).toEqual(counts(reference));
    expect(Number(reportCounts.stats)).toBeGreaterThanOrEqual(CHATS * 2);
    expect(rows(crashed.dbPath, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });
});
