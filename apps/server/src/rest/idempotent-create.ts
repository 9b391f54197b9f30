import {
  type Context,
  isReplayable,
  parseIdempotencyKey,
  requestFingerprint,
  runIdempotent,
} from "@plinth/api";
import { TRPCError } from "@trpc/server";
import { errorBody, errorStatus } from "./rest-errors.ts";

/** What a create answers, fresh or replayed: the status, the JSON body and Location, as they are sent. */
export interface CreateAnswer {
  status: number;
  body: unknown;
  location: string | undefined;
  /** The stored answer of an earlier request with this key: sent with `Idempotent-Replayed: true`. */
  replayed: boolean;
  /** The failure a fresh request answered with (4xx are stored too), for the request log. */
  failure: TRPCError | undefined;
}

/**
 * A POST create under an `Idempotency-Key` (ADR 018): `runIdempotent` claims the key for the signed-in user, and
 * `create` runs at most once per key and request fingerprint (method, path with its ids, canonical body). A 4xx is
 * stored and replayed like a 201 (the same request would fail the same way); 429 and 5xx are rethrown, so the key
 * is released and a retry runs again. A replay does no work, but the REST transport has already counted the
 * request against the caller's per-IP limit, so replays are not a way around it.
 */
export async function idempotentCreate(opts: {
  ctx: Context & { user: NonNullable<Context["user"]> };
  rawKey: string;
  request: { method: string; path: string; body: unknown };
  create: () => Promise<{ body: unknown; location: string | undefined }>;
}): Promise<CreateAnswer> {
  const { ctx } = opts;
  const key = parseIdempotencyKey(opts.rawKey) as string;
  let failure: TRPCError | undefined;
  const outcome = await runIdempotent(
    { db: ctx.db, clock: ctx.services.clock, logger: ctx.logger },
    { userId: ctx.user.id, key, fingerprint: requestFingerprint(opts.request) },
    async () => {
      try {
        const created = await opts.create();
        return { status: 201, body: created.body, location: created.location };
      } catch (cause) {
        const error =
          cause instanceof TRPCError ? cause : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });
        const status = errorStatus(error);
        if (!isReplayable(status)) throw error;
        failure = error;
        return { status, body: errorBody(error, ctx.requestId) };
      }
    },
  );
  return {
    status: outcome.response.status,
    body: outcome.response.body,
    location: outcome.response.location ?? undefined,
    replayed: outcome.kind === "replay",
    failure,
  };
}
