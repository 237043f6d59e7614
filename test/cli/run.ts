// Runs the real `wegweiser` binary (bin/wegweiser.js over dist/) as a user would.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers.js";

/** one database per test file unless a test names its own */
const defaultDb = join(tempDir("wegweiser-cli-"), "cli.db");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function wegweiser(args: readonly string[], env: Record<string, string> = {}, input?: string): Run {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "wegweiser.js"), ...args], {
    encoding: "utf8",
    env: { ...process.env, WEGWEISER_DB: defaultDb, ...env },
    input,
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
