// Quiet, structured logs for operators: one JSON line with a code and ids, never a message
// text, a chat id or a token (design §6).
import { randomBytes } from "node:crypto";

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Log {
  info(code: string, fields?: LogFields): void;
  warn(code: string, fields?: LogFields): void;
  error(code: string, fields?: LogFields): void;
}

/** A short id that ties what the user is told to the log line an operator reads. */
export const referenceId = (): string => randomBytes(4).toString("hex");

export function createLog(write: (line: string) => void = (l) => process.stderr.write(l)): Log {
  const out = (level: string, code: string, fields: LogFields = {}) => write(`${JSON.stringify({ t: new Date().toISOString(), level, code, ...fields })}\n`);
  return {
    info: (code, fields) => out("info", code, fields),
    warn: (code, fields) => out("warn", code, fields),
    error: (code, fields) => out("error", code, fields),
  };
}

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
