import type { RateLimitRule } from "./rate-limit.ts";

/** Where a key stands after a call: what `RateLimiterRes` carries, without a promise around it. */
export interface WindowCount {
  allowed: boolean;
  /** Points left in the window (0 once over). */
  remaining: number;
  /** Milliseconds until the window (or the block) ends. */
  msBeforeNext: number;
}

interface Entry {
  points: number;
  endsAt: number;
}

/**
 * A fixed-window counter in this process's memory, answering at once: the per-IP flood limit runs on every call
 * (ADR 008), and rate-limiter-flexible's `RateLimiterMemory` wraps each count in a promise, a result object and a
 * timer per key, several times the cost of the count (docs/decisions/031-fewer-promises-per-call.md).
 *
 * It counts the way `RateLimiterMemory` does, so moving a rule between them changes no answer: a window starts
 * at a key's first call and lasts `durationSec`; a call past `points` is refused; the call that first goes past
 * it starts a block of `blockDurationSec` when the rule has one. Expired keys are swept once per window instead
 * of by a timer each.
 */
export class MemoryWindow {
  readonly #entries = new Map<string, Entry>();
  readonly #points: number;
  readonly #windowMs: number;
  readonly #blockMs: number;
  #nextSweep = 0;

  constructor(
    rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {
    this.#points = rule.points;
    this.#windowMs = rule.durationSec * 1000;
    this.#blockMs = (rule.blockDurationSec ?? 0) * 1000;
  }

  consume(key: string): WindowCount {
    const now = this.now();
    if (now >= this.#nextSweep) this.#sweep(now);
    let entry = this.#entries.get(key);
    if (entry === undefined || entry.endsAt <= now) {
      entry = { points: 0, endsAt: now + this.#windowMs };
      this.#entries.set(key, entry);
    }
    entry.points += 1;
    if (entry.points <= this.#points) {
      return { allowed: true, remaining: this.#points - entry.points, msBeforeNext: entry.endsAt - now };
    }
    // Only the call that first goes over starts the block, as RateLimiterMemory does.
    if (this.#blockMs > 0 && entry.points === this.#points + 1) entry.endsAt = now + this.#blockMs;
    return { allowed: false, remaining: 0, msBeforeNext: entry.endsAt - now };
  }

  /** Gives one point back; a key with no window gets one with a point to spare, as in RateLimiterMemory. */
  reward(key: string): void {
    const now = this.now();
    const entry = this.#entries.get(key);
    if (entry !== undefined && entry.endsAt > now) entry.points -= 1;
    else this.#entries.set(key, { points: -1, endsAt: now + this.#windowMs });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Keys held now, swept or not: for tests of the sweep. */
  get size(): number {
    return this.#entries.size;
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.endsAt <= now) this.#entries.delete(key);
    this.#nextSweep = now + Math.max(this.#windowMs, 1000);
  }
}
