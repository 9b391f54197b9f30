import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import {
  createPasswordGate,
  defaultPasswordConcurrency,
  MAX_RETRY_AFTER_SEC,
  type PasswordGate,
  PasswordQueueFullError,
  PasswordWaitAbandonedError,
} from "./password-gate.ts";

// The gate with stand-in work: each operation is a promise the test settles, so nothing here depends on how fast
// argon2 or the machine is, and time moves only when the test moves its counter.

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's continuations run (the gate's hand-offs are a few microtasks deep). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function manualTime() {
  let t = 0;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Occupies a slot until the returned function is called. */
function hold(gate: PasswordGate) {
  const done = deferred();
  const finished = gate.run(() => done.promise);
  return async () => {
    done.resolve();
    await finished;
  };
}

describe("the password gate", () => {
  it("never runs more than `concurrency` operations at once, and runs them all", async () => {
    const gate = createPasswordGate({ concurrency: 2, queueMax: 10 });
    let running = 0;
    let most = 0;
    const ops = Array.from({ length: 8 }, () => deferred());
    const results = ops.map((op, i) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await op.promise;
        running--;
        return i;
      }),
    );
    await settle();
    expect(gate.stats()).toMatchObject({ running: 2, queued: 6 });
    // Finish them out of order: whichever slot frees, the next waiter takes it.
    for (const i of [1, 0, 3, 2, 5, 4, 7, 6]) {
      ops[i]?.resolve();
      await settle();
      expect(running).toBeLessThanOrEqual(2);
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(2);
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, refused: 0 });
  });

  it("starts waiters in the order they arrived", async () => {
    const gate = createPasswordGate({ concurrency: 1, queueMax: 5 });
    const release = hold(gate);
    const started: string[] = [];
    const waiters = ["a", "b", "c", "d"].map((name) =>
      gate.run(async () => {
        started.push(name);
      }),
    );
    await settle();
    expect(started).toEqual([]);
    await release();
    await Promise.all(waiters);
    expect(started).toEqual(["a", "b", "c", "d"]);
  });

  it("refuses at once past the queue, with Retry-After from recent durations × work ahead ÷ slots", async () => {
    const time = manualTime();
    const gate = createPasswordGate({ concurrency: 1, queueMax: 2, now: time.now });
    // Teach the moving average that an operation takes 2 s.
    for (let i = 0; i < 40; i++) {
      await gate.run(async () => time.advance(2_000));
    }
    expect(gate.stats().estimateMs).toBeCloseTo(2_000, 0);

    const release = hold(gate);
    const queued = [gate.run(async () => "x"), gate.run(async () => "y")];
    const refused = await gate.run(async () => "z").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PasswordQueueFullError);
    // One running and two queued, one slot: about 3 × 2 s ahead.
    expect(refused).toMatchObject({ reason: "queue_full", retryAfterSec: 6 });
    expect(gate.stats()).toMatchObject({ running: 1, queued: 2, refused: 1 });

    await release();
    expect(await Promise.all(queued)).toEqual(["x", "y"]);
  });

  it("says at least 1 s and at most MAX_RETRY_AFTER_SEC", async () => {
    const time = manualTime();
    const fast = createPasswordGate({ concurrency: 1, queueMax: 0, now: time.now });
    const releaseFast = hold(fast);
    await expect(fast.run(async () => 0)).rejects.toMatchObject({ retryAfterSec: 1 });
    await releaseFast();

    const slow = createPasswordGate({ concurrency: 1, queueMax: 3, now: time.now });
    for (let i = 0; i < 40; i++) {
      await slow.run(async () => time.advance(60_000));
    }
    const releaseSlow = hold(slow);
    const queued = [1, 2, 3].map(() => slow.run(async () => 0));
    await expect(slow.run(async () => 0)).rejects.toMatchObject({ retryAfterSec: MAX_RETRY_AFTER_SEC });
    await releaseSlow();
    await Promise.all(queued);
  });

  it("with queueMax 0 refuses whenever every slot is busy, and admits again once one frees", async () => {
    const gate = createPasswordGate({ concurrency: 2, queueMax: 0 });
    const first = hold(gate);
    const second = hold(gate);
    await expect(gate.run(async () => 0)).rejects.toBeInstanceOf(PasswordQueueFullError);
    await first();
    expect(await gate.run(async () => "in")).toBe("in");
    await second();
  });

  it("frees the slot when the work throws, and passes the error on unchanged", async () => {
    const gate = createPasswordGate({ concurrency: 1, queueMax: 0 });
    const boom = new Error("argon2 failed");
    await expect(gate.run(async () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(
      gate.run(() => {
        throw boom; // a synchronous throw too
      }),
    ).rejects.toBe(boom);
    expect(gate.stats()).toMatchObject({ running: 0, refused: 0 });
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("refuses a waiter whose turn comes after maxWaitMs, and starts the next one that has not waited that long", async () => {
    const time = manualTime();
    const gate = createPasswordGate({ concurrency: 1, queueMax: 5, maxWaitMs: 1_000, now: time.now });
    const release = hold(gate);
    let lateRan = false;
    const late = gate.run(async () => {
      lateRan = true;
    });
    const lateOutcome = late.catch((e: unknown) => e);
    time.advance(1_500);
    const onTime = gate.run(async () => "on time");
    time.advance(100);
    await release();
    expect(await lateOutcome).toMatchObject({ name: "PasswordQueueFullError", reason: "waited_too_long" });
    expect(lateRan).toBe(false);
    expect(await onTime).toBe("on time");
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, refused: 1 });
  });

  it("lets a waiter whose caller left go at once: its place passes to the next, and it never runs", async () => {
    const gate = createPasswordGate({ concurrency: 1, queueMax: 2 });
    const release = hold(gate);
    const caller = new AbortController();
    let abandonedRan = false;
    const abandoned = gate
      .run(async () => {
        abandonedRan = true;
      }, caller.signal)
      .catch((e: unknown) => e);
    const next = gate.run(async () => "next", new AbortController().signal);
    expect(gate.stats()).toMatchObject({ running: 1, queued: 2 });

    caller.abort(new Error("client closed"));
    const error = await abandoned;
    expect(error).toBeInstanceOf(PasswordWaitAbandonedError);
    expect((error as Error).cause).toEqual(new Error("client closed"));
    // Its place is free at once, before the running work ends: a newcomer fits in the queue again.
    expect(gate.stats()).toMatchObject({ running: 1, queued: 1, refused: 0 });
    const newcomer = gate.run(async () => "newcomer");
    expect(gate.stats().queued).toBe(2);

    await release();
    expect(await next).toBe("next");
    expect(await newcomer).toBe("newcomer");
    expect(abandonedRan).toBe(false);
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, refused: 0 });
  });

  it("refuses a caller that left before it asked, and lets running work finish when its caller leaves", async () => {
    const gate = createPasswordGate({ concurrency: 1, queueMax: 2 });
    const gone = new AbortController();
    gone.abort();
    // Even with a slot free: nobody would read the answer.
    await expect(gate.run(async () => "never", gone.signal)).rejects.toBeInstanceOf(
      PasswordWaitAbandonedError,
    );
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0 });

    const caller = new AbortController();
    const work = deferred<string>();
    const running = gate.run(() => work.promise, caller.signal);
    await settle();
    expect(gate.stats().running).toBe(1);
    caller.abort();
    work.resolve("finished");
    expect(await running).toBe("finished");
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it("forgets a waiter's signal once it has started or been refused", async () => {
    const time = manualTime();
    const gate = createPasswordGate({ concurrency: 1, queueMax: 2, maxWaitMs: 1_000, now: time.now });
    const release = hold(gate);
    const late = new AbortController();
    const refused = gate.run(async () => undefined, late.signal).catch((e: unknown) => e);
    time.advance(600);
    const onTime = new AbortController();
    const ran = gate.run(async () => "ran", onTime.signal);
    expect(getEventListeners(late.signal, "abort")).toHaveLength(1);
    // When the slot frees, `late` has waited 1,100 ms (refused) and `onTime` 500 ms (started).
    time.advance(500);
    await release();
    expect(await refused).toBeInstanceOf(PasswordQueueFullError);
    expect(await ran).toBe("ran");
    // Neither signal is listened to any more: a long-lived signal does not keep the gate's closures alive, and
    // aborting now gives up no place twice.
    expect(getEventListeners(late.signal, "abort")).toHaveLength(0);
    expect(getEventListeners(onTime.signal, "abort")).toHaveLength(0);
    late.abort();
    onTime.abort();
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0, refused: 1 });
  });

  it("refuses bad options, and by default keeps one core for the event loop", () => {
    expect(() => createPasswordGate({ concurrency: 0 })).toThrow(RangeError);
    expect(() => createPasswordGate({ concurrency: 1.5 })).toThrow(RangeError);
    expect(() => createPasswordGate({ queueMax: -1 })).toThrow(RangeError);
    expect(() => createPasswordGate({ maxWaitMs: 0 })).toThrow(RangeError);
    expect([1, 2, 3, 16].map((cores) => defaultPasswordConcurrency(cores))).toEqual([1, 1, 2, 15]);
    const gate = createPasswordGate({ concurrency: 3 });
    expect(gate.queueMax).toBe(3 * 64);
  });
});
