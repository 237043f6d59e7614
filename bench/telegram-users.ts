// Worker thread of the Telegram benchmark: the loopback Bot API server and 100 scripted people,
// on their own core so that Telegram's side does not eat the bot's time.
import { parentPort, workerData } from "node:worker_threads";
import { BotApiServer } from "../test/support/bot-api-server.js";
import { act, scriptFor, type Action } from "../test/support/chat-scripts.js";
import { TestUser } from "../test/support/test-user.js";
import { seededRandom } from "./stats.js";

export interface UsersConfig {
  readonly chats: number;
  readonly languages: readonly string[];
}
export type ToUsers = { readonly type: "closed"; readonly seconds: number } | { readonly type: "paced"; readonly seconds: number; readonly rate: number } | { readonly type: "stop" };
export type FromUsers = { readonly type: "ready"; readonly apiRoot: string; readonly token: string } | { readonly type: "done"; readonly phase: string; readonly sent: number; readonly answered: number; readonly seconds: number };

const config = workerData as UsersConfig;
const port = parentPort!;
const server = await BotApiServer.start();
const rng = seededRandom(11);
const users = Array.from({ length: config.chats }, (_, i) => new TestUser(server, 90_000_000 + i, { languageCode: "de" }));
const scripts = users.map(() => [] as Action[]);
const next = (i: number): Action => {
  if (scripts[i]!.length === 0) scripts[i] = scriptFor(rng, config.languages);
  return scripts[i]!.shift()!;
};

/** Every person sends the next input as soon as the previous one was answered. */
async function closed(seconds: number): Promise<void> {
  const end = performance.now() + seconds * 1000;
  let sent = 0;
  let answered = 0;
  const t0 = performance.now();
  await Promise.all(
    users.map(async (u, i) => {
      while (performance.now() < end) {
        const before = server.answerCount(u.id);
        act(u, next(i));
        sent++;
        await server.waitFor(() => server.answerCount(u.id) > before, 30_000, "an answer");
        answered++;
      }
    }),
  );
  port.postMessage({ type: "done", phase: "closed", sent, answered, seconds: (performance.now() - t0) / 1000 } satisfies FromUsers);
}

/** Inputs at a fixed total rate, spread evenly over the people, whatever the answers. */
async function paced(seconds: number, rate: number): Promise<void> {
  const t0 = performance.now();
  const total = Math.round(seconds * rate);
  const answersBefore = users.reduce((n, u) => n + server.answerCount(u.id), 0);
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    act(users[k % users.length]!, next(k % users.length));
  }
  // let the last answers come in
  await new Promise((r) => setTimeout(r, 500));
  const answered = users.reduce((n, u) => n + server.answerCount(u.id), 0) - answersBefore;
  port.postMessage({ type: "done", phase: "paced", sent: total, answered, seconds: (performance.now() - t0) / 1000 } satisfies FromUsers);
}

port.on("message", (m: ToUsers) => {
  if (m.type === "closed") void closed(m.seconds);
  else if (m.type === "paced") void paced(m.seconds, m.rate);
  else void server.close().then(() => port.close());
});
port.postMessage({ type: "ready", apiRoot: server.apiRoot, token: server.token } satisfies FromUsers);
