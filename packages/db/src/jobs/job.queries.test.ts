import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/index.ts";
import {
  claimDueJobs,
  completeJob,
  enqueueJob,
  enqueueJobUnlessQueued,
  failJob,
  findJob,
  giveUpJob,
} from "./job.queries.ts";

const t = useTestDatabase();
const claimOpts = (now: Date, extra: Partial<Parameters<typeof claimDueJobs>[1]> = {}) => ({
  limit: 1000,
  now,
  leaseMs: 60_000,
  maxAttempts: 5,
  ...extra,
});

describe("jobs queue", () => {
  it("stores the payload as JSON and claims a due job once per lease", async () => {
    const tag = randomUUID();
    const job = await enqueueJob(t.db, { name: "test", payload: { tag, n: 1, nested: { ok: true } } });
    expect(job).toMatchObject({ attempts: 0, finished_at: null, locked_until: null });
    const now = new Date(Date.now() + 1000);
    const claimed = (await claimDueJobs(t.db, claimOpts(now))).find((j) => j.id === job.id);
    expect(claimed).toMatchObject({ attempts: 1, payload: { tag, n: 1, nested: { ok: true } } });
    expect(claimed?.locked_until).toEqual(new Date(now.getTime() + 60_000));
    const again = await claimDueJobs(t.db, claimOpts(now));
    expect(again.map((j) => j.id)).not.toContain(job.id);
    // A worker that died mid-job releases it when its lease runs out.
    const afterLease = await claimDueJobs(t.db, claimOpts(new Date(now.getTime() + 60_001)));
    expect(afterLease.find((j) => j.id === job.id)?.attempts).toBe(2);
  });

  it("does not claim a job before its run_at, nor a finished one", async () => {
    const later = await enqueueJob(t.db, {
      name: "test",
      payload: {},
      runAt: new Date(Date.now() + 3_600_000),
    });
    const done = await enqueueJob(t.db, { name: "test", payload: {} });
    await completeJob(t.db, done.id, new Date());
    const claimed = await claimDueJobs(t.db, claimOpts(new Date(Date.now() + 1000)));
    expect(claimed.map((j) => j.id)).not.toContain(later.id);
    expect(claimed.map((j) => j.id)).not.toContain(done.id);
    expect((await findJob(t.db, done.id))?.finished_at).toBeInstanceOf(Date);
  });

  it("queues one job when many callers ask at once for a job unless one is queued", async () => {
    // What N server processes do at start for a self-requeueing job (ADR 022): without the lock, each saw none
    // queued and inserted its own (on PostgreSQL, whose connections run side by side).
    const name = `singleton-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => enqueueJobUnlessQueued(t.db, { name, payload: {} })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const rows = await t.db.selectFrom("jobs").select("id").where("name", "=", name).execute();
    expect(rows).toHaveLength(1);
    // With `dueAfter`, a job due at or before it does not count: a running job queues its successor.
    const runAt = new Date(Date.now() + 3_600_000);
    const successors = await Promise.all(
      Array.from({ length: 8 }, () =>
        enqueueJobUnlessQueued(t.db, { name, payload: {}, runAt }, { dueAfter: new Date() }),
      ),
    );
    expect(successors.filter(Boolean)).toHaveLength(1);
    // Once finished, a new one is queued again.
    for (const row of await t.db.selectFrom("jobs").select("id").where("name", "=", name).execute()) {
      await completeJob(t.db, row.id, new Date());
    }
    expect(await enqueueJobUnlessQueued(t.db, { name, payload: {} })).toMatchObject({ name });
  });

  it("never hands one job to two concurrent claimers", async () => {
    const tag = randomUUID();
    for (let i = 0; i < 30; i++) await enqueueJob(t.db, { name: `race-${tag}`, payload: { i } });
    const now = new Date(Date.now() + 1000);
    const batches = await Promise.all(
      Array.from({ length: 5 }, () => claimDueJobs(t.db, claimOpts(now, { limit: 10 }))),
    );
    const ids = batches
      .flat()
      .filter((j) => j.name === `race-${tag}`)
      .map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
  });

  it("a failed attempt is retried at retryAt; giving up finishes it with the error kept", async () => {
    const job = await enqueueJob(t.db, { name: "test", payload: {} });
    const now = new Date(Date.now() + 1000);
    await claimDueJobs(t.db, claimOpts(now));
    const retryAt = new Date(now.getTime() + 30_000);
    await failJob(t.db, job.id, "boom", retryAt);
    expect(await findJob(t.db, job.id)).toMatchObject({
      last_error: "boom",
      run_at: retryAt,
      locked_until: null,
    });
    expect(
      (await claimDueJobs(t.db, claimOpts(new Date(retryAt.getTime() - 1)))).map((j) => j.id),
    ).not.toContain(job.id);
    expect((await claimDueJobs(t.db, claimOpts(retryAt))).map((j) => j.id)).toContain(job.id);
    await giveUpJob(t.db, job.id, "boom again", retryAt);
    expect(await findJob(t.db, job.id)).toMatchObject({ last_error: "boom again", finished_at: retryAt });
    const far = new Date(retryAt.getTime() + 3_600_000);
    expect((await claimDueJobs(t.db, claimOpts(far))).map((j) => j.id)).not.toContain(job.id);
  });

  it("claims only the names it is given", async () => {
    const tag = randomUUID();
    const mine = await enqueueJob(t.db, { name: `mine-${tag}`, payload: {} });
    const other = await enqueueJob(t.db, { name: `other-${tag}`, payload: {} });
    const now = new Date(Date.now() + 1000);
    const ids = (await claimDueJobs(t.db, claimOpts(now, { names: [`mine-${tag}`] }))).map((j) => j.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    expect(await claimDueJobs(t.db, claimOpts(now, { names: [] }))).toEqual([]);
  });

  it("stops claiming after maxAttempts", async () => {
    const job = await enqueueJob(t.db, { name: "test", payload: {} });
    const now = new Date(Date.now() + 1000);
    expect(
      (await claimDueJobs(t.db, claimOpts(now, { leaseMs: 0, maxAttempts: 1 }))).map((j) => j.id),
    ).toContain(job.id);
    const next = new Date(now.getTime() + 1);
    expect(
      (await claimDueJobs(t.db, claimOpts(next, { leaseMs: 0, maxAttempts: 1 }))).map((j) => j.id),
    ).not.toContain(job.id);
  });
});
