import type { TRPCRouterRecord } from "@trpc/server";
import { checked } from "../../core/output-check.ts";
import { verifiedSessionProcedure } from "../../core/trpc.ts";
import {
  apiKeyList,
  createApiKeyInput,
  createdApiKey,
  revokeApiKeyInput,
  revokedApiKey,
} from "./api-keys.schemas.ts";
import * as service from "./api-keys.service.ts";

/**
 * The caller's personal API keys. Session only (`verifiedSessionProcedure`): a key never lists, mints or revokes
 * keys, so a leaked key cannot make itself a successor that outlives its revocation (ADR 016).
 */
export const apiKeysRouter = {
  create: verifiedSessionProcedure
    .input(createApiKeyInput)
    .output(checked(createdApiKey))
    .mutation(({ ctx, input }) => service.createKey(ctx, ctx, input)),
  list: verifiedSessionProcedure.output(checked(apiKeyList)).query(({ ctx }) => service.listKeys(ctx, ctx)),
  revoke: verifiedSessionProcedure
    .input(revokeApiKeyInput)
    .output(checked(revokedApiKey))
    .mutation(async ({ ctx, input }) => {
      await service.revokeKey(ctx, ctx, input);
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
