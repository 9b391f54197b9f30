import { audit, jobs, users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { sql } from "kysely";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Services } from "../services.ts";
import { permissiveLimiter, randomIp, signUp, uniqueEmail } from "../test-auth.ts";
import { createTestServices, testCaller } from "../test-context.ts";
import { defineJob } from "./define-job.ts";
import { jobRetryDelayMs, runDueJobs } from "./run-jobs.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});
const deps = () => ({ db: t.db, services, logger });
const mailbox = (to: string) => testCaller(t.db, { services }).dev.mailbox({ to, limit: 50 });
const resetJobFor = async (email: string) =>
  t.db
    .selectFrom("jobs")
    .selectAll()
    .where("name", "=", "password_reset_request")
    .where(sql`payload->>'email'`, "=", email)
    .executeTakeFirstOrThrow();

describe("password_reset_request job", () => {
  it("the request only queues; the job mails the link and audits with the requester's ip and request id", async () => {
    const user = await signUp(t.db, services);
    const ip = randomIp();
    const caller = testCaller(t.db, { services, ip });
    expect(await caller.auth.requestPasswordReset({ email: user.email })).toEqual({ ok: true });
    expect((await mailbox(user.email)).map((m) => m.kind)).not.toContain("password_reset");

    expect((await runDueJobs(deps())).succeeded).toBeGreaterThanOrEqual(1);
    const mail = (await mailbox(user.email)).find((m) => m.kind === "password_reset");
    expect(mail?.text).toMatch(/\/reset-password\?token=[a-z2-7]{52}/);
    const job = await resetJobFor(user.email);
    expect(job).toMatchObject({ attempts: 1, last_error: null });
    expect(job.finished_at).toBeInstanceOf(Date);
    const [entry] = await audit.listAuditEvents(t.db, { subjectUserId: user.user.id, limit: 1 });
    expect(entry).toMatchObject({ event: "password_reset_requested", ip, request_id: caller.ctx.requestId });
  });

  it("mails nothing for an unknown or a disabled address, and still finishes the job", async () => {
    const ghost = uniqueEmail("ghost");
    const disabled = await signUp(t.db, services);
    await users.updateUser(t.db, disabled.user.id, { disabled_at: new Date() });
    for (const email of [ghost, disabled.email])
      await testCaller(t.db, { services, ip: randomIp() }).auth.requestPasswordReset({ email });
    await runDueJobs(deps());
    for (const email of [ghost, disabled.email]) {
      expect((await mailbox(email)).map((m) => m.kind)).not.toContain("password_reset");
      const job = await resetJobFor(email);
      expect(job.finished_at).toBeInstanceOf(Date);
      expect(job.last_error).toBeNull();
    }
  });
});

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
