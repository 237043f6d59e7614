// Look-ups of referral codes are limited per user, so nobody can try codes in bulk: a sliding
// window of at most `limit` look-ups per `windowMs`, kept in memory under pseudonymous keys.

export interface RateLimiter {
  /** counts one look-up; false when the user is over the limit */
  allow(userKey: string): boolean;
}

export function createRateLimiter(options: { limit: number; windowMs: number; clock?: () => number }): RateLimiter {
  const clock = options.clock ?? Date.now;
  const seen = new Map<string, number[]>();
  let lastSweep = clock();
  return {
    allow(userKey) {
      const now = clock();
      const since = now - options.windowMs;
      if (now - lastSweep > options.windowMs) {
        for (const [k, times] of seen) if (times[times.length - 1]! < since) seen.delete(k);
        lastSweep = now;
      }
      const times = (seen.get(userKey) ?? []).filter((t) => t >= since);
      if (times.length >= options.limit) {
        seen.set(userKey, times);
        return false;
      }
      times.push(now);
      seen.set(userKey, times);
      return true;
    },
  };
}

/** 10 look-ups in 10 minutes: enough for a counsellor's day, far too few to guess a 49-bit code. */
export const LOOKUP_LIMIT = { limit: 10, windowMs: 10 * 60 * 1000 } as const;
