// A loopback stand-in for Slack: the Web API (auth.test, apps.connections.open) and the
// response_url endpoint that records what Bolt's respond() posts; plus signed requests.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { types } from "@slack/bolt";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-1234-5678-loopbacktoken";

export interface Posted {
  readonly path: string;
  /** performance.now() when it arrived */
  readonly at: number;
  readonly body: { response_type?: string; replace_original?: boolean; text?: string; blocks?: types.KnownBlock[] };
}

export interface FakeSlack {
  readonly url: string;
  /** Web API calls by method name, in order */
  readonly apiCalls: string[];
  /** everything posted to /respond/…, in order */
  readonly posted: Posted[];
  /** what apps.connections.open returns */
  wsUrl: string;
  responseUrl(id: string): string;
  /** resolves with the messages posted to one response_url once `count` have arrived */
  waitFor(id: string, count: number, timeoutMs?: number): Promise<Posted[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const apiCalls: string[] = [];
  const posted: Posted[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path.startsWith("/api/")) {
        const method = path.slice(5);
        apiCalls.push(method);
        const reply =
          method === "auth.test"
            ? { ok: true, url: "https://loopback.slack.test/", team: "Loopback", user: "wegweiser", team_id: "T0TEAM", user_id: "U0BOT", bot_id: "B0BOT" }
            : method === "apps.connections.open"
              ? { ok: true, url: fake.wsUrl }
              : { ok: false, error: "unknown_method" };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
        return;
      }
      if (path.startsWith("/respond/")) {
        posted.push({ path, at: performance.now(), body: JSON.parse(text) as Posted["body"] });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        for (const w of waiters) w();
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeSlack = {
    url,
    apiCalls,
    posted,
    wsUrl: "",
    responseUrl: (id) => `${url}/respond/${id}`,
    waitFor(id, count, timeoutMs = 10_000) {
      const mine = () => posted.filter((p) => p.path === `/respond/${id}`);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (mine().length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(mine());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`response_url ${id}: ${mine().length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}

/** The form body Slack posts for a slash command. */
export function commandBody(text: string, responseUrl: string, command = "/wegweiser"): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: "T0TEAM",
    team_domain: "loopback",
    channel_id: "C0CHAN",
    channel_name: "beratung",
    user_id: "U0STAFF",
    user_name: "caseworker",
    command,
    text,
    api_app_id: "A0APP",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}") in hex. */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function signedHeaders(body: string, timestamp = nowSeconds(), secret = SIGNING_SECRET): Record<string, string> {
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": sign(body, timestamp, secret),
  };
}

export async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: "POST", body, headers });
  return { status: res.status, text: await res.text() };
}

/** Every text in a message's blocks, in order, for assertions on what staff read. */
export function blockTexts(blocks: readonly types.KnownBlock[] = []): string[] {
  return blocks.flatMap((b) => {
    if (b.type === "section" || b.type === "header") return b.text ? [b.text.text] : [];
    if (b.type === "context") return b.elements.map((e) => ("text" in e && typeof e.text === "string" ? e.text : ""));
    return [];
  });
}

/** The form body Slack posts when someone clicks a button in a message (`block_actions`). */
export function actionBody(actionId: string, value: string, responseUrl: string): string {
  const payload = {
    type: "block_actions",
    team: { id: "T0TEAM", domain: "loopback" },
    user: { id: "U0STAFF", username: "caseworker", team_id: "T0TEAM" },
    api_app_id: "A0APP",
    token: "verification-token-unused",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: "C0CHAN", is_ephemeral: true },
    trigger_id: "1.2.3",
    channel: { id: "C0CHAN", name: "beratung" },
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: "b1", text: { type: "plain_text", text: "Quellen anzeigen" }, value, type: "button", action_ts: "1700000001.000200" }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
