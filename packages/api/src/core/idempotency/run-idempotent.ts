import { randomUUID } from "node:crypto";
import type { Clock } from "@plinth/auth";
import { type Database, type IdempotencyKey, idempotencyKeys } from "@plinth/db";
import type { Logger } from "pino";
import { AppError } from "../errors.ts";

/**
 * How long a claim holds its key before it counts as abandoned (its process died mid-request) and a retry may
 * take it over. Far above what a create takes: each statement is cut off after 5 s (REQUEST_TIMEOUTS) and a
 * create is a handful of them, so a live request is not overtaken; a crashed one blocks its key for at most this
 * long. ADR 018.
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** The answer a request gave, as the transport will send it; stored and replayed for its key. */
export interface StoredResponse {
  status: number;
  /** A JSON value (stored serialized, replayed parsed); undefined for no body. */
  body: unknown;
  location?: string | null | undefined;
}

export type IdempotentOutcome =
  | { kind: "fresh"; response: StoredResponse }
  | { kind: "replay"; response: StoredResponse };

export interface IdempotencyDeps {
  /** The database itself, not a transaction: the claim must be visible to other requests while the work runs. */
  db: Database;
  clock: Clock;
  logger: Logger;
}

export interface IdempotentRequest {
  userId: string;
  /** A key `parseIdempotencyKey` accepted. */
  key: string;
  /** `requestFingerprint(...)` of the request. */
  fingerprint: string;
}

/**
 * Whether an answer is kept for replay. A 4xx is: the same request would fail the same way (a validation error,
 * a conflict), so repeating the work buys nothing. A 5xx is not, nor 408/429, which say "try again later": the
 * key is released and a retry runs the work.
 */
export const isReplayable = (status: number) => status < 500 && status !== 408 && status !== 429;

/** A claim was released between our insert and our read (at most a few times in a row, for a busy key). */
const CLAIM_ATTEMPTS = 3;

/**
 * Runs `work` at most once per (user, key) within the retention window (ADR 018):
 * - the first request claims the key, runs `work`, and stores its answer (or releases the key, see
 *   `isReplayable`; also when `work` throws, and the error is rethrown);
 * - a retry with the same fingerprint gets the stored answer as `replay`, and `work` is not called;
 * - a request with another fingerprint under that key: IDEMPOTENCY_KEY_REUSED (422), whatever the key's state;
 * - while the first request still works: IDEMPOTENCY_IN_PROGRESS (409);
 * - a claim older than `leaseMs` whose request never answered is taken over by the next same-fingerprint retry.
 *
 * To store a 4xx, `work` returns it as a response; the transport maps its own errors inside `work`.
 */
export async function runIdempotent(
  deps: IdempotencyDeps,
  request: IdempotentRequest,
  work: () => Promise<StoredResponse>,
  options: { leaseMs?: number } = {},
): Promise<IdempotentOutcome> {
  const claimToken = randomUUID();
  for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
    const claim = await idempotencyKeys.claimIdempotencyKey(deps.db, {
      ...request,
      claimToken,
      now: deps.clock.now(),
      leaseMs: options.leaseMs ?? IDEMPOTENCY_LEASE_MS,
    });
    if (claim.claimed) return runClaimed(deps, { ...request, claimToken }, work);
    if (claim.row) return judgeExisting(claim.row, request.fingerprint);
  }
  throw inProgress();
}

async function runClaimed(
  deps: IdempotencyDeps,
  claim: { userId: string; key: string; claimToken: string },
  work: () => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  let response: StoredResponse;
  try {
    response = await work();
  } catch (error) {
    await release(deps, claim);
    throw error;
  }
  if (!isReplayable(response.status)) {
    await release(deps, claim);
    return { kind: "fresh", response };
  }
  try {
    const stored = await idempotencyKeys.completeIdempotencyKey(deps.db, claim, {
      status: response.status,
      body: response.body === undefined ? null : JSON.stringify(response.body),
      location: response.location ?? null,
      now: deps.clock.now(),
    });
    if (!stored)
      deps.logger.warn({ key: claim.key }, "idempotency claim was taken over before the work answered");
  } catch (error) {
    // The work is done and committed: its caller gets the answer. Only the replay is lost; the claim lapses
    // after its lease, and a retry after that runs the work again (ADR 018).
    deps.logger.error({ err: error, key: claim.key }, "could not store the idempotent answer");
  }
  return { kind: "fresh", response };
}

async function release(deps: IdempotencyDeps, claim: { userId: string; key: string; claimToken: string }) {
  try {
    await idempotencyKeys.releaseIdempotencyKey(deps.db, claim);
  } catch (error) {
    // The request is failing anyway; the claim lapses after its lease.
    deps.logger.error({ err: error, key: claim.key }, "could not release an idempotency claim");
  }
}

function judgeExisting(row: IdempotencyKey, fingerprint: string): IdempotentOutcome {
  if (row.fingerprint !== fingerprint) {
    throw new AppError(
      "IDEMPOTENCY_KEY_REUSED",
      "This Idempotency-Key was used for a different request; use a new key for a new request",
    );
  }
  if (row.state === "in_progress" || row.response_status === null) throw inProgress();
  return {
    kind: "replay",
    response: {
      status: row.response_status,
      body: row.response_body === null ? undefined : JSON.parse(row.response_body),
      location: row.response_location,
    },
  };
}

const inProgress = () =>
  new AppError(
    "IDEMPOTENCY_IN_PROGRESS",
    "A request with this Idempotency-Key is still being processed; retry once it has answered",
  );
