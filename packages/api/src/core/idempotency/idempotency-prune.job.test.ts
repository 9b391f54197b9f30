import { idempotencyKeys, jobs } from "@plinth/db";
import { makeUser, useTestDatabase } from "@plinth/db/testing";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { permissiveLimiter } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";
import { runDueJobs } from "../jobs/run-jobs.ts";
import type { Services } from "../services.ts";
import {
  IDEMPOTENCY_PRUNE_EVERY_MS,
  IDEMPOTENCY_RETENTION_MS,
  idempotencyPruneJob,
  pruneIdempotencyKeys,
  scheduleIdempotencyPrune,
} from "./idempotency-prune.job.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });
const hour = 60 * 60_000;
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

const claimAt = (userId: string, key: string, now: Date) =>
  idempotencyKeys.claimIdempotencyKey(t.db, {
    userId,
    key,
    fingerprint: "f".repeat(64),
    claimToken: crypto.randomUUID(),
    now,
    leaseMs: 60_000,
  });

const keysOf = async (userId: string) =>
  (
    await t.db
      .selectFrom("idempotency_keys")
      .select("key")
      .where("user_id", "=", userId)
      .orderBy("key")
      .execute()
  ).map((r) => r.key);

describe("idempotency prune", () => {
  it("removes rows older than 24 h in batches and keeps younger ones", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    for (let i = 0; i < 7; i++)
      await claimAt(user.id, `old-${i}`, new Date(+now - IDEMPOTENCY_RETENTION_MS - i - 1));
    await claimAt(user.id, "young", new Date(+now - IDEMPOTENCY_RETENTION_MS + hour));
    await claimAt(user.id, "fresh", now);
    expect(await pruneIdempotencyKeys(t.db, { now, batchSize: 3 })).toBe(7);
    expect(await keysOf(user.id)).toEqual(["fresh", "young"]);
  });

  it("runs as a job that queues its successor once and prunes", async () => {
    const user = await makeUser(t.db);
    const now = new Date(Date.now() + 7 * 24 * hour);
    const clocked = { ...services, clock: { now: () => now } };
    await claimAt(user.id, "stale", new Date(+now - IDEMPOTENCY_RETENTION_MS - 1));
    await claimAt(user.id, "kept", new Date(+now - hour));

    await scheduleIdempotencyPrune(t.db, now);
    // A second process starting finds it queued.
    const queued = () =>
      t.db
        .selectFrom("jobs")
        .selectAll()
        .where("name", "=", "idempotency_prune")
        .where("finished_at", "is", null)
        .execute();
    await scheduleIdempotencyPrune(t.db, new Date(+now + hour));
    expect(await queued()).toHaveLength(1);

    const registry = { idempotency_prune: idempotencyPruneJob };
    expect(await runDueJobs({ db: t.db, services: clocked, logger }, { now, registry })).toEqual({
      succeeded: 1,
      failed: 0,
    });
    expect(await keysOf(user.id)).toEqual(["kept"]);
    const [next, ...more] = await queued();
    expect(more).toEqual([]);
    expect(next?.run_at).toEqual(new Date(+now + IDEMPOTENCY_PRUNE_EVERY_MS));
    expect(await jobs.hasQueuedJob(t.db, { name: "idempotency_prune", dueAfter: now })).toBe(true);

    // A retry of a run whose successor is already queued does not queue another.
    await idempotencyPruneJob.handler({ db: t.db, services: clocked, logger }, {}, { id: "x", attempts: 2 });
    expect(await queued()).toHaveLength(1);
  });

  it("starts one chain when several server processes start at once (ADR 022)", async () => {
    const unfinished = () =>
      t.db
        .selectFrom("jobs")
        .select("id")
        .where("name", "=", "idempotency_prune")
        .where("finished_at", "is", null)
        .execute();
    for (const job of await unfinished()) await jobs.completeJob(t.db, job.id, new Date());
    const now = new Date();
    await Promise.all(Array.from({ length: 6 }, () => scheduleIdempotencyPrune(t.db, now)));
    expect(await unfinished()).toHaveLength(1);
  });
});
