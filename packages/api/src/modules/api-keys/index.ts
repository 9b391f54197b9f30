// Personal API keys: create, list, revoke (ADR 016). Authenticating with a key lives in core/context.ts.
export { apiKeysRouter } from "./api-keys.router.ts";
export type { ApiKeyView, CreatedApiKey } from "./api-keys.schemas.ts";
