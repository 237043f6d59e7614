// Referral codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about
// 49.5 bits from a cryptographic random source – unguessable, short enough to read aloud.
import { randomInt } from "node:crypto";

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 10;
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

export function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** "abcde-fghjk", "ABCDE FGHJK" → "ABCDEFGHJK"; undefined when it cannot be a code */
export function normaliseCode(text: string): string | undefined {
  const c = text.normalize("NFKC").toUpperCase().replace(/[\s\-_.]/g, "");
  if (c.length !== CODE_LENGTH) return undefined;
  for (const ch of c) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return c;
}

/** shown in two groups of five: ABCDE-FGHJK */
export function formatCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
