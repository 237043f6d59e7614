// The operator's routing of hand-overs: which Slack channel receives the cases of which Kreis
// and service, with a default channel. Read from WEGWEISER_HANDOVER_FILE (YAML or JSON) and
// checked at start with a sentence that says how to fix each mistake.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { SERVICE_IDS, type ServiceId } from "../rules/vocabulary.js";

/** A public (C…) or private (G…) Slack channel id, as shown in the channel's details. */
const channel = z.string().regex(/^[CG][A-Z0-9]{6,}$/, "must be a Slack channel id like C0123456789 (channel → details → at the bottom), not its name");

const route = z.strictObject({
  kreis: z.string().regex(/^\d{5}$/, "kreis must be a Kreis key of 5 digits, e.g. \"05370\" for Kreis Heinsberg (in quotes, so the leading 0 stays)").optional(),
  service: z.enum(SERVICE_IDS, { error: `service must be one of: ${SERVICE_IDS.join(", ")}` }).optional(),
  channel,
});

const schema = z.strictObject({
  default_channel: channel.optional(),
  routes: z.array(route).default([]),
});

export interface HandoverRoute {
  readonly kreis?: string;
  readonly service?: ServiceId;
  readonly channel: string;
}

export interface HandoverConfig {
  readonly defaultChannel?: string;
  readonly routes: readonly HandoverRoute[];
}

export class HandoverConfigError extends Error {
  readonly code = "HANDOVER_CONFIG";
}

/** Checks the parsed file; every problem names its place in the file and how to fix it. */
export function parseHandoverConfig(value: unknown, file = "WEGWEISER_HANDOVER_FILE"): HandoverConfig {
  const r = schema.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `- ${file}: ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
    throw new HandoverConfigError(`the hand-over configuration is not valid:\n${lines.join("\n")}`);
  }
  const c = r.data;
  if (!c.default_channel && c.routes.length === 0) {
    throw new HandoverConfigError(`the hand-over configuration is not valid:\n- ${file}: give default_channel or at least one route (kreis, service, channel)`);
  }
  const routes = c.routes.map((x) => ({ ...(x.kreis ? { kreis: x.kreis } : {}), ...(x.service ? { service: x.service } : {}), channel: x.channel }));
  return { ...(c.default_channel ? { defaultChannel: c.default_channel } : {}), routes };
}

export function readHandoverConfig(path: string): HandoverConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new HandoverConfigError(`WEGWEISER_HANDOVER_FILE ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"}): check the path`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new HandoverConfigError(`WEGWEISER_HANDOVER_FILE ${path} is not YAML or JSON: ${(err as Error).message.split("\n")[0]}`);
  }
  return parseHandoverConfig(value, path);
}

/**
 * The channel for a case: the route for this Kreis and service, then for the Kreis (any service),
 * then for the service (any Kreis), then the default channel; undefined when none applies.
 */
export function channelFor(config: HandoverConfig, kreis: string | null, service: ServiceId): string | undefined {
  const exact = config.routes.find((r) => r.kreis !== undefined && r.kreis === kreis && r.service === service);
  const byKreis = config.routes.find((r) => r.kreis !== undefined && r.kreis === kreis && r.service === undefined);
  const byService = config.routes.find((r) => r.kreis === undefined && r.service === service);
  return (exact ?? byKreis ?? byService)?.channel ?? config.defaultChannel;
}
