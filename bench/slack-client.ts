// The load generator of the Slack benchmark, in its own thread as Slack is its own machine:
// a loopback Web API and response_url, signed commands a few at a time, and refused requests.
import { parentPort, workerData } from "node:worker_threads";
import { commandBody, nowSeconds, signedHeaders, startFakeSlack } from "../test/channels/slack/harness.js";

export interface ClientJob {
  readonly lines: readonly string[];
  readonly total: number;
  readonly warmup: number;
  readonly concurrency: number;
  readonly badPerKind: number;
}

export interface ClientResult {
  readonly ackMs: number[];
  readonly answerMs: number[];
  readonly seconds: number;
  readonly refused: Record<string, number>;
  readonly answersForRefused: number;
}

/** Milliseconds on a clock both threads share (performance.now() starts per thread). */
const clock = () => performance.timeOrigin + performance.now();

const job = workerData as ClientJob;
const port = parentPort!;
const fake = await startFakeSlack();
port.postMessage({ type: "api", url: `${fake.url}/api/` });
const events = await new Promise<string>((resolve) => port.once("message", (m: { url: string }) => resolve(m.url)));

async function one(i: number, tag: string): Promise<{ ack: number; answer: number }> {
  const id = `${tag}-${i}`;
  const body = commandBody(job.lines[i % job.lines.length]!, fake.responseUrl(id));
  const t0 = clock();
  const res = await fetch(events, { method: "POST", body, headers: signedHeaders(body) });
  await res.arrayBuffer();
  const ack = clock() - t0;
  if (res.status !== 200) throw new Error(`command ${id}: HTTP ${res.status}`);
  const [answer] = await fake.waitFor(id, 1);
  return { ack, answer: answer!.at + performance.timeOrigin - t0 };
}

async function run(n: number, tag: string) {
  const ackMs: number[] = [];
  const answerMs: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const r = await one(next++, tag);
      ackMs.push(r.ack);
      answerMs.push(r.answer);
    }
  };
  const t0 = clock();
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return { ackMs, answerMs, seconds: (clock() - t0) / 1000 };
}

await run(job.warmup, "warmup");
const measured = await run(job.total, "cmd");

// Requests Slack did not sign; the main thread counts whether any reached the handler.
const bad: Record<string, (body: string) => Record<string, string>> = {
  unsigned: () => ({ "content-type": "application/x-www-form-urlencoded" }),
  wrong_secret: (b) => signedHeaders(b, nowSeconds(), "another-secret-of-32-characters!"),
  altered_byte: (b) => signedHeaders(b.replace("text=", "text=1")),
  stale: (b) => signedHeaders(b, nowSeconds() - 301),
  future: (b) => signedHeaders(b, nowSeconds() + 301),
};
const postedBefore = fake.posted.length;
const refused: Record<string, number> = {};
for (const [kind, headers] of Object.entries(bad)) {
  refused[kind] = 0;
  for (let i = 0; i < job.badPerKind; i++) {
    const body = commandBody(job.lines[0]!, fake.responseUrl(`bad-${kind}-${i}`));
    const res = await fetch(events, { method: "POST", body, headers: headers(body) });
    await res.arrayBuffer();
    if (res.status === 401) refused[kind] += 1;
  }
}
await new Promise((r) => setTimeout(r, 200));
const result: ClientResult = { ...measured, refused, answersForRefused: fake.posted.length - postedBefore };
port.postMessage({ type: "done", result });
await fake.close();
