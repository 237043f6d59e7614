// `npm start`: checks the configuration, opens the app and starts the channels that have
// tokens (Slack for staff, Telegram for newcomers); with none, the conversation runs in the terminal.
import { openApp } from "./app.js";
import { ConfigError, readConfig, type Config } from "./config.js";
import { DatabaseOpenError } from "./store/db.js";
import { languageFromLocale, runConsole } from "./channels/console/index.js";
import { startPurging } from "./store/purge.js";
import { todayInGermany } from "./text/today.js";
import type { HandoverRuntime as Handover } from "./handover/index.js";

/** A channel that cannot start for a reason the operator can fix (e.g. a token Telegram does not know). */
class ChannelStartError extends Error {}

type Stop = () => Promise<void>;

/** The hand-over to a counsellor (design D22), when WEGWEISER_HANDOVER_FILE routes it somewhere. */
async function createHandover(config: Config, app: ReturnType<typeof openApp>): Promise<Handover | undefined> {
  if (!config.WEGWEISER_HANDOVER_FILE) {
    const { closeLeftOpen } = await import("./handover/disabled.js");
    closeLeftOpen(app.db);
    return undefined;
  }
  const [{ readHandoverConfig, HandoverConfigError }, { createHandover }, { createLog }, { loadSecret }, { dbPath }] = await Promise.all([
    import("./handover/config.js"),
    import("./handover/index.js"),
    import("./channels/telegram/log.js"),
    import("./store/secret.js"),
    import("./store/db.js"),
  ]);
  try {
    const routing = readHandoverConfig(config.WEGWEISER_HANDOVER_FILE);
    return createHandover(app, config, routing, loadSecret(config.WEGWEISER_DB ?? dbPath()), { log: createLog() });
  } catch (err) {
    throw err instanceof HandoverConfigError ? new ChannelStartError(err.message) : err;
  }
}

// Channels load only when configured: Bolt and grammY would add to every start of the terminal.
async function startChannels(config: Config, app: ReturnType<typeof openApp>): Promise<Stop[]> {
  const stops: Stop[] = [];
  const handover = await createHandover(config, app);
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await import("./channels/slack/start.js");
    const slack = await startSlack(app, config, handover ? { extend: (bolt, logger) => handover.attachSlack(bolt, logger) } : {});
    stops.push(() => slack.stop());
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const { startTelegram, TelegramStartError } = await import("./channels/telegram/index.js");
    try {
      const telegram = await startTelegram(app, config, handover ? { hook: handover.hook } : {});
      stops.push(() => telegram.stop());
      if (handover) {
        handover.start();
        stops.push(() => handover.stop());
      }
    } catch (err) {
      for (const s of stops) await s();
      throw err instanceof TelegramStartError ? new ChannelStartError(err.message) : err;
    }
  }
  return stops;
}

async function start(): Promise<number> {
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  let app: ReturnType<typeof openApp>;
  try {
    app = openApp(config.WEGWEISER_DB ? { dbPath: config.WEGWEISER_DB } : {});
  } catch (err) {
    if (!(err instanceof DatabaseOpenError)) throw err;
    process.stderr.write(`Wegweiser cannot start: ${err.message}\n`);
    return 1;
  }
  // expired sessions and referrals go now and every hour, in chunks that never block a reply
  const purger = startPurging(
    [(limit) => app.sessions.purgeExpired(undefined, limit), (limit) => app.referrals.purgeExpired(todayInGermany(), limit)],
    60 * 60 * 1000,
    (err) => process.stderr.write(`purge.failed ${(err as { code?: string }).code ?? "error"}\n`),
  );
  let stops: Stop[];
  try {
    stops = await startChannels(config, app);
  } catch (err) {
    if (!(err instanceof ChannelStartError)) throw err;
    process.stderr.write(`Wegweiser cannot start: ${err.message}\n`);
    await purger.stop();
    app.close();
    return 1;
  }
  if (stops.length === 0) {
    try {
      const suggestedLang = languageFromLocale(process.env.LANG);
      await runConsole(app, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true, ...(suggestedLang ? { suggestedLang } : {}) });
      return 0;
    } finally {
      await purger.stop();
      app.close();
    }
  }
  // long-running: stop cleanly on a signal
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await purger.stop();
  for (const s of stops) await s();
  app.close();
  return 0;
}

process.exitCode = await start();
