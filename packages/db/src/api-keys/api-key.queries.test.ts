import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isUniqueViolation } from "../errors.ts";
import { makeUser } from "../testing/index.ts";
import { useTestDatabase } from "../testing/test-database.ts";
import {
  countActiveApiKeys,
  findApiKeyWithUser,
  insertApiKey,
  listUserApiKeys,
  revokeUserApiKey,
  touchApiKey,
} from "./api-key.queries.ts";
import type { ApiKeyScope } from "./api-key.table.ts";

const t = useTestDatabase();
const minute = 60_000;
const hash = () => randomBytes(32).toString("hex");
const publicId = () => randomUUID().replaceAll("-", "").slice(0, 12);

async function key(
  userId: string,
  opts: { scopes?: ApiKeyScope[]; expiresAt?: Date | null; name?: string } = {},
) {
  return insertApiKey(t.db, {
    user_id: userId,
    public_id: publicId(),
    secret_hash: hash(),
    name: opts.name ?? "ci",
    scopes: opts.scopes ?? ["read"],
    expires_at: opts.expiresAt ?? null,
  });
}

describe("api keys", () => {
  it("finds a key and its user by the hash, and nothing for another hash", async () => {
    const user = await makeUser(t.db);
    const created = await key(user.id, { scopes: ["read", "write"] });
    const found = await findApiKeyWithUser(t.db, created.secret_hash);
    expect(found?.key).toEqual(created);
    expect(found?.key.scopes).toEqual(["read", "write"]);
    expect(found?.user.id).toBe(user.id);
    expect(await findApiKeyWithUser(t.db, hash())).toBeUndefined();
  });

  it("refuses scopes outside read/write, an empty or repeated list, and a duplicate hash or public id", async () => {
    const user = await makeUser(t.db);
    const bad: unknown[][] = [[], ["admin"], ["read", "read"], ["read", "write", "read"]];
    for (const scopes of bad) {
      await expect(
        key(user.id, { scopes: scopes as ApiKeyScope[] }),
        JSON.stringify(scopes),
      ).rejects.toThrow();
    }
    const first = await key(user.id);
    const dupHash = insertApiKey(t.db, {
      user_id: user.id,
      public_id: publicId(),
      secret_hash: first.secret_hash,
      name: "x",
      scopes: ["read"],
    });
    await expect(dupHash).rejects.toSatisfy((e) => isUniqueViolation(e, "api_keys_secret_hash_key"));
    const dupPublic = insertApiKey(t.db, {
      user_id: user.id,
      public_id: first.public_id,
      secret_hash: hash(),
      name: "x",
      scopes: ["read"],
    });
    await expect(dupPublic).rejects.toSatisfy((e) => isUniqueViolation(e, "api_keys_public_id_key"));
  });

  it("writes last_used_at only when the last write is older than the window", async () => {
    const user = await makeUser(t.db);
    const created = await key(user.id);
    const t0 = new Date("2030-01-01T00:00:00.000Z");
    expect(await touchApiKey(t.db, created.id, t0, new Date(+t0 - minute))).toBe(true);
    const t1 = new Date(+t0 + 30_000);
    expect(await touchApiKey(t.db, created.id, t1, new Date(+t1 - minute))).toBe(false);
    const t2 = new Date(+t0 + minute + 1);
    expect(await touchApiKey(t.db, created.id, t2, new Date(+t2 - minute))).toBe(true);
    expect((await findApiKeyWithUser(t.db, created.secret_hash))?.key.last_used_at).toEqual(t2);
  });

  it("lets exactly one of many concurrent touches write (the window is checked in the UPDATE)", async () => {
    const user = await makeUser(t.db);
    const created = await key(user.id);
    const now = new Date("2030-01-01T00:00:00.000Z");
    const wrote = await Promise.all(
      Array.from({ length: 10 }, () => touchApiKey(t.db, created.id, now, new Date(+now - minute))),
    );
    expect(wrote.filter(Boolean)).toHaveLength(1);
  });

  it("lists a user's live keys newest first, counts the active ones, and revokes only the owner's", async () => {
    const [alice, bob] = [await makeUser(t.db), await makeUser(t.db)];
    const now = new Date();
    const a1 = await key(alice.id, { name: "one" });
    const a2 = await key(alice.id, { name: "lapsed", expiresAt: new Date(+now - minute) });
    const a3 = await key(alice.id, { name: "three" });
    await key(bob.id);
    expect(await countActiveApiKeys(t.db, alice.id, now)).toBe(2);

    expect(await revokeUserApiKey(t.db, bob.id, a1.id, now)).toBeUndefined();
    const revoked = await revokeUserApiKey(t.db, alice.id, a1.id, now);
    expect(revoked?.revoked_at).toEqual(now);
    expect(await revokeUserApiKey(t.db, alice.id, a1.id, now), "twice").toBeUndefined();

    const listed = await listUserApiKeys(t.db, alice.id);
    expect(new Set(listed.map((k) => k.id))).toEqual(new Set([a2.id, a3.id]));
    expect(listed.map((k) => k.created_at.getTime())).toEqual(
      listed.map((k) => k.created_at.getTime()).sort((x, y) => y - x),
    );
    expect(await countActiveApiKeys(t.db, alice.id, now)).toBe(1);
    // The revoked row stays for the audit trail.
    expect((await findApiKeyWithUser(t.db, a1.secret_hash))?.key.revoked_at).toEqual(now);
  });

  it("goes with its user", async () => {
    const user = await makeUser(t.db);
    const created = await key(user.id);
    await t.db.deleteFrom("users").where("id", "=", user.id).execute();
    expect(await findApiKeyWithUser(t.db, created.secret_hash)).toBeUndefined();
  });
});
