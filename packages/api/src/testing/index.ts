// `@plinth/api/testing`: helpers for tests of this package and of the apps; never part of the main index.
export { createTestServices } from "../core/services.ts";
export { countQueries } from "./query-counter.ts";
export * from "./test-auth.ts";
export {
  callerOver,
  requestCaller,
  type TestCallerOptions,
  testCaller,
  testContext,
} from "./test-context.ts";
