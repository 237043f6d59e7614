// Whether the terminal shows the bidi isolate marks (U+2066–U+2069) that keep German names and
// numbers in order inside right-to-left text, and removing them where it does not.
//
// Most terminals lay text out left to right without the Unicode bidi algorithm and draw the
// marks as boxes or spaces; piped output goes to files and programs that may not expect them.
// The marks are kept only on a terminal known to run the bidi algorithm: GNOME Terminal and
// other VTE terminals from 0.58 on (VTE_VERSION ≥ 5800), Konsole (KONSOLE_VERSION) and mlterm.
// WEGWEISER_BIDI_MARKS=on|off overrides the guess.

const MARKS = /[\u2066-\u2069]/g;

export function stripBidiIsolates(text: string): string {
  return text.replace(MARKS, "");
}

export function terminalShowsBidiMarks(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const override = env.WEGWEISER_BIDI_MARKS?.trim().toLowerCase();
  if (override && ["on", "1", "yes", "true"].includes(override)) return true;
  if (override && ["off", "0", "no", "false"].includes(override)) return false;
  if (!isTTY) return false;
  if (Number(env.VTE_VERSION ?? 0) >= 5800) return true;
  if (env.KONSOLE_VERSION) return true;
  return /^mlterm/.test(env.TERM ?? "");
}
