// The one error type of the rules core: a broken rule file, named by file and path.

export interface RuleProblem {
  /** path of the file relative to the rules directory */
  readonly file: string;
  /** dotted path inside the file, e.g. `conditions.status.outcomes.duldung`; empty for the whole file */
  readonly path: string;
  readonly message: string;
}

export class RuleFileError extends Error {
  readonly code = "RULE_FILE_INVALID";
  readonly problems: readonly RuleProblem[];

  constructor(problems: readonly RuleProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "RuleFileError";
    this.problems = problems;
  }
}

export function formatProblem(p: RuleProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}
