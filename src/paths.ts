// Where the project's own files are, found from this module in both src/ and dist/src/.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "rules"))) return (root = dir);
    dir = dirname(dir);
  }
  return (root = resolve("."));
}

export const rulesDir = (): string => process.env.WEGWEISER_RULES ?? join(projectRoot(), "rules");
export const localesDir = (): string => join(projectRoot(), "locales");
/** written by `npm run build`: the checked rule files as JSON, read at start when the rules are unchanged */
export const ruleBundlePath = (): string => join(projectRoot(), "dist", "rules.bundle.json");
