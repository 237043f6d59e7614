// Starts the Slack channel on the transport the configuration asks for – Socket Mode with
// SLACK_APP_TOKEN, otherwise HTTP on PORT at /slack/events – and returns how to stop it.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { App as BoltApp, Logger } from "@slack/bolt";
import type { App as Wegweiser } from "../../app.js";
import type { Config } from "../../config.js";
import { apiBase, createSlackApp } from "./app.js";
import { createLogger } from "./logger.js";
import { createReceiver, GuardedHTTPReceiver } from "./receiver.js";

export interface SlackStartOptions {
  /** HTTP only: interface to listen on; default every interface (Slack must reach it) */
  readonly host?: string;
  /** HTTP only: overrides PORT; 0 picks a free port */
  readonly port?: number;
  readonly logger?: Logger;
  readonly today?: () => string;
  readonly command?: string;
  /** registers more listeners on the app before it starts (the hand-over's card actions) */
  readonly extend?: (bolt: BoltApp, logger: Logger) => void;
}

export interface SlackRunning {
  readonly transport: "http" | "socket";
  /** HTTP only: the port actually listened on */
  readonly port?: number;
  readonly bolt: BoltApp;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 3000;

export async function startSlack(app: Wegweiser, config: Config, options: SlackStartOptions = {}): Promise<SlackRunning> {
  const logger = options.logger ?? createLogger();
  const receiver = createReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET,
    appToken: config.SLACK_APP_TOKEN,
    slackApiUrl: apiBase(config.SLACK_API_URL),
    logger,
  });
  const bolt = createSlackApp({
    app,
    config,
    receiver,
    logger,
    ...(options.today ? { today: options.today } : {}),
    ...(options.command ? { command: options.command } : {}),
  });
  options.extend?.(bolt, logger);
  await bolt.init();
  if (receiver instanceof GuardedHTTPReceiver) {
    const port = options.port ?? config.PORT ?? DEFAULT_PORT;
    const server = (await bolt.start(options.host ? { port, host: options.host } : port)) as Server;
    const actual = (server.address() as AddressInfo).port;
    logger.info(`SLACK_STARTED transport=http port=${actual}`);
    return { transport: "http", port: actual, bolt, stop: () => bolt.stop() as Promise<void> };
  }
  await bolt.start();
  logger.info("SLACK_STARTED transport=socket");
  return { transport: "socket", bolt, stop: () => bolt.stop() as Promise<void> };
}
