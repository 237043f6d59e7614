// `npm start` with TELEGRAM_BOT_TOKEN: the real process starts the Telegram channel, refuses a
// token the Bot API does not know with a fix-it message, and stops cleanly on SIGTERM.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer } from "../../support/bot-api-server.js";
import { MAIN, spawnBot } from "../../support/bot-process.js";
import { TestUser } from "../../support/test-user.js";
import { tempDir } from "../../helpers.js";

let server: BotApiServer;
beforeAll(async () => {
  server = await BotApiServer.start();
});
afterAll(async () => {
  await server?.close();
});

describe("npm start with a Telegram token", () => {
  it("answers on Telegram and stops cleanly on SIGTERM", async () => {
    const stderr: string[] = [];
    const bot = spawnBot(server, join(tempDir(), "w.db"), stderr);
    await bot.started;
    const u = new TestUser(server, 81_001, { languageCode: "tr" });
    u.send("/start");
    await u.answered(0);
    expect(u.labelsOf(u.last())).toContain("✓ Türkçe");
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(stderr.join("")).toContain('"code":"telegram.stopped"');
    expect(server.commands.get("")).toEqual(expect.arrayContaining([expect.objectContaining({ command: "restart" })]));
  });

  it("refuses a token the Bot API does not know, saying what to do", async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, TELEGRAM_BOT_TOKEN: "999999:WRONG-token-that-nobody-issued", TELEGRAM_API_ROOT: server.apiRoot, WEGWEISER_DB: join(tempDir(), "w.db") },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(err).toContain("Wegweiser cannot start: Telegram refused TELEGRAM_BOT_TOKEN (401): copy the token again from BotFather");
    expect(err).not.toContain("WRONG-token");
  });
});
