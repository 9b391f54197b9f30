import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";
import { appRouter } from "./root.ts";
import { createCallerFactory } from "./trpc.ts";

export {
  type Context,
  type ContextInnerOptions,
  createContextInner,
  createRequestContext,
  type RequestInfo,
  type ResponseEffects,
  type SessionTransport,
} from "./context.ts";
export { type AppErrorData, type AppErrorShape, describeError, formatError } from "./error-formatter.ts";
export { AppError, type AppErrorCode, appErrorCodes, type ErrorDetail } from "./errors.ts";
export {
  type JobDeps,
  type JobName,
  jobDefinitions,
  jobRetryDelayMs,
  type RunJobsOptions,
  type RunJobsResult,
  runDueJobs,
} from "./jobs/index.ts";
export type { Me } from "./router/account-helpers.ts";
export type { AdminUserView } from "./router/admin.ts";
export type { PublicUser } from "./router/users.ts";
export { createTestServices, type Services } from "./services.ts";
export { type AppRouter, appRouter };

/** Calls procedures in-process, with no HTTP: `createCaller(createContextInner({ db, logger, services }))`. */
export const createCaller = createCallerFactory(appRouter);

/** `RouterInputs['users']['byId']` is `{ id: string }`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** `RouterOutputs['users']['byId']` is `PublicUser`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
