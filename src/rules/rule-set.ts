// Builds a RuleSet from the texts of the rule directory: schema, cross-file checks, compile.
// Pure: `loadRuleSet` in load.ts does the reading.
import { RuleFileError, type RuleProblem } from "./errors.js";
import { parseYaml } from "./parse.js";
import { needsFileSchema, ruleFileSchema, statusesFileSchema, type RuleFile } from "./schema.js";
import { compileRule, type CompiledRule } from "./compile.js";
import type { RuleInfo, Vocabulary } from "./types.js";
import { NEED_IDS, SERVICE_IDS, STATUS_IDS, type ServiceId } from "./vocabulary.js";
import { foldWord } from "../text/fold.js";
import { landByCode } from "../places/lands.js";

export interface RuleSet {
  /** compiled rules in SERVICE_IDS order */
  readonly rules: readonly CompiledRule[];
  readonly byId: ReadonlyMap<ServiceId, CompiledRule>;
  readonly vocabulary: Vocabulary;
  /** a short fingerprint of the rule texts, recorded with referrals and statistics */
  readonly version: string;
  readonly infos: readonly RuleInfo[];
}

export interface RuleTexts {
  readonly statuses: { file: string; text: string };
  readonly needs: { file: string; text: string };
  readonly services: readonly { file: string; text: string }[];
}

/** The rule files after every check, before compiling: plain data, as JSON in the build's rule bundle. */
export interface CheckedRules {
  readonly statuses: Vocabulary["statuses"];
  readonly needs: Vocabulary["needs"];
  /** in SERVICE_IDS order */
  readonly rules: readonly { readonly file: string; readonly rule: RuleFile }[];
}

export function buildRuleSet(texts: RuleTexts, version: string): RuleSet {
  return compileRuleSet(checkRuleTexts(texts), version);
}

/** Schema and cross-file checks of the rule texts; throws RuleFileError naming file and path. */
export function checkRuleTexts(texts: RuleTexts): CheckedRules {
  const problems: RuleProblem[] = [];
  const statuses = parseYaml(texts.statuses.file, texts.statuses.text, statusesFileSchema);
  const needs = parseYaml(texts.needs.file, texts.needs.text, needsFileSchema);
  if (!statuses.ok) problems.push(...statuses.problems);
  if (!needs.ok) problems.push(...needs.problems);
  if (statuses.ok) checkIdsComplete(texts.statuses.file, "statuses", statuses.value.statuses.map((s) => s.id), STATUS_IDS, problems);
  if (needs.ok) checkIdsComplete(texts.needs.file, "needs", needs.value.needs.map((n) => n.id), NEED_IDS, problems);
  if (statuses.ok && needs.ok) {
    checkAliases(texts.statuses.file, "statuses", statuses.value.statuses, problems);
    checkAliases(texts.needs.file, "needs", needs.value.needs, problems);
  }

  const rules: { file: string; rule: RuleFile }[] = [];
  for (const { file, text } of texts.services) {
    const parsed = parseYaml(file, text, ruleFileSchema);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    problems.push(...checkRule(file, parsed.value));
    rules.push({ file, rule: parsed.value });
  }
  const seen = new Map<string, string>();
  for (const { file, rule } of rules) {
    const expected = `${rule.id}.yaml`;
    if (!file.endsWith(expected)) problems.push({ file, path: "id", message: `rule ${rule.id} must live in a file named ${expected}` });
    const other = seen.get(rule.id);
    if (other) problems.push({ file, path: "id", message: `rule ${rule.id} is also defined in ${other}` });
    seen.set(rule.id, file);
    if (rule.successor && !texts.services.some((s) => s.file.endsWith(`${rule.successor}.yaml`))) {
      problems.push({ file, path: "successor", message: `no rule file for successor ${rule.successor}` });
    }
  }
  const priorities = new Map<string, string>();
  for (const { file, rule } of rules) {
    const key = `${rule.role}:${rule.priority}`;
    const other = priorities.get(key);
    if (other) problems.push({ file, path: "priority", message: `priority ${rule.priority} is already used by ${other} (${rule.role})` });
    priorities.set(key, rule.id);
  }
  if (problems.length === 0) {
    for (const id of SERVICE_IDS) {
      if (!seen.has(id)) problems.push({ file: `services/${id}.yaml`, path: "", message: `missing: every service id of design.md §3 needs a rule file` });
    }
  }
  if (problems.length > 0 || !statuses.ok || !needs.ok) throw new RuleFileError(problems);

  return {
    statuses: statuses.value.statuses,
    needs: needs.value.needs,
    rules: SERVICE_IDS.map((id) => rules.find((r) => r.rule.id === id)!),
  };
}

/** Compiles checked rules (from the YAML or from the build's bundle) into the RuleSet. */
export function compileRuleSet(checked: CheckedRules, version: string): RuleSet {
  const compiled = checked.rules.map((entry) => compileRule(entry.rule, entry.file));
  return {
    rules: compiled,
    byId: new Map(compiled.map((r) => [r.info.id, r])),
    vocabulary: { statuses: checked.statuses, needs: checked.needs },
    version,
    infos: compiled.map((r) => r.info),
  };
}

function checkIdsComplete(file: string, key: string, ids: readonly string[], expected: readonly string[], problems: RuleProblem[]): void {
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ file, path: `${key}.${i}.id`, message: `duplicate id ${id}` });
  });
  for (const id of expected) {
    if (!ids.includes(id)) problems.push({ file, path: key, message: `missing id ${id} (design.md §3)` });
  }
}

function checkAliases(file: string, key: string, entries: readonly { id: string; aliases: readonly string[] }[], problems: RuleProblem[]): void {
  const owner = new Map<string, string>();
  entries.forEach((e, i) => {
    for (const word of [e.id, ...e.aliases]) {
      const folded = foldWord(word);
      const prev = owner.get(folded);
      if (prev && prev !== e.id) problems.push({ file, path: `${key}.${i}.aliases`, message: `alias "${word}" is also used by ${prev}` });
      owner.set(folded, e.id);
    }
  });
}

/** Checks that need more than one field: source references, variants, role and needs. */
function checkRule(file: string, rule: RuleFile): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const known = new Set(Object.keys(rule.sources));
  const cite = (path: string, ids: readonly string[] | undefined) => {
    ids?.forEach((id, i) => {
      if (!known.has(id)) problems.push({ file, path: `${path}.${i}`, message: `unknown source ${id}; defined: ${[...known].join(", ")}` });
    });
  };
  cite("validity_source", rule.validity_source);
  if (rule.region !== "DE") cite("region.source", rule.region.source);
  cite("conditions.age.source", rule.conditions.age?.source);
  cite("conditions.status.source", rule.conditions.status.source);
  cite("conditions.needs.source", rule.conditions.needs?.source);
  rule.variants?.forEach((v, i) => {
    cite(`variants.${i}.source`, v.source);
    if (!v.region) return;
    cite(`variants.${i}.region.source`, v.region.source);
    if (rule.region === "DE") {
      problems.push({ file, path: `variants.${i}.region`, message: "a rule for all of Germany (region: DE) has no areas to vary" });
      return;
    }
    const landKey = landByCode(rule.region.land)?.key ?? "";
    v.region.areas.forEach((a, j) => {
      if (!a.startsWith(landKey)) problems.push({ file, path: `variants.${i}.region.areas.${j}`, message: `${a} is not in ${rule.region === "DE" ? "DE" : rule.region.land}` });
    });
  });

  if (rule.role === "need" && !rule.conditions.needs) problems.push({ file, path: "conditions.needs", message: "a rule with role `need` must name the needs it serves" });
  if (rule.role === "counselling" && rule.conditions.needs) problems.push({ file, path: "conditions.needs", message: "a counselling rule applies whatever the needs; remove `needs`" });
  if (rule.valid_until && rule.valid_until < rule.valid_from) problems.push({ file, path: "valid_until", message: "ends before valid_from" });
  if (rule.valid_until && !rule.validity_source) problems.push({ file, path: "validity_source", message: "an end date needs a source" });
  if (rule.successor === rule.id) problems.push({ file, path: "successor", message: "a rule cannot succeed itself" });
  if (rule.region !== "DE" && rule.region.areas) {
    const { land, areas } = rule.region;
    const landKey = landByCode(land)?.key ?? "";
    areas.forEach((a, i) => {
      if (!a.startsWith(landKey)) problems.push({ file, path: `region.areas.${i}`, message: `${a} is not in ${land}` });
    });
  }

  const variants = (rule.variants ?? []).map((v) => ({ from: v.valid_from ?? rule.valid_from, until: v.valid_until ?? rule.valid_until ?? "9999-12-31" }));
  variants.forEach((v, i) => {
    if (v.until < v.from) problems.push({ file, path: `variants.${i}.valid_until`, message: "ends before it starts" });
    if (v.from < rule.valid_from) problems.push({ file, path: `variants.${i}.valid_from`, message: "starts before the rule's valid_from" });
    variants.forEach((w, j) => {
      if (j > i && v.from <= w.until && w.from <= v.until) problems.push({ file, path: `variants.${j}`, message: `overlaps variants.${i}` });
    });
  });
  return problems;
}
