// A small logger for Bolt and the Slack channel: one line per entry on stderr, with a level
// filter. Entries carry codes and ids only; callers never pass what staff typed (design §6).
// Bolt and Socket Mode dump whole payloads at debug level, so debug lets through only our
// own coded lines ("SLACK_…").
import { LogLevel, type Logger } from "@slack/bolt";

const CODED = /^[A-Z][A-Z0-9_]+( |$)/;
const ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

export function createLogger(level: LogLevel = LogLevel.INFO, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  let current = level;
  let name = "wegweiser:slack";
  const at = (l: LogLevel) => (...msg: unknown[]) => {
    if (l === LogLevel.DEBUG && !(typeof msg[0] === "string" && CODED.test(msg[0]))) return;
    if (ORDER.indexOf(l) >= ORDER.indexOf(current)) write(`[${l.toUpperCase()}] ${name} ${msg.map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : String(m))).join(" ")}`);
  };
  return {
    debug: at(LogLevel.DEBUG),
    info: at(LogLevel.INFO),
    warn: at(LogLevel.WARN),
    error: at(LogLevel.ERROR),
    setLevel: (l) => void (current = l),
    getLevel: () => current,
    setName: (n) => void (name = n),
  };
}
