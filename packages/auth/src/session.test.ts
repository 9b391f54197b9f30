import { randomUUID } from "node:crypto";
import type { Executor } from "@plinth/db";
import { users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.ts";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_POLICY,
  validateSessionToken,
} from "./session.ts";
import { generateSessionToken, hashToken } from "./tokens.ts";

const t = useTestDatabase();
const DAY = 24 * 60 * 60 * 1000;
const START = new Date("2030-01-01T00:00:00.000Z");
const meta = { userAgent: "vitest", ip: "203.0.113.7" };

const newUser = () =>
  users.insertUser(t.db, { email: `session-${randomUUID()}@example.com`, name: "Session" });
const stored = (id: string) =>
  t.db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();

/** An executor that fails the test if anything queries it. */
const noQueries = new Proxy({} as Executor, {
  get() {
    throw new Error("a query was made");
  },
});

describe("sessions", () => {
  it("creates a session stored under the token's hash, and validates it", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const { token, session } = await createSession(t.db, user.id, meta, clock);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(hashToken(token));
    expect(session.expires_at).toEqual(new Date(START.getTime() + 30 * DAY));
    expect(session.absolute_expires_at).toEqual(new Date(START.getTime() + 90 * DAY));
    expect(session.created_at).toEqual(START);
    expect(session).toMatchObject({ user_id: user.id, user_agent: "vitest", ip: "203.0.113.7" });
    const tokenRows = await t.db.selectFrom("sessions").select("id").where("id", "=", token).execute();
    expect(tokenRows).toEqual([]);

    const result = await validateSessionToken(t.db, token, clock);
    expect(result?.user.id).toBe(user.id);
    expect(result?.session.id).toBe(session.id);
    expect(result?.refreshed).toBe(false);
  });

  it("returns null for an unknown token, and for a malformed one without a query", async () => {
    const clock = createManualClock(START);
    expect(await validateSessionToken(t.db, generateSessionToken(), clock)).toBeNull();
    const { token } = await createSession(t.db, (await newUser()).id, meta, clock);
    for (const bad of [
      "",
      "x",
      token.toUpperCase(),
      `${token}a`,
      token.slice(1),
      `${token.slice(1)}0`,
      hashToken(token),
    ]) {
      expect(await validateSessionToken(noQueries, bad, clock)).toBeNull();
    }
  });

  it("slides the expiry only once fewer than 15 days remain", async () => {
    const clock = createManualClock(START);
    const { token, session } = await createSession(t.db, (await newUser()).id, meta, clock);

    clock.advance(14 * DAY); // 16 days left
    const early = await validateSessionToken(t.db, token, clock);
    expect(early?.refreshed).toBe(false);
    expect(early?.session.expires_at).toEqual(session.expires_at);
    expect((await stored(session.id))?.expires_at).toEqual(session.expires_at);

    clock.advance(1 * DAY + 1); // just under 15 days left
    const late = await validateSessionToken(t.db, token, clock);
    expect(late?.refreshed).toBe(true);
    const expected = new Date(clock.now().getTime() + SESSION_POLICY.slidingMs);
    expect(late?.session.expires_at).toEqual(expected);
    expect((await stored(session.id))?.expires_at).toEqual(expected);

    const again = await validateSessionToken(t.db, token, clock);
    expect(again?.refreshed).toBe(false);
  });

  it("never slides past the absolute cap, then ends the session there", async () => {
    const clock = createManualClock(START);
    const { token, session } = await createSession(t.db, (await newUser()).id, meta, clock);
    const cap = session.absolute_expires_at.getTime();

    let refreshes = 0;
    for (let day = 10; day < 90; day += 10) {
      clock.set(new Date(START.getTime() + day * DAY));
      const result = await validateSessionToken(t.db, token, clock);
      expect(result, `day ${day}`).not.toBeNull();
      expect(result?.session.expires_at.getTime()).toBeLessThanOrEqual(cap);
      expect(result?.session.absolute_expires_at.getTime()).toBe(cap);
      if (result?.refreshed) refreshes++;
    }
    expect(refreshes).toBeGreaterThan(0);
    // By day 80 the expiry has reached the cap: nothing left to move, so no refresh is reported.
    expect((await stored(session.id))?.expires_at.getTime()).toBe(cap);

    clock.set(new Date(cap));
    expect(await validateSessionToken(t.db, token, clock)).toBeNull();
    expect(await stored(session.id)).toBeUndefined();
  });

  it("refuses an expired session and deletes it", async () => {
    const clock = createManualClock(START);
    const { token, session } = await createSession(t.db, (await newUser()).id, meta, clock);
    clock.advance(30 * DAY);
    expect(await validateSessionToken(t.db, token, clock)).toBeNull();
    expect(await stored(session.id)).toBeUndefined();
  });

  it("refuses the session of a disabled user and deletes it", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const { token, session } = await createSession(t.db, user.id, meta, clock);
    await users.updateUser(t.db, user.id, { disabled_at: clock.now() });
    expect(await validateSessionToken(t.db, token, clock)).toBeNull();
    expect(await stored(session.id)).toBeUndefined();
  });

  it("writes last_seen_at at most once per resolution interval", async () => {
    const clock = createManualClock(START);
    const { token, session } = await createSession(t.db, (await newUser()).id, meta, clock);
    clock.advance(SESSION_POLICY.lastSeenResolutionMs - 1);
    await validateSessionToken(t.db, token, clock);
    expect((await stored(session.id))?.last_seen_at).toEqual(START);

    clock.advance(1);
    const result = await validateSessionToken(t.db, token, clock);
    expect(result?.session.last_seen_at).toEqual(clock.now());
    expect((await stored(session.id))?.last_seen_at).toEqual(clock.now());
    expect(result?.refreshed).toBe(false);
  });

  it("truncates user agent and ip to fit, without splitting a character", async () => {
    const clock = createManualClock(START);
    const userAgent = `${"a".repeat(511)}\u{1F600}${"b".repeat(1000)}`;
    const { session } = await createSession(
      t.db,
      (await newUser()).id,
      { userAgent, ip: "9".repeat(100) },
      clock,
    );
    expect([...(session.user_agent ?? "")]).toHaveLength(512);
    expect(session.user_agent?.endsWith("\u{1F600}")).toBe(true);
    expect(session.ip).toBe("9".repeat(64));
    const none = await createSession(t.db, (await newUser()).id, { userAgent: null, ip: null }, clock);
    expect(none.session).toMatchObject({ user_agent: null, ip: null });
  });

  it("signs out one session", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const a = await createSession(t.db, user.id, meta, clock);
    const b = await createSession(t.db, user.id, meta, clock);
    await invalidateSession(t.db, a.session.id);
    expect(await validateSessionToken(t.db, a.token, clock)).toBeNull();
    expect(await validateSessionToken(t.db, b.token, clock)).not.toBeNull();
  });

  it("signs out every other session and keeps the current one", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const other = await newUser();
    const [current, second, third] = await Promise.all(
      [1, 2, 3].map(() => createSession(t.db, user.id, meta, clock)),
    );
    const bystander = await createSession(t.db, other.id, meta, clock);
    if (!current || !second || !third) throw new Error("sessions not created");

    expect(await invalidateUserSessions(t.db, user.id, { except: current.session.id })).toBe(2);
    expect(await validateSessionToken(t.db, current.token, clock)).not.toBeNull();
    expect(await validateSessionToken(t.db, second.token, clock)).toBeNull();
    expect(await validateSessionToken(t.db, third.token, clock)).toBeNull();
    expect(await validateSessionToken(t.db, bystander.token, clock)).not.toBeNull();

    expect(await invalidateUserSessions(t.db, user.id)).toBe(1);
    expect(await validateSessionToken(t.db, current.token, clock)).toBeNull();
  });

  it("works inside a caller's transaction", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const token = await t.db.transaction().execute(async (trx) => {
      const created = await createSession(trx, user.id, meta, clock);
      expect(await validateSessionToken(trx, created.token, clock)).not.toBeNull();
      return created.token;
    });
    expect((await validateSessionToken(t.db, token, clock))?.user.id).toBe(user.id);
  });
});
