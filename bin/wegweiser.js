#!/usr/bin/env node
// Entry point of the `wegweiser` command; the code is compiled to dist/ by `npm ci` (prepare).
// A missing or stale build is named with the command that fixes it, never run.
import { requireBuild } from "./build-stamp.js";

requireBuild("dist/src/cli/main.js");
// the reader went away (`wegweiser check … | head`): end quietly instead of crashing on EPIPE
process.stdout.on("error", (err) => {
  if (err.code !== "EPIPE") throw err;
  process.exit(process.exitCode ?? 0);
});
const { main } = await import("../dist/src/cli/main.js");

process.exitCode = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
