// SIGKILL under load: the real bot process (dist/src/main.js) talks with 40 scripted chats and
// is killed again and again at random moments. Compared with a run of the same scripts without
// kills: every update processed, every answer delivered (re-sent at most), no session change,
// statistics event or referral applied twice, and the database intact.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
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
  const db = new Database(dbPath, { readonly: true });
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
    const report = { kills: crashed.kills, updates, confirmed: crashed.server.confirmed.size, resent: 0, lost: 0, duplicated: 0 };

    expect(crashed.kills).toBeGreaterThanOrEqual(5);
    expect(crashed.exitCode, crashed.stderr.join("")).toBe(0);

    // every update offered was stored and processed; the confirmed ones certainly
    const inbox = new Map(rows(crashed.dbPath, "SELECT update_id, payload, done_at FROM telegram_inbox").map((r) => [r.update_id as number, r]));
    for (const id of crashed.server.issued.keys()) {
      expect(inbox.get(id), `update ${id}`).toMatchObject({ payload: null });
      expect(inbox.get(id)?.done_at, `update ${id}`).not.toBeNull();
    }
    expect(crashed.server.issued.size).toBe(updates);
    expect(rows(crashed.dbPath, "SELECT count(*) AS n FROM telegram_outbox")[0]).toEqual({ n: 0 });

    // per chat, the bot did exactly what it did without kills; a call may only repeat right
    // after itself (sent, then killed before the outbox row was removed)
    for (let i = 0; i < CHATS; i++) {
      const chat = 70_000_000 + i;
      const want = collapse(callLog(reference.server.calls, chat));
      const got = callLog(crashed.server.calls, chat);
      expect(collapse(got), `chat ${chat}`).toEqual(want);
      report.resent += got.length - collapse(got).length - (callLog(reference.server.calls, chat).length - want.length);
    }

    // the same sessions, statistics and referrals as without kills: nothing applied twice
    const sessions = (r: Run) =>
      Object.fromEntries(rows(r.dbPath, "SELECT user_key, state FROM sessions").map((s) => [s.user_key, JSON.parse(String(s.state).replace(/"referralCode":"\w+"/, '"referralCode":"CODE"')) as unknown]));
    expect(sessions(crashed)).toEqual(sessions(reference));
    expect(Object.keys(sessions(crashed))).toHaveLength(CHATS);
    const counts = (r: Run) => rows(r.dbPath, "SELECT (SELECT count(*) FROM stats_events) AS stats, (SELECT count(*) FROM referrals) AS referrals")[0];
    expect(counts(crashed)).toEqual(counts(reference));
    expect(Number(counts(crashed)!.stats)).toBeGreaterThanOrEqual(CHATS * 2);

    expect(rows(crashed.dbPath, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    console.info(`crash test: ${JSON.stringify(report)}`);
  });
});
