import { idempotencyKeys } from "@plinth/db";
import { makeUser, useTestDatabase } from "@plinth/db/testing";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { requestFingerprint } from "./request-fingerprint.ts";
import { IDEMPOTENCY_LEASE_MS, runIdempotent, type StoredResponse } from "./run-idempotent.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });

/** A clock the test moves by hand, so the lease is crossed without waiting. */
function manualClock(start = new Date()) {
  let now = start;
  return { now: () => now, set: (to: Date) => (now = to) };
}

const fingerprint = (body: unknown) =>
  requestFingerprint({ method: "POST", path: "/api/v1/organizations", body });

/** A `work` that counts its calls and answers `response`. */
function counted(response: StoredResponse) {
  const calls = { n: 0 };
  return {
    calls,
    work: async () => {
      calls.n++;
      return response;
    },
  };
}

const created: StoredResponse = {
  status: 201,
  body: { data: { id: "o1", name: "Acme", zeta: 1, alpha: [3, 1, 2] } },
  location: "/api/v1/organizations/o1",
};

const appCodeOf = (error: unknown) => (error instanceof AppError ? error.appCode : String(error));

describe("runIdempotent", () => {
  it("runs the work once and replays its answer to a retry without running it again", async () => {
    const user = await makeUser(t.db);
    const deps = { db: t.db, clock: manualClock(), logger };
    const req = { userId: user.id, key: "create-acme", fingerprint: fingerprint({ name: "Acme" }) };
    const { calls, work } = counted(created);
    expect(await runIdempotent(deps, req, work)).toEqual({ kind: "fresh", response: created });
    const replay = await runIdempotent(deps, req, work);
    expect(replay).toEqual({ kind: "replay", response: created });
    // The body comes back as it was written, key order included.
    expect(JSON.stringify(replay.response.body)).toBe(JSON.stringify(created.body));
    expect(calls.n).toBe(1);
  });

  it("refuses the same key with another body: IDEMPOTENCY_KEY_REUSED, and the work does not run", async () => {
    const user = await makeUser(t.db);
    const deps = { db: t.db, clock: manualClock(), logger };
    const { calls, work } = counted(created);
    await runIdempotent(
      deps,
      { userId: user.id, key: "k", fingerprint: fingerprint({ name: "Acme" }) },
      work,
    );
    const other = { userId: user.id, key: "k", fingerprint: fingerprint({ name: "Other" }) };
    const error = await runIdempotent(deps, other, work).catch((e: unknown) => e);
    expect(appCodeOf(error)).toBe("IDEMPOTENCY_KEY_REUSED");
    expect((error as AppError).code).toBe("UNPROCESSABLE_CONTENT");
    expect(calls.n).toBe(1);
  });

  it("of five concurrent calls with one key, one runs the work and the others get IDEMPOTENCY_IN_PROGRESS", async () => {
    const user = await makeUser(t.db);
    const deps = { db: t.db, clock: manualClock(), logger };
    const req = { userId: user.id, key: "race", fingerprint: fingerprint({ name: "Acme" }) };
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let workCalls = 0;
    let settled = 0;
    // The gate opens once every call has either started the work or answered; with one winner that is the
    // four losers answering while the winner's work is held open.
    const maybeOpen = () => workCalls + settled === 5 && open();
    const work = async () => {
      workCalls++;
      maybeOpen();
      await gate;
      return created;
    };
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        runIdempotent(deps, req, work).finally(() => {
          settled++;
          maybeOpen();
        }),
      ),
    );
    expect(workCalls).toBe(1);
    const fresh = results.filter((r) => r.status === "fulfilled");
    expect(fresh).toEqual([{ status: "fulfilled", value: { kind: "fresh", response: created } }]);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [appCodeOf(r.reason)] : []));
    expect(refused).toEqual(Array(4).fill("IDEMPOTENCY_IN_PROGRESS"));
    // After the winner answered, a retry is the replay.
    expect(await runIdempotent(deps, req, work)).toMatchObject({ kind: "replay" });
    expect(workCalls).toBe(1);
  });

  it("keeps keys per user: the same key from two users runs twice", async () => {
    const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
    const deps = { db: t.db, clock: manualClock(), logger };
    const { calls, work } = counted(created);
    const fp = fingerprint({ name: "Acme" });
    expect(await runIdempotent(deps, { userId: a.id, key: "same", fingerprint: fp }, work)).toMatchObject({
      kind: "fresh",
    });
    expect(await runIdempotent(deps, { userId: b.id, key: "same", fingerprint: fp }, work)).toMatchObject({
      kind: "fresh",
    });
    expect(calls.n).toBe(2);
  });

  it("stores and replays a 4xx answer, since the same request would fail the same way", async () => {
    const user = await makeUser(t.db);
    const deps = { db: t.db, clock: manualClock(), logger };
    const conflict = { status: 409, body: { error: { code: "SLUG_TAKEN", message: "taken" } } };
    const { calls, work } = counted(conflict);
    const req = { userId: user.id, key: "k409", fingerprint: fingerprint({ slug: "acme" }) };
    await runIdempotent(deps, req, work);
    expect(await runIdempotent(deps, req, work)).toEqual({
      kind: "replay",
      response: { ...conflict, location: null },
    });
    expect(calls.n).toBe(1);
  });

  it.each([500, 503, 429])("releases the key after a %i answer, so a retry runs the work", async (status) => {
    const user = await makeUser(t.db);
    const deps = { db: t.db, clock: manualClock(), logger };
    const req = { userId: user.id, key: `k${status}`, fingerprint: fingerprint({ name: "Acme" }) };
    const failing = counted({ status, body: { error: { code: "X", message: "later" } } });
    expect(await runIdempotent(deps, req, failing.work)).toMatchObject({
      kind: "fresh",
      response: { status },
    });
    expect(await idempotencyKeys.findIdempotencyKey(t.db, user.id, req.key)).toBeUndefined();
    const ok = counted(created);
    expect(await runIdempotent(deps, req, ok.work)).toEqual({ kind: "fresh", response: created });
    expect(ok.calls.n).toBe(1);
  });

  it("releases the key when the work throws, and rethrows", async () => {
    const user = await makeUser(t.db);
    const deps = { db: t.db, clock: manualClock(), logger };
    const req = { userId: user.id, key: "throws", fingerprint: fingerprint({ name: "Acme" }) };
    const boom = new Error("database went away");
    await expect(runIdempotent(deps, req, () => Promise.reject(boom))).rejects.toBe(boom);
    const ok = counted(created);
    expect(await runIdempotent(deps, req, ok.work)).toMatchObject({ kind: "fresh" });
    expect(ok.calls.n).toBe(1);
  });

  it("takes over a claim abandoned past its lease (a crashed request), not before", async () => {
    const user = await makeUser(t.db);
    const start = new Date();
    const clock = manualClock(start);
    const deps = { db: t.db, clock, logger };
    const req = { userId: user.id, key: "crashed", fingerprint: fingerprint({ name: "Acme" }) };
    // A request that claimed the key and then died: its claim is all that is left.
    await idempotencyKeys.claimIdempotencyKey(t.db, {
      ...req,
      claimToken: crypto.randomUUID(),
      now: start,
      leaseMs: IDEMPOTENCY_LEASE_MS,
    });
    const { calls, work } = counted(created);
    clock.set(new Date(+start + IDEMPOTENCY_LEASE_MS - 1));
    expect(appCodeOf(await runIdempotent(deps, req, work).catch((e: unknown) => e))).toBe(
      "IDEMPOTENCY_IN_PROGRESS",
    );
    clock.set(new Date(+start + IDEMPOTENCY_LEASE_MS));
    expect(await runIdempotent(deps, req, work)).toEqual({ kind: "fresh", response: created });
    expect(await runIdempotent(deps, req, work)).toMatchObject({ kind: "replay" });
    expect(calls.n).toBe(1);
  });
});
