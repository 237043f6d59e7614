// The build stamp: `npm run build` records a hash of the TypeScript sources in dist/; `npm start`
// and `wegweiser` compare it before running, so a missing or stale build is named, never run.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = join(root, "dist", "build-stamp.json");

/** SHA-256 over the names and contents of src/**\/*.ts and the tsconfig files (about 5 ms). */
export function sourcesHash() {
  const hash = createHash("sha256");
  const files = readdirSync(join(root, "src"), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join("src", f));
  for (const f of [...files, "tsconfig.json", "tsconfig.build.json"]) {
    hash.update(f.split("\\").join("/")).update("\0").update(readFileSync(join(root, f))).update("\0");
  }
  return hash.digest("hex");
}

/**
 * Undefined when dist/ was built from the sources as they are (or there are no sources: an
 * installed package ships only dist/); otherwise what is wrong and the command that fixes it.
 */
export function buildProblem(entry) {
  const hasSources = existsSync(join(root, "src"));
  if (!existsSync(join(root, entry))) {
    return `Wegweiser is not built (${entry} is missing). Run: npm run build   (npm ci does it on install)`;
  }
  if (!hasSources) return undefined;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, "utf8"));
  } catch {
    return "dist/ has no build stamp, so it may be older than the sources. Run: npm run build";
  }
  if (stamp.sources !== sourcesHash()) return "The sources changed since the last build (dist/ is stale). Run: npm run build";
  return undefined;
}

/** Exits with the problem on stderr if the build is missing or stale. */
export function requireBuild(entry) {
  const problem = buildProblem(entry);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === "--write") {
  writeFileSync(stampFile, `${JSON.stringify({ sources: sourcesHash() })}\n`);
}
