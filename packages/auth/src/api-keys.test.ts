import { randomUUID } from "node:crypto";
import { type Executor, users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { describe, expect, it } from "vitest";
import {
  API_KEY_POLICY,
  createApiKey,
  generateApiKey,
  isApiKeyShape,
  isApiKeyToken,
  validateApiKey,
} from "./api-keys.ts";
import { createManualClock } from "./clock.ts";
import { hashToken } from "./tokens.ts";

const t = useTestDatabase();
const START = new Date("2030-01-01T00:00:00.000Z");
const newUser = () => users.insertUser(t.db, { email: `key-${randomUUID()}@example.com`, name: "Key" });
const stored = (id: string) =>
  t.db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const input = (userId: string, expiresAt: Date | null = null) =>
  ({ userId, name: "ci", scopes: ["read"], expiresAt }) as const;

/** An executor that fails the test if anything queries it. */
const noQueries = new Proxy({} as Executor, {
  get() {
    throw new Error("a query was made");
  },
});

/** Counts the statements sent through `db` (UPDATEs separately), to see when last_used_at is written. */
function counting(db: Executor) {
  const counts = { all: 0, updates: 0 };
  const wrapped = db.withPlugin({
    transformQuery: (args) => {
      counts.all++;
      if (args.node.kind === "UpdateQueryNode") counts.updates++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { db: wrapped, counts };
}

describe("api keys", () => {
  it("generates plinth_<public id>_<160-bit secret>, distinct every time", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.token).toMatch(/^plinth_[a-z2-7]{12}_[a-z2-7]{32}$/);
    expect(a.token.startsWith(`plinth_${a.publicId}_`)).toBe(true);
    expect(a.token).not.toBe(b.token);
    expect(a.publicId).not.toBe(b.publicId);
    expect(isApiKeyShape(a.token)).toBe(true);
  });

  it("recognizes the prefix, and refuses a malformed key without a query", async () => {
    const { token } = generateApiKey();
    expect(isApiKeyToken("plinth_whatever")).toBe(true);
    expect(isApiKeyToken("abcdefghijklmnopqrstuvwxyz234567")).toBe(false);
    const clock = createManualClock(START);
    for (const bad of ["plinth_", `${token}a`, token.toUpperCase(), token.replace("_", "-"), `x${token}`]) {
      expect(isApiKeyShape(bad), bad).toBe(false);
      expect(await validateApiKey(noQueries, bad, clock)).toBeNull();
    }
  });

  it("stores only the hash of the token, and validates the token to the key and its user", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const { token, key } = await createApiKey(t.db, input(user.id), clock);
    const row = await stored(key.id);
    expect(row.secret_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(-32));
    expect(token).toContain(row.public_id);
    const valid = await validateApiKey(t.db, token, clock);
    expect(valid?.key.id).toBe(key.id);
    expect(valid?.user.id).toBe(user.id);
    expect(await validateApiKey(t.db, generateApiKey().token, clock), "unknown").toBeNull();
  });

  it("refuses a revoked key, an expired key and a disabled user's key", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const revoked = await createApiKey(t.db, input(user.id), clock);
    await t.db.updateTable("api_keys").set({ revoked_at: START }).where("id", "=", revoked.key.id).execute();
    expect(await validateApiKey(t.db, revoked.token, clock)).toBeNull();

    const expiring = await createApiKey(t.db, input(user.id, new Date(START.getTime() + 1000)), clock);
    expect(await validateApiKey(t.db, expiring.token, clock)).not.toBeNull();
    clock.advance(1000);
    expect(await validateApiKey(t.db, expiring.token, clock), "at expires_at").toBeNull();

    const live = await createApiKey(t.db, input(user.id), clock);
    expect(await validateApiKey(t.db, live.token, clock)).not.toBeNull();
    await users.updateUser(t.db, user.id, { disabled_at: clock.now() });
    expect(await validateApiKey(t.db, live.token, clock)).toBeNull();
    // Refusal deletes nothing: the owner and the audit trail still see the key.
    expect((await stored(live.key.id)).id).toBe(live.key.id);
  });

  it("writes last_used_at on first use, then at most once per minute, however many calls", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const { token, key } = await createApiKey(t.db, input(user.id), clock);
    expect((await stored(key.id)).last_used_at).toBeNull();
    const { db, counts } = counting(t.db);

    expect((await validateApiKey(db, token, clock))?.key.last_used_at).toEqual(START);
    expect(counts.updates).toBe(1);
    for (let i = 0; i < 10; i++) {
      clock.advance(5_000); // 50 s in all: still inside the window
      await validateApiKey(db, token, clock);
    }
    expect(counts.updates, "no write inside the window").toBe(1);
    expect((await stored(key.id)).last_used_at).toEqual(START);

    clock.set(new Date(START.getTime() + API_KEY_POLICY.lastUsedResolutionMs));
    expect((await validateApiKey(db, token, clock))?.key.last_used_at).toEqual(clock.now());
    expect(counts.updates).toBe(2);
    expect((await stored(key.id)).last_used_at).toEqual(clock.now());
  });
});
