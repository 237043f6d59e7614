// Benchmark: start-up. Cold start of the built program to its first question (rules from the
// build's bundle, and parsed from YAML), `npm start`'s entry with its build check, the old
// `npm start` (tsc first), and `npx wegweiser check` against the built program – side by side.
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../src/paths.js";
import { START_FLAGS } from "./dialogue.js";
import { nowNs, summarise } from "./stats.js";

interface Probe {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** working directory; default the project root */
  readonly cwd?: string;
  /** stop timing when stdout contains this; undefined: when the process exits */
  readonly until?: string;
}

/** Milliseconds from spawn until the marker is on stdout (then stdin is closed) or until exit. */
function time(probe: Probe, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = nowNs();
    const child = spawn(probe.cmd, probe.args, { cwd: probe.cwd ?? projectRoot(), env: { ...process.env, ...env, ...probe.env }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let done: number | undefined;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (probe.until && done === undefined && out.includes(probe.until)) {
        done = Number(nowNs() - t0) / 1e6;
        child.stdin.end();
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const end = Number(nowNs() - t0) / 1e6;
      if (probe.until ? done === undefined : code !== 0) reject(new Error(`${probe.cmd} ${probe.args.join(" ")} failed (${code}): ${err.slice(0, 500)}`));
      else resolve(done ?? end);
    });
  });
}

/** Runs the probes in turns (a, b, c, a, b, c, …) so a busy moment of the machine hits all alike. */
async function sideBySide(probes: Record<string, Probe>, runs: number, env: Record<string, string>): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(probes).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, p] of Object.entries(probes)) out[name]!.push(await time(p, env));
  return out;
}

const ms = (xs: number[]) => {
  const s = summarise(xs);
  return { p50: s.p50, p99: s.p99, n: s.n };
};

export async function benchStart(): Promise<Record<string, unknown>> {
  const root = projectRoot();
  const dir = mkdtempSync(join(tmpdir(), "wegweiser-start-"));
  // A copy of the rules whose text differs from the bundle's (one comment line): the start
  // falls back to parsing the YAML, as every start did before the bundle.
  const yamlRules = join(dir, "rules");
  cpSync(join(root, "rules"), yamlRules, { recursive: true });
  appendFileSync(join(yamlRules, "needs.yaml"), "\n# changed after the build\n");
  const env = { WEGWEISER_DB: join(dir, "start.db"), LANG: "C" };
  const node = process.execPath;
  const main = join(root, "dist", "src", "main.js");
  const firstQuestion = "[de]";
  try {
    // the first start creates the database and loads the bundled directory; measured apart
    const firstEver = await time({ cmd: node, args: [...START_FLAGS, main], until: firstQuestion }, env);

    const starts = await sideBySide(
      {
        built_bundle: { cmd: node, args: [...START_FLAGS, main], until: firstQuestion },
        npm_start_entry: { cmd: node, args: [...START_FLAGS, join(root, "bin", "start.js")], until: firstQuestion },
        built_yaml: { cmd: node, args: [...START_FLAGS, main], env: { WEGWEISER_RULES: yamlRules }, until: firstQuestion },
      },
      20,
      env,
    );

    // the old `npm start`: prestart ran `tsc -p tsconfig.build.json` (incremental, nothing
    // changed), then the program parsed the YAML
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const old: number[] = [];
    for (let i = 0; i < 3; i++) {
      const build = await time({ cmd: node, args: [tsc, "-p", "tsconfig.build.json"] }, env);
      const start = await time({ cmd: node, args: [...START_FLAGS, main], env: { WEGWEISER_RULES: yamlRules }, until: firstQuestion }, env);
      old.push(build + start);
    }

    const check = ["check", "--age", "22", "--status", "duldung", "--need", "arbeit", "--place", "05370"];
    // An operator's project that installed Wegweiser: npx finds node_modules/.bin/wegweiser at
    // once. In Wegweiser's own checkout npx first resolves the package's own bin through npm's
    // Arborist (it reads every installed package), which is npm's time, not Wegweiser's.
    const consumer = join(dir, "consumer");
    mkdirSync(join(consumer, "node_modules", ".bin"), { recursive: true });
    writeFileSync(join(consumer, "package.json"), '{ "name": "consumer", "private": true }\n');
    symlinkSync(root, join(consumer, "node_modules", "wegweiser"));
    symlinkSync(join("..", "wegweiser", "bin", "wegweiser.js"), join(consumer, "node_modules", ".bin", "wegweiser"));
    const npx = process.platform === "win32" ? "npx.cmd" : "npx";
    const checks = await sideBySide(
      {
        built_bundle: { cmd: node, args: [join(root, "bin", "wegweiser.js"), ...check] },
        built_yaml: { cmd: node, args: [join(root, "bin", "wegweiser.js"), ...check], env: { WEGWEISER_RULES: yamlRules } },
        npx_wegweiser: { cmd: npx, args: ["--offline", "wegweiser", ...check] },
        npx_wegweiser_installed: { cmd: npx, args: ["--offline", "wegweiser", ...check], cwd: consumer },
        npx_noop: { cmd: npx, args: ["--offline", "--version"] },
      },
      10,
      env,
    );

    const p50 = (xs: number[]) => summarise(xs).p50;
    return {
      name: "start-up: cold start to the first question, `npx wegweiser check`",
      first_question_ms: {
        first_ever_start_new_database: firstEver,
        built_program_rules_from_bundle: ms(starts.built_bundle!),
        npm_start_entry_with_build_check: ms(starts.npm_start_entry!),
        built_program_rules_from_yaml: ms(starts.built_yaml!),
        old_npm_start_tsc_then_yaml: ms(old),
      },
      check_to_exit_ms: {
        built_program_rules_from_bundle: ms(checks.built_bundle!),
        built_program_rules_from_yaml: ms(checks.built_yaml!),
        npx_wegweiser_check_in_this_checkout: ms(checks.npx_wegweiser!),
        npx_wegweiser_check_installed_in_a_project: ms(checks.npx_wegweiser_installed!),
        npx_version_alone: ms(checks.npx_noop!),
      },
      ratios_p50: {
        bundle_vs_yaml_start: p50(starts.built_bundle!) / p50(starts.built_yaml!),
        npm_start_vs_old_npm_start: p50(starts.npm_start_entry!) / p50(old),
        npx_check_vs_built_check: p50(checks.npx_wegweiser!) / p50(checks.built_bundle!),
        npx_check_installed_vs_built_check: p50(checks.npx_wegweiser_installed!) / p50(checks.built_bundle!),
      },
      targets: {
        cold_start_p50_le_400ms: p50(starts.built_bundle!) <= 400,
        npm_start_entry_p50_le_400ms: p50(starts.npm_start_entry!) <= 400,
        npx_check_le_2x_built: p50(checks.npx_wegweiser!) <= 2 * p50(checks.built_bundle!),
        npx_check_installed_le_2x_built: p50(checks.npx_wegweiser_installed!) <= 2 * p50(checks.built_bundle!),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
