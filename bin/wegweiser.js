#!/usr/bin/env node
// Entry point of the `wegweiser` command; the code is compiled to dist/ by `npm ci` (prepare).
import { main } from "../dist/src/cli/main.js";

process.exitCode = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
