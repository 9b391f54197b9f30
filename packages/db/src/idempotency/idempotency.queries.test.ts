import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "../testing/index.ts";
import { useTestDatabase } from "../testing/test-database.ts";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyKey,
  pruneIdempotencyKeys,
  releaseIdempotencyKey,
} from "./idempotency.queries.ts";

const t = useTestDatabase();
const LEASE = 60_000;
const fp = (s: string) => s.padEnd(64, "0");

const claim = (userId: string, key: string, now: Date, fingerprint = fp("a")) =>
  claimIdempotencyKey(t.db, { userId, key, fingerprint, claimToken: randomUUID(), now, leaseMs: LEASE });

describe("idempotency keys", () => {
  it("claims a key once; a second claim reads the holder's row", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const first = await claim(user.id, "k1", now);
    expect(first.claimed).toBe(true);
    expect(first.row).toMatchObject({ state: "in_progress", locked_until: new Date(+now + LEASE) });
    const second = await claim(user.id, "k1", new Date(+now + 1000));
    expect(second).toMatchObject({ claimed: false, row: { claim_token: first.row?.claim_token } });
  });

  it("keeps keys per user", async () => {
    const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
    const now = new Date();
    expect((await claim(a.id, "shared", now)).claimed).toBe(true);
    expect((await claim(b.id, "shared", now)).claimed).toBe(true);
  });

  it("stores the answer only for the claim that holds the key", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const first = await claim(user.id, "k2", now);
    if (!first.claimed) throw new Error("not claimed");
    const ref = { userId: user.id, key: "k2", claimToken: first.row.claim_token };
    const answer = { status: 201, body: '{"data":{"id":1}}', location: "/x/1", now };
    expect(await completeIdempotencyKey(t.db, { ...ref, claimToken: randomUUID() }, answer)).toBe(false);
    expect(await completeIdempotencyKey(t.db, ref, answer)).toBe(true);
    expect(await findIdempotencyKey(t.db, user.id, "k2")).toMatchObject({
      state: "done",
      locked_until: null,
      response_status: 201,
      response_body: '{"data":{"id":1}}',
      response_location: "/x/1",
    });
    // Done is final: neither a second completion nor a release touches it.
    expect(await completeIdempotencyKey(t.db, ref, { ...answer, status: 500 })).toBe(false);
    expect(await releaseIdempotencyKey(t.db, ref)).toBe(false);
    // And a done row is never taken over, however old.
    expect((await claim(user.id, "k2", new Date(+now + 10 * LEASE))).claimed).toBe(false);
  });

  it("a released key can be claimed again at once", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const first = await claim(user.id, "k3", now);
    if (!first.claimed) throw new Error("not claimed");
    const ref = { userId: user.id, key: "k3", claimToken: first.row.claim_token };
    expect(await releaseIdempotencyKey(t.db, { ...ref, claimToken: randomUUID() })).toBe(false);
    expect(await releaseIdempotencyKey(t.db, ref)).toBe(true);
    expect(await findIdempotencyKey(t.db, user.id, "k3")).toBeUndefined();
    expect((await claim(user.id, "k3", now, fp("b"))).claimed).toBe(true);
  });

  it("an abandoned claim is taken over after its lease, with the same body only", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const first = await claim(user.id, "k4", now);
    if (!first.claimed) throw new Error("not claimed");
    expect((await claim(user.id, "k4", new Date(+now + LEASE - 1))).claimed).toBe(false);
    expect((await claim(user.id, "k4", new Date(+now + LEASE), fp("b"))).claimed).toBe(false);
    const later = new Date(+now + LEASE);
    const taken = await claim(user.id, "k4", later);
    expect(taken.claimed).toBe(true);
    expect(taken.row?.claim_token).not.toBe(first.row.claim_token);
    expect(taken.row).toMatchObject({ created_at: later, locked_until: new Date(+later + LEASE) });
    // The overtaken request can no longer store its answer or drop the new holder's claim.
    const stale = { userId: user.id, key: "k4", claimToken: first.row.claim_token };
    expect(await completeIdempotencyKey(t.db, stale, { status: 201, body: "{}", location: null, now })).toBe(
      false,
    );
    expect(await releaseIdempotencyKey(t.db, stale)).toBe(false);
    expect(await findIdempotencyKey(t.db, user.id, "k4")).toMatchObject({
      claim_token: taken.row?.claim_token,
    });
  });

  it("of 20 claims at once exactly one wins, and of 20 takeovers at once exactly one", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 20 }, () => claim(user.id, "race", now)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    const later = new Date(+now + LEASE);
    const takeovers = await Promise.all(Array.from({ length: 20 }, () => claim(user.id, "race", later)));
    const winners = takeovers.filter((c) => c.claimed);
    expect(winners).toHaveLength(1);
    expect(await findIdempotencyKey(t.db, user.id, "race")).toMatchObject({
      claim_token: winners[0]?.row?.claim_token,
    });
  });

  it("rows go with their user", async () => {
    const user = await makeUser(t.db);
    await claim(user.id, "k5", new Date());
    await t.db.deleteFrom("users").where("id", "=", user.id).execute();
    expect(await findIdempotencyKey(t.db, user.id, "k5")).toBeUndefined();
  });

  it("prunes rows older than the cutoff in batches and keeps younger ones", async () => {
    const user = await makeUser(t.db);
    const cutoff = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < 5; i++) await claim(user.id, `old-${i}`, new Date(+cutoff - 1000 * (i + 1)));
    await claim(user.id, "at-cutoff", cutoff);
    await claim(user.id, "fresh", new Date());
    expect(await pruneIdempotencyKeys(t.db, { olderThan: cutoff, limit: 3 })).toBe(3);
    // Oldest first: the two youngest of the old rows are what is left of them.
    expect(await findIdempotencyKey(t.db, user.id, "old-4")).toBeUndefined();
    expect(await findIdempotencyKey(t.db, user.id, "old-0")).toBeDefined();
    expect(await pruneIdempotencyKeys(t.db, { olderThan: cutoff, limit: 3 })).toBe(2);
    expect(await pruneIdempotencyKeys(t.db, { olderThan: cutoff, limit: 3 })).toBe(0);
    expect(await findIdempotencyKey(t.db, user.id, "at-cutoff")).toBeDefined();
    expect(await findIdempotencyKey(t.db, user.id, "fresh")).toBeDefined();
  });
});
