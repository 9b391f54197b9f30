import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createCallerFactory } from "./core/trpc.ts";
import type { AppRouter } from "./root.ts";
import { appRouter } from "./root.ts";

export {
  type ApiKeyCaller,
  type Context,
  type ContextInnerOptions,
  createContextInner,
  createRequestContext,
  type RequestInfo,
  type SessionTransport,
} from "./core/context.ts";
export { keepInOutboxTransport, type MailTransport } from "./core/email/mail-transport.ts";
export { type AppErrorData, type AppErrorShape, describeError, formatError } from "./core/error-formatter.ts";
export { AppError, type AppErrorCode, appErrorCodes, type ErrorDetail } from "./core/errors.ts";
export {
  canonicalJson,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_RETENTION_MS,
  type IdempotencyDeps,
  type IdempotentOutcome,
  type IdempotentRequest,
  isReplayable,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  parseIdempotencyKey,
  pruneIdempotencyKeys,
  requestFingerprint,
  runIdempotent,
  type StoredResponse,
  scheduleIdempotencyPrune,
} from "./core/idempotency/index.ts";
export {
  createJobQueue,
  type JobDeps,
  type JobName,
  jobDefinitions,
  jobRetryDelayMs,
  type RunJobsOptions,
  type RunJobsResult,
  runDueJobs,
} from "./core/jobs/index.ts";
export { jsonText } from "./core/json-text.ts";
export { enforceFloodLimit, enforceRateLimit } from "./core/rate-limit.ts";
export {
  type RateLimitRecord,
  type ResponseEffect,
  type ResponseEffects,
  rateLimitHeaders,
  responseHeaders,
} from "./core/response-effects.ts";
export { scheduleRetentionPrune } from "./core/retention/retention-prune.job.ts";
export type { Services } from "./core/services.ts";
export type { AdminUserView } from "./modules/admin/index.ts";
export type { ApiKeyView, CreatedApiKey } from "./modules/api-keys/index.ts";
export type { Me } from "./modules/identity/index.ts";
export type { ProjectView } from "./modules/projects/index.ts";
export type { CommentView, TaskListItemView, TaskView } from "./modules/tasks/index.ts";
export type { PublicUser } from "./modules/users/index.ts";
export { type AppRouter, appRouter };

/** Calls procedures in-process, with no HTTP: `createCaller(createContextInner({ db, logger, services }))`. */
export const createCaller = createCallerFactory(appRouter);

/** `RouterInputs['users']['byId']` is `{ id: string }`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** `RouterOutputs['users']['byId']` is `PublicUser`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
