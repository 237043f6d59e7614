// The one error type of the rules core: a broken rule file, named by file and path.

export interface RuleProblem {
  /** path of the file relative to the rules directory */
  readonly file: string;
  /** dotted path inside the file, e.g. `conditions.status.outcomes.duldung`; empty for the whole file */
  readonly path: string;
  readonly message: string;
}

const MAX_SHOWN = 25;

export class RuleFileError extends Error {
  readonly code = "RULE_FILE_INVALID";
  readonly problems: readonly RuleProblem[];

  constructor(problems: readonly RuleProblem[]) {
    const shown = problems.slice(0, MAX_SHOWN).map(formatProblem);
    if (problems.length > MAX_SHOWN) shown.push(`… and ${problems.length - MAX_SHOWN} more problems`);
    super(shown.join("\n"));
    this.name = "RuleFileError";
    this.problems = problems;
  }
}

export function formatProblem(p: RuleProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}
