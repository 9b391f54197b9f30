import { describe, expect, it } from "vitest";
import { createRateLimiter, RateLimitStoreError } from "./rate-limit.ts";
import {
  type ClusterChannel,
  type ClusterCounterRequest,
  createClusterCounterClient,
  createClusterCounterPrimary,
} from "./rate-limit-cluster.ts";

/**
 * Workers and their primary joined by in-process channels that behave like node:cluster's IPC: messages are
 * copied through JSON and arrive on a later turn. The real processes are tested in apps/server (cluster.test.ts).
 */
function cluster(rules: Parameters<typeof createClusterCounterPrimary>[0]) {
  const primary = createClusterCounterPrimary(rules);
  const sent: ClusterCounterRequest[] = [];
  const worker = (): ClusterChannel => {
    const listeners = new Set<(message: unknown) => void>();
    return {
      send(message, done) {
        sent.push(message);
        const copy = JSON.parse(JSON.stringify(message)) as unknown;
        setImmediate(() => {
          done(null);
          primary.handle(copy, (answer) => {
            const back = JSON.parse(JSON.stringify(answer)) as unknown;
            setImmediate(() => {
              for (const listener of listeners) listener(back);
            });
          });
        });
      },
      onMessage(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  };
  return { worker, sent };
}

const rules = { global_ip: { points: 10, durationSec: 60 }, login: { points: 3, durationSec: 60 } };

describe("rate limits: local rules counted in the cluster primary", () => {
  it("counts exactly across workers: 50 parallel calls from two workers against a limit of 10 allow 10", async () => {
    const c = cluster({ global_ip: rules.global_ip });
    const opts = { localRules: ["global_ip"] };
    const [one, two] = await Promise.all([
      createRateLimiter({ kind: "memory" }, rules, { ...opts, clusterChannel: c.worker() }),
      createRateLimiter({ kind: "memory" }, rules, { ...opts, clusterChannel: c.worker() }),
    ]);
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? one : two).consume("global_ip", "203.0.113.9")),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      const denied = results.find((r) => !r.allowed);
      expect(denied).toMatchObject({ allowed: false, quota: { limit: 10, windowSec: 60, remaining: 0 } });
      if (denied && !denied.allowed) expect(denied.retryAfterSec).toBeGreaterThan(0);
      // Another key has its own budget; the numbers a transport sends as RateLimit headers come back too.
      expect(await two.consume("global_ip", "198.51.100.1")).toMatchObject({
        allowed: true,
        remaining: 9,
        quota: { limit: 10, remaining: 9 },
      });
      // Rules that are not local stay in the store (here process memory): the primary never sees them.
      const before = c.sent.length;
      expect((await one.consume("login", "a")).allowed).toBe(true);
      expect(c.sent.length).toBe(before);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("sends the calls of one event-loop turn as one message", async () => {
    const c = cluster({ global_ip: rules.global_ip });
    const client = createClusterCounterClient(c.worker());
    const counter = client.counter("global_ip", 10);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => counter.consume(`k${i % 3}`)),
    );
    expect(c.sent).toHaveLength(1);
    expect(c.sent[0]?.calls).toHaveLength(12);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    client.close();
  });

  it("gives points back and forgets keys in the primary", async () => {
    const c = cluster({ g: { points: 2, durationSec: 60 } });
    const rl = await createRateLimiter(
      { kind: "memory" },
      { g: { points: 2, durationSec: 60 } },
      {
        localRules: ["g"],
        clusterChannel: c.worker(),
      },
    );
    try {
      expect(await rl.consume("g", "k")).toMatchObject({ allowed: true, remaining: 1 });
      await rl.reward("g", "k");
      expect(await rl.consume("g", "k")).toMatchObject({ allowed: true, remaining: 1 });
      expect(await rl.consume("g", "k")).toMatchObject({ allowed: true, remaining: 0 });
      expect((await rl.consume("g", "k")).allowed).toBe(false);
      await rl.reset("g", "k");
      expect(await rl.consume("g", "k")).toMatchObject({ allowed: true, remaining: 1 });
    } finally {
      await rl.close();
    }
  });

  it("fails as a store failure (503, not 500) when the primary is unreachable, silent or lacks the rule", async () => {
    const closed: ClusterChannel = {
      send: (_message, done) => done(new Error("channel closed")),
      onMessage: () => () => {},
    };
    const rl = await createRateLimiter({ kind: "memory" }, rules, {
      localRules: ["global_ip"],
      clusterChannel: closed,
    });
    await expect(rl.consume("global_ip", "k")).rejects.toBeInstanceOf(RateLimitStoreError);
    await rl.close();

    const silent = createClusterCounterClient(
      { send: (_message, done) => done(null), onMessage: () => () => {} },
      { timeoutMs: 20 },
    );
    await expect(silent.counter("global_ip", 10).consume("k")).rejects.toThrow(/did not answer/);
    silent.close();

    // A primary built without the rule (a worker of another version) answers with a failure, not an allowance.
    const other = cluster({ something_else: rules.login });
    const client = createClusterCounterClient(other.worker());
    await expect(client.counter("global_ip", 10).consume("k")).rejects.toThrow(/could not count/);
    client.close();
  });

  it("ignores messages that are not its own", () => {
    const primary = createClusterCounterPrimary(rules);
    const answers: unknown[] = [];
    expect(primary.handle({ cmd: "something" }, (a) => answers.push(a))).toBe(false);
    expect(primary.handle(null, (a) => answers.push(a))).toBe(false);
    expect(answers).toEqual([]);
  });
});
