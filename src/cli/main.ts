// The `wegweiser` command line: dispatches to the subcommands and maps errors to exit codes
// (2 for bad arguments, 1 for broken rule files or bad data).
import { openApp, type App } from "../app.js";
import { RuleFileError } from "../rules/errors.js";
import { DatabaseOpenError } from "../store/db.js";
import { runCheck, CHECK_USAGE } from "./check.js";
import { runDirectory, DIRECTORY_USAGE } from "./directory.js";
import { UsageError } from "./errors.js";
import { DataError, runPlaces, PLACES_USAGE } from "./places.js";
import { runRulesCheck } from "./rules-check.js";
import { runReferral, REFERRAL_USAGE } from "./referral.js";
import { runStats, STATS_USAGE } from "./stats.js";

const USAGE = `Wegweiser – which counselling service and office fits a newcomer

Usage:
  wegweiser check --age N --status STATUS [--need NEED ...] [--place PLACE] [--lang LANG] [--json]
  wegweiser rules check                  validate every rule file and run the rule tests
  wegweiser places import|find …         place data (Destatis, postcodes)
  wegweiser directory validate|import|export|list …   the local directory
  wegweiser referral create|show|contacted|close …   referral slips and their codes
  wegweiser stats [--from --to --by …]   anonymous counts, cells under 5 shown as <5
  wegweiser help [COMMAND]

Environment: WEGWEISER_DB (SQLite file, default ./data/wegweiser.db)

${CHECK_USAGE}`;

const HELP: Record<string, string> = { check: CHECK_USAGE, places: PLACES_USAGE, directory: DIRECTORY_USAGE, referral: REFERRAL_USAGE, stats: STATS_USAGE };

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export function main(argv: readonly string[], io: Io, open: () => App = () => openApp()): number {
  const [command, ...rest] = argv;
  let app: App | undefined;
  const withApp = <T>(fn: (a: App) => T): T => fn((app ??= open()));
  try {
    switch (command) {
      case "check":
        io.out(withApp((a) => runCheck(rest, a)));
        return 0;
      case "places":
        io.out(withApp((a) => runPlaces(rest, a)));
        return 0;
      case "directory":
        io.out(withApp((a) => runDirectory(rest, a, io.out)));
        return 0;
      case "referral":
        io.out(withApp((a) => runReferral(rest, a)));
        return 0;
      case "stats":
        io.out(withApp((a) => runStats(rest, a)));
        return 0;
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
        io.out(HELP[rest[0] ?? ""] ?? USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"; accepted: check, rules check, places, directory, referral, stats, help`);
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
    if (err instanceof DatabaseOpenError) {
      io.err(`wegweiser: ${err.message}`);
      return 1;
    }
    if (err instanceof DataError) {
      io.err(`wegweiser: ${err.message}`);
      return 1;
    }
    if (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS")) {
      io.err(`wegweiser: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    app?.close();
  }
}
