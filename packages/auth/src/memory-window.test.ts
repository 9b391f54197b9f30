import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryWindow } from "./memory-window.ts";
import type { RateLimitRule } from "./rate-limit.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** RateLimiterMemory's answer in MemoryWindow's terms. */
async function reference(limiter: RateLimiterMemory, key: string) {
  try {
    const res = await limiter.consume(key);
    return { allowed: true, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return { allowed: false, remaining: 0, msBeforeNext: rejection.msBeforeNext };
  }
}

describe("MemoryWindow", () => {
  it("answers as RateLimiterMemory does, call by call, over windows, blocks, rewards and deletes", async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const rules: RateLimitRule[] = [
      { points: 3, durationSec: 10 },
      { points: 2, durationSec: 5, blockDurationSec: 30 },
    ];
    for (const rule of rules) {
      const ours = new MemoryWindow(rule);
      const theirs = new RateLimiterMemory({
        points: rule.points,
        duration: rule.durationSec,
        blockDuration: rule.blockDurationSec ?? 0,
      });
      // A fixed script of calls, waits and give-backs over two keys, through windows and a block.
      const script: Array<["consume" | "reward" | "delete", string] | ["wait", number]> = [
        ["consume", "a"],
        ["consume", "a"],
        ["consume", "b"],
        ["wait", 1_500],
        ["consume", "a"],
        ["consume", "a"],
        ["consume", "a"],
        ["reward", "a"],
        ["consume", "a"],
        ["wait", 4_000],
        ["consume", "a"],
        ["consume", "b"],
        ["wait", 6_000],
        ["consume", "a"],
        ["reward", "c"],
        ["consume", "c"],
        ["delete", "a"],
        ["consume", "a"],
        ["wait", 31_000],
        ["consume", "a"],
        ["consume", "b"],
      ];
      for (const [step, arg] of script) {
        if (step === "wait") vi.advanceTimersByTime(arg as number);
        else if (step === "reward") {
          ours.reward(arg as string);
          await theirs.reward(arg as string, 1);
        } else if (step === "delete") {
          ours.delete(arg as string);
          await theirs.delete(arg as string);
        } else {
          expect(ours.consume(arg as string), `${JSON.stringify(rule)} ${step} ${arg}`).toEqual(
            await reference(theirs, arg as string),
          );
        }
      }
    }
  });

  it("blocks from the call that first goes over, for the block's length", () => {
    let now = 0;
    const window = new MemoryWindow({ points: 1, durationSec: 60, blockDurationSec: 600 }, () => now);
    expect(window.consume("k")).toEqual({ allowed: true, remaining: 0, msBeforeNext: 60_000 });
    now = 10_000;
    expect(window.consume("k")).toEqual({ allowed: false, remaining: 0, msBeforeNext: 600_000 });
    now = 20_000;
    // Later refusals do not move the block's end.
    expect(window.consume("k")).toEqual({ allowed: false, remaining: 0, msBeforeNext: 590_000 });
    now = 610_000;
    expect(window.consume("k")).toEqual({ allowed: true, remaining: 0, msBeforeNext: 60_000 });
  });

  it("forgets keys whose window has ended, so a stream of new addresses does not grow it for ever", () => {
    let now = 0;
    const window = new MemoryWindow({ points: 5, durationSec: 60 }, () => now);
    for (let i = 0; i < 1000; i++) window.consume(`198.51.100.${i}`);
    expect(window.size).toBe(1000);
    now = 61_000;
    window.consume("203.0.113.1");
    expect(window.size).toBe(1);
  });
});
