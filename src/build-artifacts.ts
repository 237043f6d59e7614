// Build step after tsc (`npm run build`): writes dist/rules.bundle.json, the checked rule files
// as JSON, so a start reads no YAML. Broken rule files leave no bundle: the start then parses
// the YAML and names the broken file and field.
import { rmSync } from "node:fs";
import { RuleFileError } from "./rules/errors.js";
import { writeRuleBundle } from "./rules/load.js";
import { ruleBundlePath } from "./paths.js";

try {
  const { hash, rules } = writeRuleBundle();
  process.stdout.write(`rule bundle: ${rules} rules, version ${hash.slice(0, 12)} → ${ruleBundlePath()}\n`);
} catch (err) {
  if (!(err instanceof RuleFileError)) throw err;
  rmSync(ruleBundlePath(), { force: true });
  process.stderr.write(`no rule bundle written, the rule files are broken (npx wegweiser rules check names them):\n${err.message}\n`);
}
