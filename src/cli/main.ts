// The `wegweiser` command line: dispatches to the subcommands and maps errors to exit codes
// (2 for bad arguments, 1 for broken rule files or data).
import { RuleFileError } from "../rules/errors.js";
import { loadRuleSet } from "../rules/load.js";
import { createVocabularyIndex } from "../rules/aliases.js";
import { createI18n } from "../i18n/index.js";
import { localesDir } from "../paths.js";
import { lookupBundled } from "../places/bundled.js";
import { runCheck, CHECK_USAGE } from "./check.js";
import type { PlaceResolver } from "./check-args.js";
import { UsageError } from "./errors.js";
import { runRulesCheck } from "./rules-check.js";

const USAGE = `Wegweiser – which counselling service and office fits a newcomer

Usage:
  wegweiser check --age N --status STATUS [--need NEED ...] [--place PLACE] [--json]
  wegweiser rules check      validate every rule file and run the rule tests
  wegweiser help [COMMAND]

${CHECK_USAGE}`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const bundledResolver: PlaceResolver = (text) => {
  const found = lookupBundled(text);
  if (found.ok) return found;
  const why = {
    not_a_key: `"${text}" is not a Land code or official key; accepted: a Land code (NW, BY, …) or an official key of 2, 5 or 8 digits (05, 05370, 05370004)`,
    unknown_land: `"${text}" names no Land; accepted Land codes: SH, HH, NI, HB, NW, HE, RP, BW, BY, SL, BE, BB, MV, SN, ST, TH`,
    unknown_kreis: `"${text}": no Kreis or kreisfreie Stadt of North Rhine-Westphalia has the key ${text.trim().slice(0, 5)}`,
  }[found.reason];
  return { ok: false, message: why };
};

export function main(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "check": {
        const ruleSet = loadRuleSet();
        const i18n = createI18n(ruleSet, localesDir());
        io.out(runCheck(rest, { ruleSet, vocab: createVocabularyIndex(ruleSet.vocabulary), i18n, resolvePlace: bundledResolver }));
        return 0;
      }
      case "rules": {
        if (rest[0] !== "check") throw new UsageError(`rules: unknown subcommand "${rest[0] ?? ""}"; accepted: check`);
        const result = runRulesCheck(rest[1] === "--dir" ? rest[2] : undefined);
        (result.ok ? io.out : io.err)(result.output);
        return result.ok ? 0 : 1;
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(rest[0] === "check" ? CHECK_USAGE : USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"; accepted: check, rules check, help`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`wegweiser: ${err.message}`);
      return 2;
    }
    if (err instanceof RuleFileError) {
      io.err(`wegweiser: broken rule files:\n${err.message}`);
      return 1;
    }
    throw err;
  }
}
