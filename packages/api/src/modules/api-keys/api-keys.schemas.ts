import { apiKeyScopes } from "@plinth/db";
import { z } from "zod";
import { text } from "../../core/inputs.ts";
import { API_KEY_MAX_DAYS } from "./api-keys.policy.ts";

// Inputs and outputs of `apiKeys.*`. The outputs are zod too (`.output(checked(…))`): they are checked on every call, and
// the OpenAPI document is generated from them, so a field missing here is missing for every client.

const scope = z.enum(apiKeyScopes);

export const createApiKeyInput = z.strictObject({
  name: text({ trim: true, min: 1, minError: "Name the key", max: 100 }),
  scopes: z
    .array(scope)
    .min(1, { error: "Choose at least one scope" })
    .max(apiKeyScopes.length)
    .refine((s) => new Set(s).size === s.length, { error: "Each scope once" }),
  /** Absent: the key never expires. */
  expiresInDays: z.number().int().min(1).max(API_KEY_MAX_DAYS).optional(),
});

export const revokeApiKeyInput = z.strictObject({ id: z.uuid() });

/** A key as its owner sees it: never its hash, and the token only once, at creation (`createdApiKey`). */
export const apiKeyView = z.object({
  id: z.uuid(),
  /** The short public part of the token (`plinth_<publicId>_…`), to tell keys apart. */
  publicId: z.string(),
  name: z.string(),
  scopes: z.array(scope),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
});

export const createdApiKey = z.object({
  /** The whole key. Shown once: only its hash is stored, so it cannot be shown again. */
  token: z.string(),
  key: apiKeyView,
});

export const apiKeyList = z.array(apiKeyView);
export const revokedApiKey = z.object({ ok: z.literal(true) });

export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeyInput>;
export type ApiKeyView = z.infer<typeof apiKeyView>;
export type CreatedApiKey = z.infer<typeof createdApiKey>;
