// Memory probe run by bench/dialogue.ts in its own process: opens the app on a database with
// 100,000 sessions, talks with 1,000 users, prints the resident set size in MB.
import { openApp } from "../src/app.js";
import { createConversation } from "../src/conversation.js";
import type { DialogueInput } from "../src/dialogue/types.js";

const app = openApp({ dbPath: process.argv[2]! });
const conversation = createConversation(app, { today: () => "2026-11-21" });
const script: DialogueInput[] = [
  { kind: "start" },
  { kind: "choice", id: "de" },
  { kind: "choice", id: "ok" },
  { kind: "text", text: "35" },
  { kind: "choice", id: "schutz" },
  { kind: "choice", id: "wohnen" },
  { kind: "choice", id: "done" },
  { kind: "text", text: "Heinsberg" },
];
for (let u = 0; u < 1000; u++) for (const input of script) conversation.handle("memory", u, input);
if (app.sessions.count() < 100_000) throw new Error("expected 100,000 stored sessions");
process.stdout.write(`${process.memoryUsage().rss / 1024 / 1024}\n`);
app.close();
