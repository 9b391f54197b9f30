import { randomUUID } from "node:crypto";
import type { Executor } from "@plinth/db";
import { users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.ts";
import { consumeOneTimeToken, issueOneTimeToken, TOKEN_TTL_MS } from "./one-time-tokens.ts";
import { generateOneTimeToken, hashToken } from "./tokens.ts";

const t = useTestDatabase();
const HOUR = 60 * 60 * 1000;
const START = new Date("2030-01-01T00:00:00.000Z");

const newUser = () => users.insertUser(t.db, { email: `token-${randomUUID()}@example.com`, name: "Token" });

const noQueries = new Proxy({} as Executor, {
  get() {
    throw new Error("a query was made");
  },
});

describe("one-time tokens", () => {
  it("live 24 h for email verification and change, 1 h for a password reset", () => {
    expect(TOKEN_TTL_MS).toEqual({
      email_verification: 24 * HOUR,
      password_reset: HOUR,
      email_change: 24 * HOUR,
    });
  });

  it("are stored only as their hash and consumed once", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const token = await issueOneTimeToken(t.db, {
      userId: user.id,
      purpose: "email_change",
      email: "new-address@example.com",
      clock,
    });
    expect(token).toMatch(/^[a-z2-7]{52}$/);
    const rows = await t.db.selectFrom("user_tokens").selectAll().where("user_id", "=", user.id).execute();
    expect(rows.map((r) => r.token_hash)).toEqual([hashToken(token)]);
    expect(rows[0]?.expires_at).toEqual(new Date(START.getTime() + 24 * HOUR));

    const used = await consumeOneTimeToken(t.db, { token, purpose: "email_change", clock });
    expect(used).toEqual({ userId: user.id, email: "new-address@example.com" });
    expect(await consumeOneTimeToken(t.db, { token, purpose: "email_change", clock })).toBeNull();
  });

  it("expire at their TTL", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const token = await issueOneTimeToken(t.db, { userId: user.id, purpose: "password_reset", clock });
    clock.advance(HOUR);
    expect(await consumeOneTimeToken(t.db, { token, purpose: "password_reset", clock })).toBeNull();

    const fresh = await issueOneTimeToken(t.db, { userId: user.id, purpose: "password_reset", clock });
    clock.advance(HOUR - 1);
    expect(await consumeOneTimeToken(t.db, { token: fresh, purpose: "password_reset", clock })).toEqual({
      userId: user.id,
      email: null,
    });
  });

  it("do not work for another purpose", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const token = await issueOneTimeToken(t.db, { userId: user.id, purpose: "email_verification", clock });
    expect(await consumeOneTimeToken(t.db, { token, purpose: "password_reset", clock })).toBeNull();
    expect(await consumeOneTimeToken(t.db, { token, purpose: "email_verification", clock })).not.toBeNull();
  });

  it("are superseded by a newer token of the same purpose, and only that purpose", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const verify = await issueOneTimeToken(t.db, { userId: user.id, purpose: "email_verification", clock });
    const first = await issueOneTimeToken(t.db, { userId: user.id, purpose: "password_reset", clock });
    const second = await issueOneTimeToken(t.db, { userId: user.id, purpose: "password_reset", clock });
    expect(await consumeOneTimeToken(t.db, { token: first, purpose: "password_reset", clock })).toBeNull();
    expect(
      await consumeOneTimeToken(t.db, { token: second, purpose: "password_reset", clock }),
    ).not.toBeNull();
    expect(
      await consumeOneTimeToken(t.db, { token: verify, purpose: "email_verification", clock }),
    ).not.toBeNull();
  });

  it("refuse unknown and malformed tokens, the latter without a query", async () => {
    const clock = createManualClock(START);
    expect(
      await consumeOneTimeToken(t.db, { token: generateOneTimeToken(), purpose: "password_reset", clock }),
    ).toBeNull();
    const token = generateOneTimeToken();
    for (const bad of ["", "abc", token.toUpperCase(), token.slice(1), `${token}a`, hashToken(token)]) {
      expect(
        await consumeOneTimeToken(noQueries, { token: bad, purpose: "password_reset", clock }),
      ).toBeNull();
    }
  });

  it("can be used by exactly one of 25 parallel attempts", async () => {
    const clock = createManualClock(START);
    const user = await newUser();
    const token = await issueOneTimeToken(t.db, { userId: user.id, purpose: "password_reset", clock });
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        consumeOneTimeToken(t.db, { token, purpose: "password_reset", clock }),
      ),
    );
    expect(results.filter((r) => r !== null)).toEqual([{ userId: user.id, email: null }]);
  });
});
