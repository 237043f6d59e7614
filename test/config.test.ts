// Configuration is checked at start; each mistake is named with a sentence saying how to fix it.
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../src/config.js";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc";

function problem(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  return "";
}

describe("configuration", () => {
  it("accepts none at all (the terminal) and ignores empty variables", () => {
    expect(readConfig({})).toEqual({});
    expect(readConfig({ TELEGRAM_BOT_TOKEN: "", SLACK_BOT_TOKEN: "  " })).toEqual({});
  });

  it("takes a full Telegram webhook and Slack Socket Mode set-up", () => {
    const c = readConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: "a".repeat(32),
      SLACK_BOT_TOKEN: "xoxb-1-2-3",
      SLACK_APP_TOKEN: "xapp-1-2",
      PORT: "8443",
    });
    expect(c.PORT).toBe(8443);
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: "abc" }, /TELEGRAM_BOT_TOKEN looks wrong: it is the token BotFather gave you/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "http://insecure.example.org" }, /TELEGRAM_WEBHOOK_URL must be the public https:\/\/ address/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://x.example.org/hook" }, /webhook mode needs TELEGRAM_WEBHOOK_SECRET .* openssl rand -hex 32/],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "s".repeat(32) }, /SLACK_BOT_TOKEN must be a bot token starting with xoxb-/],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /also set SLACK_SIGNING_SECRET \(HTTP\) or SLACK_APP_TOKEN \(Socket Mode\)/],
    [{ SLACK_SIGNING_SECRET: "s".repeat(32) }, /SLACK_BOT_TOKEN is not: set the bot token/],
    [{ PORT: "99999" }, /PORT must be a port number/],
    [{ WEGWEISER_SECRET: "short" }, /WEGWEISER_SECRET must be at least 32 characters; create one with: openssl rand -hex 32/],
    [
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://x.example.org/hook", TELEGRAM_WEBHOOK_SECRET: "a".repeat(32), SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s".repeat(32) },
      /would both listen on PORT: use Slack Socket Mode \(set SLACK_APP_TOKEN\) or Telegram long polling/,
    ],
  ])("refuses %j with a fix-it message", (env, message) => {
    const m = problem(env);
    expect(m).toMatch(/^Wegweiser cannot start:\n- /);
    expect(m).toMatch(message);
  });
});
