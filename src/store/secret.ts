// The key behind pseudonymous user keys: WEGWEISER_SECRET, or a random key created once and
// kept beside the database with mode 0600.
import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export function secretPath(dbFile: string): string {
  return join(dirname(resolve(dbFile)), "wegweiser.secret");
}

export function loadSecret(dbFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.WEGWEISER_SECRET && env.WEGWEISER_SECRET.trim() !== "") return Buffer.from(env.WEGWEISER_SECRET, "utf8");
  if (dbFile === ":memory:") return randomBytes(32);
  const file = secretPath(dbFile);
  try {
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "hex");
    if (key.length >= 32) {
      // someone loosened the mode: put it back
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return key;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    // another process created it first: use theirs
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return Buffer.from(readFileSync(file, "utf8").trim(), "hex");
    throw err;
  }
}
