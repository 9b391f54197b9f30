import { jobs } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { permissiveLimiter } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";
import type { Services } from "../services.ts";
import { defineJob } from "./define-job.ts";
import { jobRetryDelayMs, runDueJobs } from "./run-jobs.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});
const deps = () => ({ db: t.db, services, logger });

describe("runDueJobs", () => {
  it("retries a failing handler with backoff, then gives up after maxAttempts", async () => {
    const name = `flaky-${crypto.randomUUID()}`;
    const seen: number[] = [];
    const registry = {
      [name]: defineJob({
        payload: z.strictObject({ n: z.number() }),
        maxAttempts: 3,
        handler: async (_deps, payload, job) => {
          seen.push(job.attempts * 100 + payload.n);
          throw new Error(`attempt ${job.attempts} failed`);
        },
      }),
    };
    const queued = await jobs.enqueueJob(t.db, { name, payload: { n: 7 } });
    let now = new Date(Date.now() + 1000);
    expect(await runDueJobs(deps(), { now, registry })).toEqual({ succeeded: 0, failed: 1 });
    let row = await jobs.findJob(t.db, queued.id);
    expect(row).toMatchObject({
      attempts: 1,
      last_error: "attempt 1 failed",
      finished_at: null,
      locked_until: null,
    });
    expect(row?.run_at).toEqual(new Date(now.getTime() + jobRetryDelayMs(1)));

    // Not before the backoff has passed.
    expect(
      await runDueJobs(deps(), { now: new Date(now.getTime() + jobRetryDelayMs(1) - 1), registry }),
    ).toEqual({
      succeeded: 0,
      failed: 0,
    });
    now = new Date(now.getTime() + jobRetryDelayMs(1));
    await runDueJobs(deps(), { now, registry });
    row = await jobs.findJob(t.db, queued.id);
    expect(row?.run_at).toEqual(new Date(now.getTime() + jobRetryDelayMs(2)));
    expect(jobRetryDelayMs(2)).toBeGreaterThan(jobRetryDelayMs(1));

    now = new Date(now.getTime() + jobRetryDelayMs(2));
    await runDueJobs(deps(), { now, registry });
    row = await jobs.findJob(t.db, queued.id);
    expect(row).toMatchObject({ attempts: 3, last_error: "attempt 3 failed" });
    expect(row?.finished_at).toBeInstanceOf(Date);
    expect(await runDueJobs(deps(), { now: new Date(now.getTime() + 86_400_000), registry })).toEqual({
      succeeded: 0,
      failed: 0,
    });
    expect(seen).toEqual([107, 207, 307]);
  });

  it("gives up at once on a payload its schema refuses", async () => {
    const name = `strict-${crypto.randomUUID()}`;
    let ran = false;
    const registry = {
      [name]: defineJob({
        payload: z.strictObject({ n: z.number() }),
        handler: async () => {
          ran = true;
        },
      }),
    };
    const queued = await jobs.enqueueJob(t.db, { name, payload: { n: "seven" } });
    await runDueJobs(deps(), { now: new Date(Date.now() + 1000), registry });
    expect(ran).toBe(false);
    expect(await jobs.findJob(t.db, queued.id)).toMatchObject({
      attempts: 1,
      last_error: "payload refused by its schema",
    });
  });
});
