// Issue 12 item 7: a referral only moves forward (open → contacted → closed); a repeat changes
// nothing and says so – in the store, over Slack (a replayed signed request) and on the CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel } from "@slack/bolt";
import type { App } from "../../src/app.js";
import { readConfig } from "../../src/config.js";
import { createLogger } from "../../src/channels/slack/logger.js";
import { startSlack, type SlackRunning } from "../../src/channels/slack/start.js";
import { createReferralStore } from "../../src/referrals/store.js";
import { formatCode } from "../../src/referrals/code.js";
import { openDb } from "../../src/store/db.js";
import { wegweiser as cli } from "../cli/run.js";
import { tempDir, testApp } from "../helpers.js";
import { join } from "node:path";

import { BOT_TOKEN, SIGNING_SECRET, blockTexts, commandBody, post, signedHeaders, startFakeSlack, type FakeSlack } from "../channels/slack/harness.js";

const base = { date: "2026-11-21", age: 30, status: "schutz", needs: [], place: null, services: [], offices: [], lang: "de", rulesVersion: "v" };

describe("the referral store", () => {
  it("moves forward only; a step back or a repeat changes nothing and is reported", () => {
    const store = createReferralStore(openDb(":memory:"));
    const r = store.create(base);
    expect(store.advance(r.code, "contacted", "2026-11-22")).toMatchObject({ outcome: "moved", referral: { state: "contacted", stateChangedOn: "2026-11-22" } });
    expect(store.advance(r.code, "contacted", "2026-11-23")).toMatchObject({ outcome: "already", referral: { state: "contacted", stateChangedOn: "2026-11-22" } });
    expect(store.advance(r.code, "closed", "2026-11-24")).toMatchObject({ outcome: "moved", referral: { state: "closed" } });
    expect(store.advance(r.code, "contacted", "2026-11-25")).toMatchObject({ outcome: "backwards", referral: { state: "closed", stateChangedOn: "2026-11-24" } });
    expect(store.advance(r.code, "open", "2026-11-25")).toMatchObject({ outcome: "backwards", referral: { state: "closed" } });
    // the older setState keeps the same rule
    expect(store.setState(r.code, "contacted", "2026-11-26")?.state).toBe("closed");
    expect(store.get(r.code, "2026-11-26")).toMatchObject({ state: "closed", stateChangedOn: "2026-11-24" });
  });

  it("can close an open referral directly", () => {
    const store = createReferralStore(openDb(":memory:"));
    const r = store.create(base);
    expect(store.advance(r.code, "closed", "2026-11-22")?.outcome).toBe("moved");
  });
});

describe("over Slack", () => {
  let wegweiser: App;
  let fake: FakeSlack;
  let slack: SlackRunning;
  let events: string;
  beforeAll(async () => {
    wegweiser = testApp();
    fake = await startFakeSlack();
    const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api` });
    slack = await startSlack(wegweiser, config, { host: "127.0.0.1", port: 0, logger: createLogger(LogLevel.ERROR, () => {}), today: () => "2026-11-21" });
    events = `http://127.0.0.1:${slack.port}/slack/events`;
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    wegweiser?.close();
  });

  it("answers a replayed signed `contacted` with 'already', and `contacted` after `close` does not reopen", async () => {
    const code = formatCode(wegweiser.referrals.create(base).code);
    const body = commandBody(`contacted ${code}`, fake.responseUrl("replay"));
    const headers = signedHeaders(body);
    expect((await post(events, body, headers)).status).toBe(200);
    expect((await post(events, body, headers)).status).toBe(200);
    const [first, second] = (await fake.waitFor("replay", 2)).map((m) => blockTexts(m.body.blocks).join("\n"));
    expect(first).toContain(`${code}: Kontakt aufgenommen`);
    expect(second).toContain(`${code}: schon Kontakt aufgenommen`);

    const close = commandBody(`close ${code}`, fake.responseUrl("close"));
    await post(events, close, signedHeaders(close));
    await fake.waitFor("close", 1);
    const again = commandBody(`contacted ${code}`, fake.responseUrl("reopen"));
    await post(events, again, signedHeaders(again));
    const [reopen] = (await fake.waitFor("reopen", 1)).map((m) => blockTexts(m.body.blocks).join("\n"));
    expect(reopen).toContain(`${code} ist abgeschlossen`);
    expect(wegweiser.referrals.get(code.replace("-", ""), "2026-11-21")?.state).toBe("closed");
  });
});

describe("on the command line", () => {
  it("says when `contacted` or `close` changed nothing", () => {
    const dir = tempDir();
    const env = { WEGWEISER_DB: join(dir, "w.db"), WEGWEISER_SECRET: "x".repeat(32) };
    const app = testApp({ dbPath: env.WEGWEISER_DB });
    const code = formatCode(app.referrals.create({ ...base, date: new Date().toISOString().slice(0, 10) }).code);
    app.close();
    expect(cli(["referral", "close", code], env).stdout.trim()).toBe(`${code}: closed`);
    expect(cli(["referral", "close", code], env).stdout.trim()).toBe(`${code}: closed (already; unchanged)`);
    expect(cli(["referral", "contacted", code], env).stdout.trim()).toBe(`${code}: closed (cannot go back to contacted; unchanged)`);
  });
});
