// The Slack channel as a Bolt app: `/wegweiser` is acknowledged at once, then routed, computed
// and answered ephemerally through respond(). One error boundary logs a code and a reference.
import { randomBytes } from "node:crypto";
import { App as BoltApp, type Logger, type Receiver, type RespondFn } from "@slack/bolt";
import type { App as Wegweiser } from "../../app.js";
import type { Config } from "../../config.js";
import { todayInGermany } from "../../text/today.js";
import type { SlackMessage } from "./blocks.js";
import { createLogger } from "./logger.js";
import { errorMessages } from "./messages.js";
import { createReceiver } from "./receiver.js";
import { route } from "./router.js";
import { SOURCES_ACTION, readSourcesValue, sourcesMessages } from "./sources.js";

export interface SlackDeps {
  readonly app: Wegweiser;
  /** SLACK_BOT_TOKEN; SLACK_API_URL (Web API base, default Slack's); SLACK_APP_TOKEN or SLACK_SIGNING_SECRET for the default receiver */
  readonly config: Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_API_URL" | "SLACK_APP_TOKEN" | "SLACK_SIGNING_SECRET">;
  /** default: Socket Mode with SLACK_APP_TOKEN, else the guarded HTTP receiver */
  readonly receiver?: Receiver;
  readonly logger?: Logger;
  /** the slash command as configured in the Slack app */
  readonly command?: string;
  /** evaluation date; default today in Germany */
  readonly today?: () => string;
}

/** Slack's WebClient joins method names onto the base URL, so the base must end with "/". */
export function apiBase(url: string | undefined): string | undefined {
  return url === undefined ? undefined : url.endsWith("/") ? url : `${url}/`;
}

const reference = () => randomBytes(4).toString("hex");
/** An error's class and code, never its message: messages can quote input. */
const errorCode = (err: unknown) => `error=${err instanceof Error ? err.name : typeof err} code=${String((err as { code?: unknown } | null)?.code ?? "-")}`;

async function send(respond: RespondFn, messages: readonly SlackMessage[]): Promise<void> {
  for (const m of messages) await respond({ response_type: "ephemeral", replace_original: false, text: m.text, blocks: [...m.blocks] });
}

export function createSlackApp(deps: SlackDeps): BoltApp {
  const { config } = deps;
  if (!config.SLACK_BOT_TOKEN) throw new Error("Slack needs SLACK_BOT_TOKEN, the bot token starting with xoxb- (Slack app → OAuth & Permissions)");
  const logger = deps.logger ?? createLogger();
  const slackApiUrl = apiBase(config.SLACK_API_URL);
  const receiver =
    deps.receiver ?? createReceiver({ signingSecret: config.SLACK_SIGNING_SECRET, appToken: config.SLACK_APP_TOKEN, slackApiUrl, logger });
  const bolt = new BoltApp({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    logger,
    // Bolt sets the logger to this level; without it, INFO
    logLevel: logger.getLevel(),
    clientOptions: slackApiUrl ? { slackApiUrl } : {},
    // auth.test runs in init(), where a failure is an error the caller sees, not a stray rejection
    deferInitialization: true,
    convoStore: false,
  });
  const today = deps.today ?? (() => todayInGermany());

  bolt.command(deps.command ?? "/wegweiser", async ({ command, ack, respond }) => {
    await ack();
    // Requests already waiting are acknowledged before this one is computed (Slack allows 3 s to ack).
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    let name = "unrouted";
    let tr = deps.app.i18n.translator("de");
    let messages: readonly SlackMessage[];
    try {
      const r = route(command.text ?? "", deps.app.vocab);
      name = r.name;
      tr = deps.app.i18n.translator(r.lang);
      messages = await r.handler({ app: deps.app, args: r.args, tr, today: today(), staff: { teamId: command.team_id, userId: command.user_id } });
    } catch (err) {
      const ref = reference();
      logger.error(`SLACK_COMMAND_FAILED command=${name} ref=${ref} ${errorCode(err)}`);
      messages = errorMessages(ref, tr);
    }
    try {
      await send(respond, messages);
      logger.debug(`SLACK_COMMAND_ANSWERED command=${name} messages=${messages.length} ms=${(performance.now() - started).toFixed(1)}`);
    } catch (err) {
      logger.error(`SLACK_RESPOND_FAILED command=${name} ref=${reference()} ${errorCode(err)}`);
    }
  });

  // "Quellen anzeigen": the same line on the same date again, answered with its sources
  bolt.action(SOURCES_ACTION, async ({ ack, action, respond }) => {
    await ack();
    const request = readSourcesValue("value" in action ? action.value : undefined);
    const tr = deps.app.i18n.translator(request?.lang ?? "de");
    let messages: readonly SlackMessage[];
    try {
      messages = sourcesMessages(deps.app, request, tr);
    } catch (err) {
      const ref = reference();
      logger.error(`SLACK_ACTION_FAILED action=sources ref=${ref} ${errorCode(err)}`);
      messages = errorMessages(ref, tr);
    }
    try {
      await send(respond, messages);
    } catch (err) {
      logger.error(`SLACK_RESPOND_FAILED action=sources ref=${reference()} ${errorCode(err)}`);
    }
  });

  bolt.error(async (err) => {
    logger.error(`SLACK_BOLT_ERROR code=${(err as { code?: string }).code ?? "unknown"}`);
  });
  return bolt;
}
