// Transports for the Slack app: Bolt's HTTP receiver behind a guard that also rejects
// timestamps from the future and oversized bodies, or Socket Mode when an app token is given.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { HTTPReceiver, SocketModeReceiver, type HTTPReceiverOptions, type Logger } from "@slack/bolt";
import { declaredTooLarge, readLimitedBody, refuseTooLarge } from "../../lib/http-body.js";

/** Slack's replay window: a request more than five minutes off the clock, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
export const EVENTS_PATH = "/slack/events";
/**
 * Slack's slash commands and interaction payloads are a few kilobytes; an Events API message in a
 * hand-over thread can carry 40,000 characters twice (text and blocks), up to 4 bytes each. Bolt
 * reads the whole body before it checks the signature, so anything larger is refused before Bolt
 * sees it.
 */
export const MAX_SLACK_BODY_BYTES = 512 * 1024;

export type HeaderVerdict = "ok" | "missing_signature" | "missing_timestamp" | "bad_timestamp" | "stale_timestamp" | "future_timestamp";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v);

/**
 * Checks the signature headers before any body is read. Bolt verifies the signature and rejects
 * old timestamps; a timestamp far in the future would pass it, so it is refused here.
 */
export function checkSlackHeaders(headers: IncomingHttpHeaders, nowMs: number): HeaderVerdict {
  const signature = one(headers["x-slack-signature"]);
  const timestamp = one(headers["x-slack-request-timestamp"]);
  if (!signature) return "missing_signature";
  if (!timestamp) return "missing_timestamp";
  if (!/^\d{1,12}$/.test(timestamp)) return "bad_timestamp";
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew > MAX_CLOCK_SKEW_SECONDS) return "future_timestamp";
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return "stale_timestamp";
  return "ok";
}

export interface GuardedReceiverOptions extends HTTPReceiverOptions {
  readonly logger: Logger;
  /** the clock, for tests of the window */
  readonly now?: () => number;
}

/** Bolt's HTTPReceiver; every request passes the header check before Bolt sees it. */
export class GuardedHTTPReceiver extends HTTPReceiver {
  constructor(options: GuardedReceiverOptions) {
    super({ endpoints: EVENTS_PATH, ...options, signatureVerification: true });
    const { logger, now = Date.now } = options;
    const inner = this.requestListener;
    const tooLarge = (res: ServerResponse) => {
      logger.warn("SLACK_REQUEST_REJECTED reason=too_large");
      refuseTooLarge(res);
    };
    this.requestListener = (req: IncomingMessage, res: ServerResponse) => {
      const verdict = checkSlackHeaders(req.headers, now());
      if (verdict !== "ok") {
        logger.warn(`SLACK_REQUEST_REJECTED reason=${verdict}`);
        req.resume();
        res.writeHead(401, { "content-length": "0" }).end();
        return;
      }
      if (declaredTooLarge(req, MAX_SLACK_BODY_BYTES)) return tooLarge(res);
      readLimitedBody(req, MAX_SLACK_BODY_BYTES).then(
        (body) => {
          if (body === "too_large") return tooLarge(res);
          // Bolt takes a request that carries `rawBody` as already read (bufferIncomingMessage)
          (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
          inner(req, res);
        },
        () => {
          if (!res.headersSent) res.writeHead(400, { "content-length": "0" }).end();
        },
      );
    };
  }
}

export interface TransportOptions {
  readonly signingSecret?: string;
  readonly appToken?: string;
  readonly slackApiUrl?: string;
  readonly logger: Logger;
}

/** Socket Mode with an app token, the guarded HTTP receiver with a signing secret. */
export function createReceiver(o: TransportOptions): GuardedHTTPReceiver | SocketModeReceiver {
  if (o.appToken) {
    return new SocketModeReceiver({
      appToken: o.appToken,
      logger: o.logger,
      // the receiver's own Web API client opens the connection (apps.connections.open)
      installerOptions: { clientOptions: o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {} },
    });
  }
  if (!o.signingSecret) throw new Error("Slack needs SLACK_SIGNING_SECRET for HTTP (Slack app → Basic Information → Signing Secret) or SLACK_APP_TOKEN for Socket Mode");
  return new GuardedHTTPReceiver({ signingSecret: o.signingSecret, logger: o.logger });
}
