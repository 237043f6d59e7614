// `npm run bench [-- NAME ...]`: runs the benchmarks and prints medians, p99 and ratios.
// Performance claims come from here, never from timed tests.
import { join } from "node:path";
import { projectRoot } from "../src/paths.js";
import { benchDialogue } from "./dialogue.js";
import { benchLongInput } from "./long-input.js";
import { benchHandover } from "./handover.js";
import { benchPlaces } from "./places.js";
import { benchPurge } from "./purge.js";
import { benchPlacesBundle } from "./places-bundle.js";
import { benchRules } from "./rules.js";
import { benchSlack } from "./slack.js";
import { benchStart } from "./start.js";
import { benchSlackBody } from "./slack-body.js";
import { benchTelegram } from "./telegram.js";

const GEO = process.env.WEGWEISER_GEO ?? join(projectRoot(), "..", "shared", "data", "geo");

type Bench = () => Promise<Record<string, unknown>>;

const BENCHES: Record<string, Bench> = {
  rules: () => benchRules(),
  places: () => benchPlaces(GEO),
  "places-bundle": () => benchPlacesBundle(),
  dialogue: () => benchDialogue(GEO),
  slack: () => benchSlack(GEO),
  "slack-body": () => benchSlackBody(),
  "long-input": () => benchLongInput(GEO),
  telegram: () => benchTelegram(GEO),
  purge: () => benchPurge(),
  start: () => benchStart(),
  handover: () => benchHandover(),
};

function print(result: Record<string, unknown>): void {
  const round = (_k: string, v: unknown) => (typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v);
  process.stdout.write(`${JSON.stringify(result, round, 2)}\n`);
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length ? wanted : Object.keys(BENCHES);
process.stdout.write(`node ${process.version}, ${new Date().toISOString()}\n`);
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name}"; accepted: ${Object.keys(BENCHES).join(", ")}\n`);
    process.exitCode = 2;
    continue;
  }
  print(await bench());
}
