// The real bot as a child process (`node dist/src/main.js`), pointed at the loopback Bot API
// server – to be killed with SIGKILL and started again.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers.js";
import type { BotApiServer } from "./bot-api-server.js";

export const MAIN = join(ROOT, "dist", "src", "main.js");
export const TEST_SECRET = "crash-test-secret-0123456789abcdef0123456789";

export interface BotProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** resolves when the bot logged telegram.started */
  readonly started: Promise<void>;
}

export function spawnBot(server: BotApiServer, dbPath: string, stderr: string[], extraEnv: NodeJS.ProcessEnv = {}): BotProcess {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does)`);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: "C", TELEGRAM_BOT_TOKEN: server.token, TELEGRAM_API_ROOT: server.apiRoot, WEGWEISER_DB: dbPath, WEGWEISER_SECRET: TEST_SECRET, ...extraEnv };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ["ignore", "ignore", "pipe"] });
  let resolveStarted!: () => void;
  const started = new Promise<void>((r) => (resolveStarted = r));
  child.stderr!.on("data", (d: Buffer) => {
    const s = d.toString("utf8");
    stderr.push(s);
    if (s.includes("telegram.started")) resolveStarted();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, started };
}
