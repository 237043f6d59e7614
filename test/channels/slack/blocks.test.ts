// Block Kit limits: escaping, clipping and the split of a real long answer into messages,
// with a visible note whenever something had to be cut.
import { afterAll, describe, expect, it } from "vitest";
import { answerMessages } from "../../../src/channels/slack/answer.js";
import { clip, esc, link, section, SLACK_LIMITS, toMessages, type SlackMessage } from "../../../src/channels/slack/blocks.js";
import { checkOneLine } from "../../../src/lookup/check.js";
import { testApp } from "../../helpers.js";
import { blockTexts } from "./harness.js";

const app = testApp();
afterAll(() => app.close());
const tr = app.i18n.translator("de");
const ALL_NEEDS = "sprache schule ausbildung arbeit anerkennung leistungen wohnen gesundheit aufenthalt einbuergerung familie kinderbetreuung behinderung diskriminierung engagement orientierung";

function longAnswer(limits = SLACK_LIMITS): SlackMessage[] {
  const r = checkOneLine(app, `30 unbekannt ${ALL_NEEDS} 05370`, "2026-11-21");
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return answerMessages(r, r.notes, tr, limits);
}

describe("mrkdwn helpers", () => {
  it("escapes the characters Slack reserves", () => {
    expect(esc("A & B <x>")).toBe("A &amp; B &lt;x&gt;");
  });

  it("links only plain http(s) URLs and keeps the label from ending the link", () => {
    expect(link("https://example.org/a", "A | B")).toBe("<https://example.org/a|A / B>");
    expect(link("javascript:alert(1)", "x")).toBe("x");
    expect(link("https://example.org/a>b", "x")).toBe("x");
  });

  it("clips long text on a word boundary, never inside an escape, within the limit", () => {
    const c = clip(`${"Wort ".repeat(20)}&amp;`, 30);
    expect(c.clipped).toBe(true);
    expect(Array.from(c.text).length).toBeLessThanOrEqual(30);
    expect(c.text.endsWith("…")).toBe(true);
    expect(clip("kurz", 30)).toEqual({ text: "kurz", clipped: false });
    const entity = clip(`${"x".repeat(26)}&amp;yyyy`, 30).text;
    expect(entity).not.toMatch(/&[a-z]*…$/);
  });
});

describe("a long answer", () => {
  it("fits one message of at most 50 blocks with Slack's limits", () => {
    const messages = longAnswer();
    const blocks = messages.flatMap((m) => m.blocks);
    expect(blocks.length).toBeGreaterThan(20);
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(50);
    expect(blockTexts(blocks).join("\n")).not.toContain("gekürzt");
  });

  it("is split into several messages marked as continued when a message takes fewer blocks", () => {
    const full = longAnswer().flatMap((m) => m.blocks).length;
    const messages = longAnswer({ ...SLACK_LIMITS, blocksPerMessage: 12, messages: 10 });
    expect(messages.length).toBe(Math.ceil(full / 10));
    for (const m of messages) expect(m.blocks.length).toBeLessThanOrEqual(12);
    expect(blockTexts(messages[1]!.blocks)[0]).toBe(`Fortsetzung (2 von ${messages.length})`);
    // nothing lost: every block of the full answer arrives
    expect(messages.reduce((n, m, i) => n + m.blocks.length - (i > 0 ? 1 : 0), 0)).toBe(full);
    expect(blockTexts(messages.at(-1)!.blocks).join("\n")).not.toContain("gekürzt");
  });

  it("is shortened with a visible note when it needs more messages than allowed", () => {
    const messages = longAnswer({ ...SLACK_LIMITS, blocksPerMessage: 12, messages: 2 });
    expect(messages).toHaveLength(2);
    expect(blockTexts(messages[1]!.blocks).at(-1)).toContain("Die Antwort war für Slack zu lang und wurde gekürzt.");
  });

  it("clips a section over the text limit and says so", () => {
    const [m] = toMessages("t", [section("x ".repeat(2000))], { continued: () => "", shortened: "gekürzt" }, { ...SLACK_LIMITS, sectionText: 100 });
    const texts = blockTexts(m!.blocks);
    expect(texts[0]!.length).toBeLessThanOrEqual(100);
    expect(texts.at(-1)).toBe("gekürzt");
  });
});
