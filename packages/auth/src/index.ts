export {
  API_KEY_POLICY,
  API_KEY_PREFIX,
  type ApiKeyValidation,
  createApiKey,
  generateApiKey,
  isApiKeyShape,
  isApiKeyToken,
  validateApiKey,
} from "./api-keys.ts";
export { type Clock, createManualClock, systemClock } from "./clock.ts";
export {
  type CookieOptions,
  readBearerToken,
  readSessionCookie,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionCookieName,
} from "./cookies.ts";
export { isTrustedOrigin } from "./csrf.ts";
export {
  deviceCookieName,
  deviceKey,
  forgetDevices,
  isKnownDevice,
  KNOWN_DEVICE_TTL_MS,
  readDeviceCookie,
  rememberDevice,
  serializeDeviceCookie,
} from "./known-device.ts";
export {
  consumeOneTimeToken,
  findOneTimeToken,
  issueOneTimeToken,
  TOKEN_TTL_MS,
  voidOneTimeTokens,
} from "./one-time-tokens.ts";
// Hashing and verifying go through a PasswordHasher only (ADR 023): the ungated functions stay inside this package.
export { ARGON2_PARAMS, passwordNeedsRehash } from "./password.ts";
export {
  createPasswordGate,
  defaultPasswordConcurrency,
  MAX_RETRY_AFTER_SEC,
  type PasswordGate,
  type PasswordGateOptions,
  type PasswordGateStats,
  PasswordQueueFullError,
  PasswordWaitAbandonedError,
} from "./password-gate.ts";
export { createPasswordHasher, type PasswordHasher } from "./password-hasher.ts";
export {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from "./password-policy.ts";
export {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitQuota,
  type RateLimitRule,
  type RateLimitStore,
  RateLimitStoreError,
} from "./rate-limit.ts";
export {
  type ClusterChannel,
  createClusterCounterPrimary,
  isClusterCounterRequest,
} from "./rate-limit-cluster.ts";
export {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_POLICY,
  type SessionMeta,
  type SessionValidation,
  validateSessionToken,
} from "./session.ts";
export { generateOneTimeToken, generateSessionToken, hashToken } from "./tokens.ts";
