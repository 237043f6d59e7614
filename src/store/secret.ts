// The key behind pseudonymous user keys: WEGWEISER_SECRET, or a random key created once and
// kept beside the database with mode 0600; and the keys it replaced (rotation).
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

/**
 * Keys that WEGWEISER_SECRET replaced, so users keyed with them are still found (and re-keyed):
 * WEGWEISER_SECRET_PREVIOUS (comma-separated), and the key file beside the database when
 * WEGWEISER_SECRET now takes its place.
 */
export function loadPreviousSecrets(dbFile: string, env: NodeJS.ProcessEnv = process.env): Buffer[] {
  const out = (env.WEGWEISER_SECRET_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => Buffer.from(s, "utf8"));
  if (env.WEGWEISER_SECRET && env.WEGWEISER_SECRET.trim() !== "" && dbFile !== ":memory:") {
    try {
      const key = Buffer.from(readFileSync(secretPath(dbFile), "utf8").trim(), "hex");
      if (key.length >= 32) out.push(key);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
  return out;
}
