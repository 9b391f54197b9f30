import { RateLimiterRes } from "rate-limiter-flexible";
import { MemoryWindow } from "./memory-window.ts";
import type { RateLimitRule } from "./rate-limit.ts";

/**
 * Local rules (the flood limits, ADR 010) counted in the cluster primary instead of each worker's memory, so N
 * server processes allow the limit once, not N times (ADR 022), still without a database or Redis round trip.
 *
 * A worker queues its calls and sends them as one message per event-loop turn (`setImmediate`); the primary
 * counts each in a `MemoryWindow` (the same counter a single process uses, so windows and answers do not
 * change) and answers the batch with one message. One IPC round trip per turn instead of one per call is what
 * keeps this near the cost of process memory under load (ADR 022 has the figures).
 *
 * A primary that does not answer within `timeoutMs` (it should never happen: it does nothing else) fails the
 * calls with an Error, which the limiter reports as a store failure: 503 RATE_LIMIT_UNAVAILABLE, never a 500.
 */

/** Marks this module's messages among anything else on the IPC channel. */
const TAG = "plinth-rate-limit";

/** 0 consume, 1 reward (give a point back), 2 delete (forget the key). */
type Op = 0 | 1 | 2;
/** [op, rule, key]: arrays, not objects, because the channel serialises every call as JSON. */
type Call = [Op, string, string];
/** [outcome, remainingPoints, msBeforeNext]: 1 done, 0 refused by the limit, 2 failed (e.g. unknown rule). */
type Result = [0 | 1 | 2, number, number];

export interface ClusterCounterRequest {
  tag: typeof TAG;
  id: number;
  calls: Call[];
}
export interface ClusterCounterAnswer {
  tag: typeof TAG;
  id: number;
  results: Result[];
}

export function isClusterCounterRequest(message: unknown): message is ClusterCounterRequest {
  return (message as ClusterCounterRequest | null)?.tag === TAG && "calls" in (message as object);
}

/** How a worker talks to its primary: `process.send` and `process.on("message")` in a cluster worker. */
export interface ClusterChannel {
  /** Sends, or calls back with an error when the channel is closed. */
  send(message: ClusterCounterRequest, done: (error: Error | null) => void): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

/** What the rate limiter needs of a local rule's counter; rate-limiter-flexible's limiters have the same shape. */
export interface LocalCounter {
  consume(key: string): Promise<RateLimiterRes>;
  reward(key: string, points: number): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

/** The primary's side: counts for every worker. `handle` takes any message and answers this module's. */
export function createClusterCounterPrimary(rules: Record<string, RateLimitRule>) {
  const windows = new Map(Object.entries(rules).map(([name, rule]) => [name, new MemoryWindow(rule)]));
  const one = ([op, rule, key]: Call): Result => {
    const window = windows.get(rule);
    if (!window) return [2, 0, 0];
    if (op === 1) window.reward(key);
    if (op === 2) window.delete(key);
    if (op !== 0) return [1, 0, 0];
    const count = window.consume(key);
    return count.allowed ? [1, count.remaining, count.msBeforeNext] : [0, 0, count.msBeforeNext];
  };
  return {
    /** Returns false for a message that is not a counter request, so the caller can pass everything here. */
    handle(message: unknown, reply: (answer: ClusterCounterAnswer) => void): boolean {
      if (!isClusterCounterRequest(message)) return false;
      reply({ tag: TAG, id: message.id, results: message.calls.map(one) });
      return true;
    },
  };
}

interface Pending {
  call: Call;
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

/**
 * The worker's side: one `LocalCounter` per local rule, all sharing one channel and one batch per turn. `close`
 * stops listening and fails what is still waiting.
 */
export function createClusterCounterClient(channel: ClusterChannel, opts: { timeoutMs?: number } = {}) {
  const timeoutMs = opts.timeoutMs ?? 2_000;
  let queued: Pending[] = [];
  const inFlight = new Map<number, { calls: Pending[]; timer: NodeJS.Timeout }>();
  let nextId = 1;

  const fail = (calls: Pending[], error: Error) => {
    for (const pending of calls) pending.reject(error);
  };
  const flush = () => {
    const calls = queued;
    queued = [];
    const id = nextId++;
    const timer = setTimeout(() => {
      inFlight.delete(id);
      fail(calls, new Error(`cluster primary did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    inFlight.set(id, { calls, timer });
    channel.send({ tag: TAG, id, calls: calls.map((p) => p.call) }, (error) => {
      if (!error || !inFlight.delete(id)) return;
      clearTimeout(timer);
      fail(calls, new Error("cluster primary unreachable", { cause: error }));
    });
  };
  const stopListening = channel.onMessage((message) => {
    const answer = message as ClusterCounterAnswer | null;
    if (answer?.tag !== TAG || !("results" in answer)) return;
    const batch = inFlight.get(answer.id);
    if (!batch) return;
    inFlight.delete(answer.id);
    clearTimeout(batch.timer);
    batch.calls.forEach((pending, i) => {
      pending.resolve(answer.results[i] ?? [2, 0, 0]);
    });
  });
  const send = (call: Call) =>
    new Promise<Result>((resolve, reject) => {
      if (queued.length === 0) setImmediate(flush);
      queued.push({ call, resolve, reject });
    });

  return {
    counter(rule: string, points: number): LocalCounter {
      const failed = () => new Error(`cluster primary could not count rule ${rule}`);
      return {
        async consume(key) {
          const [outcome, remaining, msBeforeNext] = await send([0, rule, key]);
          if (outcome === 2) throw failed();
          const res = new RateLimiterRes(remaining, msBeforeNext, points - remaining);
          if (outcome === 0) throw res;
          return res;
        },
        async reward(key) {
          if ((await send([1, rule, key]))[0] === 2) throw failed();
        },
        async delete(key) {
          if ((await send([2, rule, key]))[0] === 2) throw failed();
        },
      };
    },
    close() {
      stopListening();
      for (const [id, batch] of inFlight) {
        clearTimeout(batch.timer);
        inFlight.delete(id);
        fail(batch.calls, new Error("rate limiter closed"));
      }
    },
  };
}

export type ClusterCounterClient = ReturnType<typeof createClusterCounterClient>;
