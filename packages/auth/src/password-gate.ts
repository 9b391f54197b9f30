import { availableParallelism } from "node:os";

/**
 * Bounds password work (argon2id hash and verify, ADR 023). Each operation takes ~10-50 ms of one core on a libuv
 * thread; libuv runs four at once by default, so a login storm on a 2-core machine would otherwise take both
 * cores from the event loop and PostgreSQL. The gate lets `concurrency` operations run at once, queues up to
 * `queueMax` more in arrival order, and refuses the rest at once with a `PasswordQueueFullError` (503 with
 * Retry-After), so an overload answers quickly instead of growing a queue without end.
 *
 * A waiter whose turn comes after more than `maxWaitMs` is refused then rather than started: hashes have become
 * slower than the queue length assumed (a busy machine), its client has most likely given up or will retry, and
 * starting it would only make everyone behind it later still. The check runs when a slot frees up, so the gate
 * needs no timers.
 *
 * A waiter whose caller has certainly gone (its `signal` aborted: the client closed the connection) leaves the
 * queue at once with a `PasswordWaitAbandonedError`, so a storm of clients that time out does not fill the queue
 * with work nobody will read. Work that has started runs to its end: argon2 cannot be stopped half-way.
 */
export interface PasswordGateOptions {
  /** Operations at once. Default: one core fewer than the machine has, at least one (`defaultPasswordConcurrency`). */
  concurrency?: number;
  /** Waiters beyond the running ones; 0 refuses whenever every slot is busy. Default: 64 per slot. */
  queueMax?: number;
  /** Default 5000. */
  maxWaitMs?: number;
  /** Monotonic milliseconds (tests pass a counter). Default: `performance.now`. */
  now?: () => number;
}

export interface PasswordGateStats {
  running: number;
  queued: number;
  /** Recent operation duration (ms, moving average) that Retry-After is estimated from. */
  estimateMs: number;
  /** Operations refused since the gate was made, for either reason. */
  refused: number;
}

export interface PasswordGate {
  readonly concurrency: number;
  readonly queueMax: number;
  readonly maxWaitMs: number;
  /**
   * Runs `work` in a slot when one is free (FIFO), or throws `PasswordQueueFullError`; throws
   * `PasswordWaitAbandonedError` when `signal` aborts before the work starts.
   */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  stats(): PasswordGateStats;
}

/**
 * The gate refused password work: its queue was full, or the caller's turn came too late. `retryAfterSec` is the
 * time the work ahead of it needs, from recent durations (at least 1, at most `MAX_RETRY_AFTER_SEC`).
 */
export class PasswordQueueFullError extends Error {
  constructor(
    readonly retryAfterSec: number,
    readonly reason: "queue_full" | "waited_too_long",
  ) {
    super(`Password work refused (${reason}); retry after ${retryAfterSec}s`);
    this.name = "PasswordQueueFullError";
  }
}

/** The caller left (its signal aborted) before its password work started; nothing was checked or hashed. */
export class PasswordWaitAbandonedError extends Error {
  constructor(cause: unknown) {
    super("Password work abandoned: the caller left before its turn", { cause });
    this.name = "PasswordWaitAbandonedError";
  }
}

/** A longer hint would only say "the estimate is unreliable"; a client coming back sooner just asks again. */
export const MAX_RETRY_AFTER_SEC = 30;
/** Before the first measurement: OWASP's parameters on a slow core. Replaced by the average after a few ops. */
const INITIAL_ESTIMATE_MS = 50;
/** Weight of the newest duration in the moving average: follows a machine that slows down within ~10 operations. */
const SMOOTHING = 0.2;

/** One core stays for the event loop and the database; a 1-core machine still hashes. */
export function defaultPasswordConcurrency(cores: number = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

interface Waiter {
  since: number;
  start(): void;
  refuse(error: PasswordQueueFullError): void;
}

export function createPasswordGate(options: PasswordGateOptions = {}): PasswordGate {
  const concurrency = options.concurrency ?? defaultPasswordConcurrency();
  const queueMax = options.queueMax ?? 64 * concurrency;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const now = options.now ?? (() => performance.now());
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError("concurrency must be an integer >= 1");
  if (!Number.isInteger(queueMax) || queueMax < 0) throw new RangeError("queueMax must be an integer >= 0");
  if (!(maxWaitMs > 0)) throw new RangeError("maxWaitMs must be > 0");

  let running = 0;
  let estimateMs = INITIAL_ESTIMATE_MS;
  let refused = 0;
  const waiting: Waiter[] = [];

  const refusal = (reason: PasswordQueueFullError["reason"]) => {
    refused++;
    // The queue ahead drains `concurrency` operations at a time; the running ones count as one more round.
    const aheadMs = (estimateMs * (waiting.length + running)) / concurrency;
    const sec = Math.min(MAX_RETRY_AFTER_SEC, Math.max(1, Math.ceil(aheadMs / 1000)));
    return new PasswordQueueFullError(sec, reason);
  };

  // A slot freed: hand it to the oldest waiter that has not waited too long. `running` goes up here, before the
  // waiter's continuation runs, so a newcomer in between cannot take the slot out of turn.
  const release = () => {
    running--;
    while (running < concurrency && waiting.length > 0) {
      const next = waiting.shift() as Waiter;
      if (now() - next.since > maxWaitMs) {
        next.refuse(refusal("waited_too_long"));
        continue;
      }
      running++;
      next.start();
    }
  };

  const acquire = (signal: AbortSignal | undefined): Promise<void> | undefined => {
    if (signal?.aborted) throw new PasswordWaitAbandonedError(signal.reason);
    if (running < concurrency && waiting.length === 0) {
      running++;
      return undefined;
    }
    if (waiting.length >= queueMax) throw refusal("queue_full");
    if (!signal) return new Promise<void>((start, refuse) => waiting.push({ since: now(), start, refuse }));
    return new Promise<void>((start, refuse) => {
      const waiter: Waiter = {
        since: now(),
        start: () => {
          signal.removeEventListener("abort", leave);
          start();
        },
        refuse: (error) => {
          signal.removeEventListener("abort", leave);
          refuse(error);
        },
      };
      // Its place goes to the next in line; it was never counted as running, so nothing else changes.
      const leave = () => {
        const at = waiting.indexOf(waiter);
        if (at !== -1) waiting.splice(at, 1);
        refuse(new PasswordWaitAbandonedError(signal.reason));
      };
      signal.addEventListener("abort", leave, { once: true });
      waiting.push(waiter);
    });
  };

  return {
    concurrency,
    queueMax,
    maxWaitMs,
    async run(work, signal) {
      await acquire(signal);
      const started = now();
      try {
        return await work();
      } finally {
        // Errors free the slot too, and their duration still says how busy the machine is.
        estimateMs += (now() - started - estimateMs) * SMOOTHING;
        release();
      }
    },
    stats: () => ({ running, queued: waiting.length, estimateMs, refused }),
  };
}
