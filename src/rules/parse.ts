// Parses rule, vocabulary and test files from YAML text into checked values, or problems
// naming file and path. Pure: the caller reads the files.
import { parseDocument } from "yaml";
import type { z } from "zod";
import type { RuleProblem } from "./errors.js";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: RuleProblem[] };

/** YAML → plain data → zod schema; every problem carries the file and the path inside it. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): Parsed<z.output<S>> {
  // YAML 1.2 core schema: dates stay strings, "no" stays a string.
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        path: e.linePos ? `line ${e.linePos[0].line}` : "",
        message: e.message.split("\n")[0] ?? e.message,
      })),
    };
  }
  let data: unknown;
  try {
    // yaml refuses more than 100 alias expansions (maxAliasCount): an alias bomb ends here
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, problems: [{ file, path: "", message: `${(err as Error).message} (YAML aliases)` }] };
  }
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toProblem(file, issue)) };
}

function toProblem(file: string, issue: z.core.$ZodIssue): RuleProblem {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    return { file, path: path ? `${path}.${issue.keys[0]}` : (issue.keys[0] ?? ""), message: `unknown key ${keys}` };
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return { file, path, message: `missing (expected ${issue.expected})` };
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    return { file, path, message: `${issue.message}; accepted: ${issue.values.map(String).join(", ")}` };
  }
  return { file, path, message: issue.message };
}
