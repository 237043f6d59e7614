// Block Kit building blocks and Slack's limits: escaped mrkdwn, sections, headers, context
// lines, and the split of a long answer into messages that Slack accepts.
import type { types } from "@slack/bolt";

export type Block = types.KnownBlock;

/** One ephemeral message: blocks plus the plain text Slack shows in notifications. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Block[];
}

/** Slack's Block Kit limits (api.slack.com/reference/block-kit/blocks). */
export interface BlockLimits {
  readonly blocksPerMessage: number;
  readonly sectionText: number;
  readonly headerText: number;
  readonly contextElements: number;
  readonly contextText: number;
  /** response_url takes up to 5 messages in 30 minutes; keep some for follow-ups */
  readonly messages: number;
}

export const SLACK_LIMITS: BlockLimits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  messages: 3,
};

/** Escapes the three characters Slack's mrkdwn reserves. */
export function esc(text: string | number): string {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A link in mrkdwn; the label loses the "|" that would end it. */
export function link(url: string, label: string): string {
  return /^https?:\/\/[^\s<>|]+$/.test(url) ? `<${url}|${esc(label.replace(/\|/g, "/"))}>` : esc(label);
}

/** Cuts text to `max` characters, on a line or word boundary where possible, ending with "…". */
export function clip(text: string, max: number): { text: string; clipped: boolean } {
  if (text.length <= max) return { text, clipped: false };
  const chars = Array.from(text);
  if (chars.length <= max) return { text, clipped: false };
  const head = chars.slice(0, max - 1).join("");
  const cut = Math.max(head.lastIndexOf("\n"), head.lastIndexOf(" "));
  // never end inside an escape like "&amp;"
  const safe = (cut > max / 2 ? head.slice(0, cut) : head).replace(/&[a-z]{0,4}$/, "");
  return { text: `${safe}…`, clipped: true };
}

export const header = (text: string): Block => ({ type: "header", text: { type: "plain_text", text, emoji: true } });
export const section = (mrkdwn: string): Block => ({ type: "section", text: { type: "mrkdwn", text: mrkdwn } });
export const context = (...mrkdwn: string[]): Block => ({ type: "context", elements: mrkdwn.map((text) => ({ type: "mrkdwn", text })) });
export const divider = (): Block => ({ type: "divider" });

/** Sections of at most `max` characters from lines, each line kept whole where it fits. */
export function sectionsFromLines(lines: readonly string[], max: number): Block[] {
  const out: Block[] = [];
  let cur = "";
  for (const line of lines) {
    if (cur !== "" && cur.length + 1 + line.length > max) {
      out.push(section(cur));
      cur = "";
    }
    cur = cur === "" ? line : `${cur}\n${line}`;
  }
  if (cur !== "") out.push(section(cur));
  return out;
}

/** Brings one block within the limits; says whether anything was cut. */
function fit(block: Block, limits: BlockLimits): { block: Block; clipped: boolean } {
  if (block.type === "section" && block.text) {
    const c = clip(block.text.text, limits.sectionText);
    return { block: { ...block, text: { ...block.text, text: c.text } }, clipped: c.clipped };
  }
  if (block.type === "header") {
    const c = clip(block.text.text, limits.headerText);
    return { block: { ...block, text: { ...block.text, text: c.text } }, clipped: c.clipped };
  }
  if (block.type === "context") {
    let clipped = block.elements.length > limits.contextElements;
    const elements = block.elements.slice(0, limits.contextElements).map((e) => {
      if (!("text" in e) || typeof e.text !== "string") return e;
      const c = clip(e.text, limits.contextText);
      clipped ||= c.clipped;
      return { ...e, text: c.text };
    });
    return { block: { ...block, elements }, clipped };
  }
  return { block, clipped: false };
}

export interface SplitNotes {
  /** context line on top of every message after the first */
  continued(part: number, total: number): string;
  /** context line at the end when something had to be left out or cut */
  shortened: string;
}

/**
 * Splits blocks into at most `limits.messages` messages of at most `limits.blocksPerMessage`
 * blocks, each block within its text limits. What does not fit is left out with a visible note.
 */
export function toMessages(text: string, blocks: readonly Block[], notes: SplitNotes, limits: BlockLimits = SLACK_LIMITS): SlackMessage[] {
  let shortened = false;
  const fitted = blocks.map((b) => {
    const f = fit(b, limits);
    shortened ||= f.clipped;
    return f.block;
  });
  // one slot for "continued" on top and one for the note at the end
  const per = Math.max(1, limits.blocksPerMessage - 2);
  const chunks: Block[][] = [];
  for (let i = 0; i < fitted.length; i += per) chunks.push(fitted.slice(i, i + per));
  if (chunks.length === 0) chunks.push([]);
  if (chunks.length > limits.messages) {
    chunks.length = limits.messages;
    shortened = true;
  }
  const total = chunks.length;
  return chunks.map((chunk, i) => {
    const out = i === 0 ? [...chunk] : [context(esc(notes.continued(i + 1, total))), ...chunk];
    if (shortened && i === total - 1) out.push(context(notes.shortened));
    return { text, blocks: out };
  });
}
