// Reading an HTTP request body with a size limit: refused by Content-Length before a byte is
// read, and by counting bytes as they arrive, so no oversized body is ever held in memory.
import type { IncomingMessage, ServerResponse } from "node:http";

/** The declared length is over the limit (or not a length at all). */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = req.headers["content-length"];
  if (declared === undefined) return false;
  return !/^\d{1,15}$/.test(declared) || Number(declared) > limit;
}

/** Reads the body into memory, or resolves "too_large" as soon as it passes `limit` bytes. */
export function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off("data", onData);
      chunks.length = 0;
      resolve("too_large");
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * Answers 413 and closes the connection once the answer is out: the client reads the status
 * (even while still sending), and the rest of its body is never read.
 */
export function refuseTooLarge(res: ServerResponse, body = ""): void {
  if (res.headersSent) return;
  res.writeHead(413, { connection: "close", "content-type": body ? "application/json" : "text/plain", "content-length": String(Buffer.byteLength(body)) });
  res.on("finish", () => res.req.socket?.destroy());
  res.end(body);
}
