// The HTTP side: Telegram's webhook (secret checked in constant time before the body is read,
// the update stored before the 200) and a health endpoint for the operator's monitoring.
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import { declaredTooLarge, readLimitedBody, refuseTooLarge } from "../../lib/http-body.js";
import { jsonDepthWithin } from "../../lib/json-depth.js";
import type { Inbox } from "./inbox.js";
import type { Log } from "./log.js";
import type { Trace } from "./sender.js";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
export const HEALTH_PATH = "/healthz";
/** Telegram's updates are a few kilobytes; anything this big is not one. */
export const MAX_BODY = 1024 * 1024;
/** A message inside a reply inside an update nests about a dozen levels; far more is not Telegram. */
export const MAX_JSON_DEPTH = 32;

export interface HttpOptions {
  readonly inbox: Inbox;
  readonly log: Log;
  /** the webhook's path and secret; without them only the health endpoint answers */
  readonly webhook?: { readonly path: string; readonly secret: string };
  /** called after an update was stored */
  readonly onStored: () => void;
  readonly health: () => Record<string, unknown>;
  readonly trace?: Trace;
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  return typeof given === "string" && timingSafeEqual(digest(given), digest(secret));
}

function reply(res: ServerResponse, status: number, body?: Record<string, unknown>, close = false): void {
  res.writeHead(status, { "content-type": "application/json", ...(close ? { connection: "close" } : {}) });
  res.end(body ? JSON.stringify(body) : "");
}

/** Telegram's update ids are 32-bit and never negative; others are forged. */
export const MAX_UPDATE_ID = 2 ** 31 - 1;

function isUpdate(value: unknown): value is Update {
  if (typeof value !== "object" || value === null) return false;
  const id = (value as { update_id?: unknown }).update_id;
  return Number.isSafeInteger(id) && (id as number) >= 0 && (id as number) <= MAX_UPDATE_ID;
}

export function createHttpServer(options: HttpOptions): Server {
  const { inbox, log, webhook } = options;
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === HEALTH_PATH) return reply(res, 200, options.health());
    if (!webhook || path !== webhook.path) return reply(res, 404, { error: "not_found" }, true);
    if (req.method !== "POST") return reply(res, 405, { error: "method_not_allowed" }, true);
    if (!secretMatches(req.headers[SECRET_HEADER], webhook.secret)) {
      // not Telegram: answer before reading a byte of the body, and close the connection
      log.warn("telegram.webhook_unauthorized");
      reply(res, 401, { error: "unauthorized" }, true);
      return;
    }
    const tooLarge = () => {
      log.warn("telegram.webhook_too_large");
      refuseTooLarge(res, JSON.stringify({ error: "too_large" }));
    };
    if (declaredTooLarge(req, MAX_BODY)) return tooLarge();
    readLimitedBody(req, MAX_BODY).then(
      (raw) => {
        if (raw === "too_large") return tooLarge();
        const body = raw.toString("utf8");
        // a 500 would make Telegram deliver the same body again and again
        if (!jsonDepthWithin(body, MAX_JSON_DEPTH)) return reply(res, 400, { error: "too_deep" });
        let update: unknown;
        try {
          update = JSON.parse(body);
        } catch {
          return reply(res, 400, { error: "not_json" });
        }
        if (!isUpdate(update)) return reply(res, 400, { error: "not_an_update" });
        try {
          // stored (fsync) before the 200: after the 200 Telegram forgets the update
          for (const id of inbox.store([update])) options.trace?.("stored", id);
        } catch (err) {
          log.error("telegram.webhook_store_failed", { error: (err as { code?: string }).code ?? "unknown" });
          return reply(res, 500, { error: "store_failed" });
        }
        reply(res, 200);
        options.onStored();
      },
      () => reply(res, 400, { error: "bad_request" }, true),
    );
  });
}
