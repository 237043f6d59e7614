// A bad command line: exit code 2 with one line naming the argument and what it accepts.

export class UsageError extends Error {
  readonly code = "USAGE";
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
