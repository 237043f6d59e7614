// Sealing what a hand-over must keep for a while (the Telegram chat id, queued messages):
// AES-256-GCM with a key derived by HKDF from WEGWEISER_SECRET – the key is never stored.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealer {
  /** iv ‖ tag ‖ ciphertext; `context` is bound to it and must be given again to open it */
  seal(plain: string, context: string): Buffer;
  /** the plain text, or undefined when the box was made with another key or context, or altered */
  open(box: Buffer, context: string): string | undefined;
}

export function deriveKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "wegweiser", "wegweiser handover v1", 32));
}

export function createSealer(secret: Buffer): Sealer {
  const key = deriveKey(secret);
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(box, context) {
      if (box.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, box.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
      } catch {
        return undefined;
      }
    },
  };
}
