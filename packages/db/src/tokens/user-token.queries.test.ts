import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/index.ts";
import { insertUser } from "../users/user.queries.ts";
import {
  consumeUserToken,
  deleteAllUnconsumedTokens,
  deleteUnconsumedTokens,
  findUsableToken,
  insertUserToken,
} from "./user-token.queries.ts";

const t = useTestDatabase();
const hour = 3_600_000;

async function tokenFor(
  purpose: "email_verification" | "password_reset" = "password_reset",
  expiresIn = hour,
) {
  const user = await insertUser(t.db, { email: `tok-${randomUUID()}@example.com`, name: "Tok" });
  const tokenHash = randomBytes(32).toString("hex");
  await insertUserToken(t.db, {
    user_id: user.id,
    purpose,
    token_hash: tokenHash,
    email: user.email,
    expires_at: new Date(Date.now() + expiresIn),
  });
  return { user, tokenHash };
}

describe("user tokens", () => {
  it("consumes a token once, then never again", async () => {
    const { user, tokenHash } = await tokenFor();
    const first = await consumeUserToken(t.db, { tokenHash, purpose: "password_reset", now: new Date() });
    expect(first?.user_id).toBe(user.id);
    expect(first?.consumed_at).toBeInstanceOf(Date);
    expect(
      await consumeUserToken(t.db, { tokenHash, purpose: "password_reset", now: new Date() }),
    ).toBeUndefined();
  });

  it("refuses an expired token and a token of another purpose", async () => {
    const expired = await tokenFor("password_reset", -1);
    expect(
      await consumeUserToken(t.db, {
        tokenHash: expired.tokenHash,
        purpose: "password_reset",
        now: new Date(),
      }),
    ).toBeUndefined();
    const other = await tokenFor("email_verification");
    expect(
      await consumeUserToken(t.db, {
        tokenHash: other.tokenHash,
        purpose: "password_reset",
        now: new Date(),
      }),
    ).toBeUndefined();
    expect(
      await consumeUserToken(t.db, {
        tokenHash: other.tokenHash,
        purpose: "email_verification",
        now: new Date(),
      }),
    ).toBeDefined();
  });

  it("lets exactly one of many parallel uses win", async () => {
    const { tokenHash } = await tokenFor();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        consumeUserToken(t.db, { tokenHash, purpose: "password_reset", now: new Date() }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("deletes only unconsumed tokens of the purpose when superseded", async () => {
    const { user, tokenHash } = await tokenFor();
    await consumeUserToken(t.db, { tokenHash, purpose: "password_reset", now: new Date() });
    await insertUserToken(t.db, {
      user_id: user.id,
      purpose: "password_reset",
      token_hash: randomBytes(32).toString("hex"),
      expires_at: new Date(Date.now() + hour),
    });
    await insertUserToken(t.db, {
      user_id: user.id,
      purpose: "email_verification",
      token_hash: randomBytes(32).toString("hex"),
      expires_at: new Date(Date.now() + hour),
    });
    expect(await deleteUnconsumedTokens(t.db, user.id, "password_reset")).toBe(1);
    const left = await t.db
      .selectFrom("user_tokens")
      .select("purpose")
      .where("user_id", "=", user.id)
      .orderBy("purpose")
      .execute();
    expect(left.map((r) => r.purpose)).toEqual(["email_verification", "password_reset"]);
  });

  it("voids every unconsumed token of one user, all purposes, and nobody else's", async () => {
    const { user, tokenHash } = await tokenFor("password_reset");
    const used = randomBytes(32).toString("hex");
    for (const [purpose, hash] of [
      ["email_verification", randomBytes(32).toString("hex")],
      ["email_change", used],
    ] as const) {
      await insertUserToken(t.db, {
        user_id: user.id,
        purpose,
        token_hash: hash,
        expires_at: new Date(Date.now() + hour),
      });
    }
    await consumeUserToken(t.db, { tokenHash: used, purpose: "email_change", now: new Date() });
    const bystander = await tokenFor("password_reset");
    expect(await deleteAllUnconsumedTokens(t.db, user.id)).toBe(2);
    expect(
      await consumeUserToken(t.db, { tokenHash, purpose: "password_reset", now: new Date() }),
    ).toBeUndefined();
    const left = await t.db
      .selectFrom("user_tokens")
      .select("purpose")
      .where("user_id", "=", user.id)
      .execute();
    expect(left.map((r) => r.purpose)).toEqual(["email_change"]);
    expect(
      await consumeUserToken(t.db, {
        tokenHash: bystander.tokenHash,
        purpose: "password_reset",
        now: new Date(),
      }),
    ).toBeDefined();
  });

  it("finds a usable token without using it up", async () => {
    const { user, tokenHash } = await tokenFor("password_reset");
    const now = new Date();
    expect(await findUsableToken(t.db, { tokenHash, purpose: "password_reset", now })).toEqual({
      user_id: user.id,
      email: user.email,
    });
    expect(await findUsableToken(t.db, { tokenHash, purpose: "email_change", now })).toBeUndefined();
    expect(
      await findUsableToken(t.db, {
        tokenHash,
        purpose: "password_reset",
        now: new Date(Date.now() + 2 * hour),
      }),
    ).toBeUndefined();
    expect(await consumeUserToken(t.db, { tokenHash, purpose: "password_reset", now })).toBeDefined();
    expect(await findUsableToken(t.db, { tokenHash, purpose: "password_reset", now })).toBeUndefined();
  });
});
