// Starts the real Telegram channel in this process against the loopback Bot API server, on a
// temporary database, with its log lines kept for the test to read.
import type { App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { startTelegram, type TelegramChannel, type TelegramOptions } from "../../src/channels/telegram/index.js";
import { createLog } from "../../src/channels/telegram/log.js";
import { testApp } from "../helpers.js";
import type { BotApiServer } from "./bot-api-server.js";

export interface TestBot {
  readonly app: App;
  readonly channel: TelegramChannel;
  readonly logs: string[];
  stop(): Promise<void>;
}

export async function startTestBot(
  server: BotApiServer,
  options: { app?: App; places?: boolean; dbPath?: string; config?: Partial<Config>; telegram?: TelegramOptions } = {},
): Promise<TestBot> {
  const app = options.app ?? testApp({ places: options.places ?? false, ...(options.dbPath ? { dbPath: options.dbPath } : {}) });
  const logs: string[] = [];
  const channel = await startTelegram(app, { TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot, ...options.config }, { log: createLog((l) => logs.push(l)), ...options.telegram });
  return {
    app,
    channel,
    logs,
    async stop() {
      await channel.stop();
      app.close();
    },
  };
}
