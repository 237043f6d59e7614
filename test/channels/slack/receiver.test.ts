// The header check in front of Bolt: Slack's five-minute window, both ways, to the second.
import { describe, expect, it } from "vitest";
import { checkSlackHeaders, MAX_CLOCK_SKEW_SECONDS } from "../../../src/channels/slack/receiver.js";

const NOW_MS = 1_795_000_000_000;
const now = NOW_MS / 1000;
const headers = (timestamp: string | null, signature: string | null = "v0=abc") => ({
  ...(timestamp === null ? {} : { "x-slack-request-timestamp": timestamp }),
  ...(signature === null ? {} : { "x-slack-signature": signature }),
});

describe("checkSlackHeaders", () => {
  it("accepts timestamps up to five minutes off either way", () => {
    for (const skew of [0, MAX_CLOCK_SKEW_SECONDS, -MAX_CLOCK_SKEW_SECONDS]) expect(checkSlackHeaders(headers(String(now + skew)), NOW_MS)).toBe("ok");
  });

  it("refuses a timestamp one second beyond the window, in the future and in the past", () => {
    expect(checkSlackHeaders(headers(String(now + MAX_CLOCK_SKEW_SECONDS + 1)), NOW_MS)).toBe("future_timestamp");
    expect(checkSlackHeaders(headers(String(now - MAX_CLOCK_SKEW_SECONDS - 1)), NOW_MS)).toBe("stale_timestamp");
  });

  it("refuses missing, repeated and malformed headers", () => {
    expect(checkSlackHeaders(headers(String(now), null), NOW_MS)).toBe("missing_signature");
    expect(checkSlackHeaders(headers(null), NOW_MS)).toBe("missing_timestamp");
    expect(checkSlackHeaders({ "x-slack-request-timestamp": String(now), "x-slack-signature": ["v0=a", "v0=b"] }, NOW_MS)).toBe("missing_signature");
    for (const bad of ["", "1.5e9", "-1", " 1795000000", "0x6AFF", "9999999999999"]) expect(checkSlackHeaders(headers(bad), NOW_MS), bad).not.toBe("ok");
  });
});
