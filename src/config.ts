// Configuration from the environment, checked at start: each mistake is named with a sentence
// that says how to fix it (design.md §5).
import { z } from "zod";

const url = (name: string) =>
  z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL, e.g. https://example.org/path` }).optional();

const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, "TELEGRAM_BOT_TOKEN looks wrong: it is the token BotFather gave you, like 123456:ABC-DEF…").optional(),
    TELEGRAM_API_ROOT: url("TELEGRAM_API_ROOT"),
    TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: "TELEGRAM_WEBHOOK_URL must be the public https:// address Telegram will call" }).optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "TELEGRAM_WEBHOOK_SECRET: 16–256 characters of A–Z, a–z, 0–9, _ and - (Telegram's rule)")
      .optional(),
    SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, "SLACK_BOT_TOKEN must be a bot token starting with xoxb- (Slack app → OAuth & Permissions)").optional(),
    SLACK_SIGNING_SECRET: z.string().min(16, "SLACK_SIGNING_SECRET looks too short (Slack app → Basic Information → Signing Secret)").optional(),
    SLACK_APP_TOKEN: z.string().regex(/^xapp-/, "SLACK_APP_TOKEN must be an app-level token starting with xapp- (needed only for Socket Mode)").optional(),
    SLACK_API_URL: url("SLACK_API_URL"),
    PORT: z.coerce.number().int().min(0).max(65535, "PORT must be a port number between 0 and 65535").optional(),
    WEGWEISER_DB: z.string().min(1).optional(),
    WEGWEISER_HANDOVER_FILE: z.string().min(1).optional(),
    WEGWEISER_SECRET: z.string().min(32, "WEGWEISER_SECRET must be at least 32 characters; create one with: openssl rand -hex 32").optional(),
    WEGWEISER_SECRET_PREVIOUS: z
      .string()
      .refine((v) => v.split(",").every((k) => k.trim().length >= 32), "WEGWEISER_SECRET_PREVIOUS: the earlier values of WEGWEISER_SECRET, comma-separated, each at least 32 characters")
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_BOT_TOKEN) ctx.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_URL"], message: "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not: set the bot token too" });
    if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) ctx.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_SECRET"], message: "webhook mode needs TELEGRAM_WEBHOOK_SECRET so only Telegram can call the webhook; create one with: openssl rand -hex 32" });
    if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) ctx.addIssue({ code: "custom", path: ["SLACK_SIGNING_SECRET"], message: "SLACK_BOT_TOKEN is set: also set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)" });
    if (c.TELEGRAM_WEBHOOK_URL && c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["PORT"],
        message: "the Telegram webhook and Slack over HTTP would both listen on PORT: use Slack Socket Mode (set SLACK_APP_TOKEN) or Telegram long polling (unset TELEGRAM_WEBHOOK_URL), or run two processes with different PORT",
      });
    }
    if (c.WEGWEISER_HANDOVER_FILE && (!c.SLACK_BOT_TOKEN || !c.TELEGRAM_BOT_TOKEN)) {
      ctx.addIssue({ code: "custom", path: ["WEGWEISER_HANDOVER_FILE"], message: "WEGWEISER_HANDOVER_FILE is set: the hand-over connects Telegram and Slack, so set TELEGRAM_BOT_TOKEN and SLACK_BOT_TOKEN too (or unset WEGWEISER_HANDOVER_FILE)" });
    }
    if (!c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN)) ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "Slack settings are given but SLACK_BOT_TOKEN is not: set the bot token (xoxb-…)" });
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // empty variables count as unset
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const r = schema.safeParse(clean);
  if (!r.success) throw new ConfigError(`Wegweiser cannot start:\n${r.error.issues.map((i) => `- ${i.message}`).join("\n")}`);
  return r.data;
}
