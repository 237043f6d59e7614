// Routing `/wegweiser …` by its first word: help, the reserved referral commands, the English
// switch, and everything else as a check with the text Slack escaped decoded.
import { describe, expect, it } from "vitest";
import { COMMANDS, check, route, slackText } from "../../../src/channels/slack/router.js";
import { createVocabularyIndex } from "../../../src/rules/aliases.js";
import { realRuleSet } from "../../helpers.js";

const vocab = createVocabularyIndex(realRuleSet().vocabulary);

describe("route", () => {
  it("sends an empty command and help or hilfe to the help", () => {
    for (const text of ["", "   ", "help", "HILFE", "Help me"]) expect(route(text).handler, text).toBe(COMMANDS.help);
  });

  it("reserves ref, close and stats for the referral commands", () => {
    expect(route("ref ABCDE-FGHJK")).toMatchObject({ name: "ref", args: "ABCDE-FGHJK", lang: "de" });
    expect(route("close X").name).toBe("close");
    expect(route("stats").name).toBe("stats");
    expect(Object.keys(COMMANDS).sort()).toEqual(["close", "contacted", "help", "hilfe", "ref", "stats"]);
  });

  it("takes anything else as a check, German by default", () => {
    const r = route("22 duldung arbeit  Heinsberg");
    expect(r).toMatchObject({ name: "check", args: "22 duldung arbeit Heinsberg", lang: "de" });
    expect(r.handler).toBe(check);
  });

  it("answers in English after a leading en, for checks and help", () => {
    expect(route("en 22 duldung")).toMatchObject({ name: "check", args: "22 duldung", lang: "en" });
    expect(route("EN help")).toMatchObject({ name: "help", lang: "en" });
  });

  it("answers in any of the ten languages after a leading code, lang:CODE or sprache:CODE", () => {
    for (const code of ["de", "en", "ar", "fa", "prs", "ps", "uk", "ru", "tr", "kmr"]) {
      expect(route(`${code} 22 duldung Heinsberg`, vocab)).toMatchObject({ name: "check", args: "22 duldung Heinsberg", lang: code });
      expect(route(`lang:${code} 22 duldung`, vocab)).toMatchObject({ args: "22 duldung", lang: code });
    }
    expect(route("sprache:uk 22 ukraine", vocab)).toMatchObject({ args: "22 ukraine", lang: "uk" });
    expect(route("ku 22 schutz", vocab).lang).toBe("kmr");
  });

  it("reads a leading de as the language only when the line names another status or a command", () => {
    expect(route("de 22 duldung arbeit", vocab)).toMatchObject({ args: "22 duldung arbeit", lang: "de" });
    expect(route("de help", vocab)).toMatchObject({ name: "help", lang: "de" });
    // no other status: de is short for deutsch
    expect(route("de 40 arbeit NW", vocab)).toMatchObject({ args: "de 40 arbeit NW", lang: "de" });
    expect(route("DE 40", vocab).args).toBe("DE 40");
    // lang:de is always the language
    expect(route("lang:de 40 arbeit", vocab).args).toBe("40 arbeit");
  });

  it("does not take an inherited property name for a command", () => {
    expect(route("constructor 22 duldung").name).toBe("check");
    expect(route("toString").name).toBe("check");
  });

  it("decodes what Slack escapes in the text", () => {
    expect(slackText("a &amp; b &lt;c&gt;")).toBe("a & b <c>");
  });
});
