// A Slack stand-in on loopback for the hand-over: the Web API methods the bot calls (auth.test,
// chat.postMessage, chat.update, chat.postEphemeral) keeping channels and threads like Slack,
// response_url posts, fault injection and held answers; plus signed interactions and events
// sent to the bot the way Slack sends them (events again until acknowledged).
import { EventEmitter } from "node:events";
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const SLACK_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const SLACK_BOT_TOKEN = "xoxb-1234-5678-loopbacktoken";
export const TEAM = "T0TEAM";

export interface SlackPost {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: Record<string, unknown>[];
  readonly thread_ts?: string;
  readonly metadata?: Record<string, unknown>;
  edits: number;
}

export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly at: number;
  readonly status: "ok" | "failed";
}

type Json = Record<string, unknown>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Form fields as the Web API client sends them; objects and arrays arrive as JSON text. */
function parseArgs(body: string, type: string | undefined): Json {
  if (type?.includes("application/json")) return JSON.parse(body) as Json;
  const out: Json = {};
  for (const [k, v] of new URLSearchParams(body)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export class SlackStandIn extends EventEmitter {
  readonly posts: SlackPost[] = [];
  readonly calls: ApiCall[] = [];
  readonly ephemerals: { channel: string; user: string; text: string; thread_ts?: string }[] = [];
  readonly responses: { path: string; body: Json }[] = [];
  /** answers are held this long (to kill the bot while calls are in flight) */
  holdMs = 0;
  /** what apps.connections.open returns (Socket Mode) */
  wsUrl = "";
  private faults = new Map<string, string[]>();
  private seq = 0;
  private server!: Server;

  static async start(): Promise<SlackStandIn> {
    const s = new SlackStandIn();
    s.setMaxListeners(0);
    s.server = createServer((req, res) => {
      void readBody(req).then(async (body) => {
        const path = new URL(req.url ?? "/", "http://x").pathname;
        if (path.startsWith("/respond/")) {
          s.responses.push({ path, body: JSON.parse(body) as Json });
          res.writeHead(200, { "content-type": "text/plain" }).end("ok");
          s.emit("change");
          return;
        }
        if (!path.startsWith("/api/")) return void res.writeHead(404).end();
        const method = path.slice(5);
        if (s.holdMs > 0) await new Promise((r) => setTimeout(r, s.holdMs));
        // the Socket Mode connection is opened with the app-level token, everything else with the bot's
        const auth = req.headers.authorization ?? "";
        const allowed = auth === `Bearer ${SLACK_BOT_TOKEN}` || (method === "apps.connections.open" && auth.startsWith("Bearer xapp-"));
        const reply = allowed ? s.call(method, parseArgs(body, req.headers["content-type"])) : { ok: false, error: "invalid_auth" };
        if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
        s.emit("change");
      });
    });
    await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** SLACK_API_URL for the bot */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** The next `count` calls of `method` fail with this Slack error. */
  failNext(method: string, count: number, error: string): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...Array<string>(count).fill(error)]);
  }

  inChannel(channel: string): SlackPost[] {
    return this.posts.filter((p) => p.channel === channel && p.thread_ts === undefined);
  }

  thread(channel: string, ts: string): SlackPost[] {
    return this.posts.filter((p) => p.channel === channel && p.thread_ts === ts);
  }

  waitFor(test: () => boolean, ms = 10_000, what = "condition"): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.off("change", check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.off("change", check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.on("change", check);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()).closeAllConnections());
  }

  private call(method: string, args: Json): Json {
    const fault = this.faults.get(method)?.shift();
    const record = (status: ApiCall["status"]) => this.calls.push({ method, args, at: performance.now(), status });
    if (fault) {
      record("failed");
      return { ok: false, error: fault };
    }
    switch (method) {
      case "auth.test":
        record("ok");
        return { ok: true, url: "https://loopback.slack.test/", team: "Loopback", user: "wegweiser", team_id: TEAM, user_id: "U0BOT", bot_id: "B0BOT" };
      case "apps.connections.open":
        record("ok");
        return { ok: true, url: this.wsUrl };
      case "chat.postMessage": {
        const channel = String(args.channel);
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
        const thread = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
        if (thread && !this.posts.some((p) => p.channel === channel && p.ts === thread)) {
          record("failed");
          return { ok: false, error: "thread_not_found" };
        }
        const metadata = args.metadata as Json | undefined;
        this.posts.push({ channel, ts, text: String(args.text ?? ""), blocks: (args.blocks as Json[] | undefined) ?? [], ...(thread ? { thread_ts: thread } : {}), ...(metadata ? { metadata } : {}), edits: 0 });
        record("ok");
        return { ok: true, channel, ts, message: { text: args.text, ts, bot_id: "B0BOT" } };
      }
      case "chat.update": {
        const post = this.posts.find((p) => p.channel === args.channel && p.ts === args.ts);
        if (!post) {
          record("failed");
          return { ok: false, error: "message_not_found" };
        }
        post.text = String(args.text ?? "");
        post.blocks = (args.blocks as Json[] | undefined) ?? [];
        post.edits++;
        record("ok");
        return { ok: true, channel: post.channel, ts: post.ts };
      }
      case "conversations.replies":
      case "conversations.history": {
        const withMeta = args.include_all_metadata === "true" || args.include_all_metadata === true;
        const view = (p: SlackPost) => ({ type: "message", ts: p.ts, text: p.text, bot_id: "B0BOT", ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}), ...(withMeta && p.metadata ? { metadata: p.metadata } : {}) });
        const list =
          method === "conversations.replies"
            ? this.posts.filter((p) => p.channel === args.channel && (p.ts === args.ts || p.thread_ts === args.ts))
            : this.inChannel(String(args.channel)).filter((p) => args.oldest === undefined || Number(p.ts) >= Number(args.oldest));
        record("ok");
        return { ok: true, messages: list.map(view), has_more: false };
      }
      case "chat.postEphemeral":
        this.ephemerals.push({ channel: String(args.channel), user: String(args.user), text: String(args.text ?? ""), ...(typeof args.thread_ts === "string" ? { thread_ts: args.thread_ts } : {}) });
        record("ok");
        return { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}` };
      default:
        record("failed");
        return { ok: false, error: "unknown_method" };
    }
  }
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}") in hex. */
export function signature(body: string, timestamp: number, secret = SLACK_SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function signed(body: string, contentType: string, timestamp = nowSeconds(), secret = SLACK_SIGNING_SECRET): Record<string, string> {
  return { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature(body, timestamp, secret) };
}

/** The form body of a block action on a card (Take, or Close with a reason). */
export function actionBody(o: { user: string; channel: string; ts: string; action: "handover_take" | "handover_close"; reason?: string; responseUrl: string }): string {
  const action =
    o.action === "handover_take"
      ? { type: "button", action_id: o.action, block_id: "handover", value: "take", action_ts: `${nowSeconds()}.1` }
      : { type: "static_select", action_id: o.action, block_id: "handover", selected_option: { value: o.reason ?? "done", text: { type: "plain_text", text: o.reason ?? "done" } }, action_ts: `${nowSeconds()}.1` };
  const payload = {
    type: "block_actions",
    team: { id: TEAM, domain: "loopback" },
    user: { id: o.user, username: o.user.toLowerCase(), team_id: TEAM },
    api_app_id: "A0APP",
    token: "verification-token-unused",
    container: { type: "message", message_ts: o.ts, channel_id: o.channel, is_ephemeral: false },
    trigger_id: "1.2.3",
    channel: { id: o.channel, name: "beratung" },
    message: { type: "message", ts: o.ts, text: "card", bot_id: "B0BOT" },
    response_url: o.responseUrl,
    actions: [action],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let eventSeq = 0;

/** The JSON body of a message event in a thread, as the Events API posts it. */
export function threadMessageBody(o: { user: string; channel: string; threadTs: string; text: string; eventId?: string }): string {
  const ts = `${nowSeconds()}.${String(900_000 + ++eventSeq)}`;
  return JSON.stringify({
    token: "verification-token-unused",
    team_id: TEAM,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: o.eventId ?? `Ev${Date.now()}${eventSeq}`,
    event_time: nowSeconds(),
    event: { type: "message", channel: o.channel, channel_type: "channel", user: o.user, text: o.text, ts, thread_ts: o.threadTs, team: TEAM },
  });
}

/** Posts like Slack: signed; an event is sent again (with x-slack-retry-num) until it is acknowledged. */
export async function deliver(url: string, body: string, contentType: string, options: { retries?: number; retryMs?: number } = {}): Promise<number> {
  const retries = options.retries ?? 0;
  for (let attempt = 0; ; attempt++) {
    let status: number;
    try {
      const res = await fetch(url, { method: "POST", body, headers: { ...signed(body, contentType), ...(attempt > 0 ? { "x-slack-retry-num": String(attempt), "x-slack-retry-reason": "http_error" } : {}) } });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    if ((status >= 200 && status < 300) || attempt >= retries) return status;
    await new Promise((r) => setTimeout(r, options.retryMs ?? 100));
  }
}
