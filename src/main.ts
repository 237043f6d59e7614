// `npm start`: checks the configuration, opens the app and starts the channels that have
// tokens; with none, the conversation runs in the terminal.
import { openApp } from "./app.js";
import { ConfigError, readConfig } from "./config.js";
import { languageFromLocale, runConsole } from "./channels/console/index.js";

async function start(): Promise<number> {
  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const app = openApp(config.WEGWEISER_DB ? { dbPath: config.WEGWEISER_DB } : {});
  try {
    await runConsole(app, {
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
      ...(languageFromLocale(process.env.LANG) ? { suggestedLang: languageFromLocale(process.env.LANG)! } : {}),
    });
    return 0;
  } finally {
    app.close();
  }
}

process.exitCode = await start();
