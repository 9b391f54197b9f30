import { createApiKey } from "@plinth/auth";
import { type ApiKey, apiKeys, type User } from "@plinth/db";
import { recordAudit } from "../../core/audit.ts";
import type { Context } from "../../core/context.ts";
import { AppError } from "../../core/errors.ts";
import { API_KEY_LIMIT, canCreateKey, expiryFor } from "./api-keys.policy.ts";
import type { ApiKeyView, CreateApiKeyInput, CreatedApiKey, RevokeApiKeyInput } from "./api-keys.schemas.ts";

// A user's personal API keys. The router only lets a signed-in session here (never a key: ADR 016).

export type KeyDeps = Pick<Context, "db" | "services">;
/** The signed-in owner, and where the request came from (for the audit rows). */
export type KeyOwner = Pick<Context, "client" | "requestId"> & { user: User };

export const toApiKeyView = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  publicId: key.public_id,
  name: key.name,
  scopes: key.scopes,
  createdAt: key.created_at,
  lastUsedAt: key.last_used_at,
  expiresAt: key.expires_at,
});

/**
 * Creates a key and returns its token, once. The owner's row is locked while live keys are counted, so two
 * concurrent creates cannot both slip under the cap.
 */
export async function createKey(
  deps: KeyDeps,
  owner: KeyOwner,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const { clock } = deps.services;
  const now = clock.now();
  const { token, key } = await deps.db.transaction().execute(async (trx) => {
    await apiKeys.lockKeyOwner(trx, owner.user.id);
    if (!canCreateKey(await apiKeys.countActiveApiKeys(trx, owner.user.id, now))) {
      throw new AppError("CONFLICT", `You have ${API_KEY_LIMIT} active API keys; revoke one first`);
    }
    const created = await createApiKey(
      trx,
      {
        userId: owner.user.id,
        name: input.name,
        scopes: input.scopes,
        expiresAt: expiryFor(now, input.expiresInDays),
      },
      clock,
    );
    await recordAudit(owner, trx, "api_key_created", {
      subjectUserId: owner.user.id,
      details: auditDetails(created.key),
    });
    return created;
  });
  return { token, key: toApiKeyView(key) };
}

export async function listKeys(deps: KeyDeps, owner: KeyOwner): Promise<ApiKeyView[]> {
  return (await apiKeys.listUserApiKeys(deps.db, owner.user.id)).map(toApiKeyView);
}

/** Revokes one of the owner's keys at once (every call looks the key up). Another user's key is NOT_FOUND. */
export async function revokeKey(deps: KeyDeps, owner: KeyOwner, input: RevokeApiKeyInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const key = await apiKeys.revokeUserApiKey(trx, owner.user.id, input.id, deps.services.clock.now());
    if (!key) throw new AppError("NOT_FOUND", "No such API key");
    await recordAudit(owner, trx, "api_key_revoked", {
      subjectUserId: owner.user.id,
      details: auditDetails(key),
    });
  });
}

/** What the audit trail keeps of a key: enough to name it, nothing to use it. */
const auditDetails = (key: ApiKey) => ({
  apiKeyId: key.id,
  publicId: key.public_id,
  name: key.name,
  scopes: key.scopes.join(","),
});
