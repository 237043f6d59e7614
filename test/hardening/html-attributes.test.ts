// Issue 12 item 2: a `"` in an office's web address no longer ends the href early; addresses are
// normalised on import; and a message Telegram refuses for its HTML still reaches the person.
import { afterEach, describe, expect, it } from "vitest";
import { Bot } from "grammy";
import { createInbox } from "../../src/channels/telegram/inbox.js";
import { silentLog } from "../../src/channels/telegram/log.js";
import { createSender } from "../../src/channels/telegram/sender.js";
import { checkOffice } from "../../src/directory/schema.js";
import type { ServiceView } from "../../src/dialogue/types.js";
import { renderReplies } from "../../src/present/dialogue-text.js";
import { escapeHtmlAttribute } from "../../src/present/html.js";
import { BotApiServer } from "../support/bot-api-server.js";
import { parseTelegramHtml } from "../support/telegram-html.js";
import { until } from "../support/test-user.js";
import { testApp } from "../helpers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const HOSTILE_WEB = 'https://example.org/beratung"><b>x</b><a href="https://attacker.example/';

describe("links in Telegram HTML", () => {
  it("escape the quote in an attribute, so the message parses and the link keeps the whole address", () => {
    const app = testApp();
    cleanup.push(() => app.close());
    const service: ServiceView = {
      id: "mbe",
      role: "counselling",
      outcome: "eligible",
      rank: 1,
      reasons: [],
      sources: [],
      route: { local: true, offices: [{ id: "x", name: "Beratung", level: "kreis", online: false, languages: [], web: HOSTILE_WEB }] },
    } as unknown as ServiceView;
    const [m] = renderReplies([{ key: "dialogue:result.your_service", params: { service } }], app.i18n.translator("de"), { format: "html" });
    const parsed = parseTelegramHtml(m!.text);
    expect(parsed.ok, m!.text).toBe(true);
    expect(m!.text).toContain(`href="${escapeHtmlAttribute(HOSTILE_WEB)}"`);
    expect(m!.text).not.toContain("<b>x</b>");
  });

  it("escapeHtmlAttribute leaves no character that ends or opens markup", () => {
    expect(escapeHtmlAttribute(`a"b'c<d>e&f`)).toBe("a&quot;b&#39;c&lt;d&gt;e&amp;f");
  });
});

describe("importing an office's web address", () => {
  it("normalises it with the URL parser, so a quote is percent-encoded", () => {
    const base = { id: "o1", kind: "mbe", name: "Beratung", areas: ["05370"], source: "Test" };
    const r = checkOffice({ ...base, web: 'HTTPS://Example.ORG/a"b c' });
    expect(r.ok && r.office.web).toBe("https://example.org/a%22b%20c");
    const bare = checkOffice({ ...base, web: "https://WWW.mbeon.de" });
    expect(bare.ok && bare.office.web).toBe("https://www.mbeon.de");
  });
});

describe("a message Telegram refuses for its HTML", () => {
  it("is sent again as plain text, so the person still gets the answer", async () => {
    const server = await BotApiServer.start();
    cleanup.push(() => server.close());
    const app = testApp();
    cleanup.push(() => app.close());
    const chat = server.chat(80_001);
    const inbox = createInbox(app.db);
    const api = new Bot(server.token, { client: { apiRoot: server.apiRoot } }).api;
    const sender = createSender(api, inbox, silentLog);
    cleanup.push(() => sender.stop());
    inbox.store([{ update_id: 1 }]);
    const rows = inbox.process(1, "80001", () => [{ method: "sendMessage", payload: { chat_id: 80_001, text: '<b>Ihr Ergebnis</b> → <a href="https://x.example/"y">Seite</a> &amp; mehr', parse_mode: "HTML", link_preview_options: { is_disabled: true } } }]);
    expect(rows).toHaveLength(1);
    sender.enqueue(rows!);
    await until(() => chat.events.length > 0 || sender.size() === 0, 5_000, "the answer");
    await sender.idle();
    expect(chat.events.map((e) => (e.kind === "send" ? e.text : e.kind))).toEqual(['Ihr Ergebnis → Seite (https://x.example/"y) & mehr']);
  });
});
