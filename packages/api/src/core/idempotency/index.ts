export {
  IDEMPOTENCY_PRUNE_EVERY_MS,
  IDEMPOTENCY_RETENTION_MS,
  idempotencyPruneJob,
  pruneIdempotencyKeys,
  scheduleIdempotencyPrune,
} from "./idempotency-prune.job.ts";
export {
  canonicalJson,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  parseIdempotencyKey,
  requestFingerprint,
} from "./request-fingerprint.ts";
export {
  IDEMPOTENCY_LEASE_MS,
  type IdempotencyDeps,
  type IdempotentOutcome,
  type IdempotentRequest,
  isReplayable,
  runIdempotent,
  type StoredResponse,
} from "./run-idempotent.ts";
