import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/index.ts";
import { insertUser } from "../users/user.queries.ts";
import {
  findKnownDevice,
  forgetKnownDevices,
  pruneKnownDevices,
  rememberKnownDevice,
} from "./known-device.queries.ts";

const t = useTestDatabase();
const day = 86_400_000;
const newUser = () => insertUser(t.db, { email: `dev-${randomUUID()}@example.com`, name: "Dev" });

describe("known devices", () => {
  it("knows a device only for the account it signed in to, until it expires", async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const tokenHash = randomBytes(32).toString("hex");
    const now = new Date();
    await rememberKnownDevice(t.db, { userId: alice.id, tokenHash, now, expiresAt: new Date(+now + day) });
    expect(await findKnownDevice(t.db, { userId: alice.id, tokenHash, now })).toMatchObject({
      user_id: alice.id,
      token_hash: tokenHash,
    });
    expect(await findKnownDevice(t.db, { userId: bob.id, tokenHash, now })).toBeUndefined();
    expect(
      await findKnownDevice(t.db, { userId: alice.id, tokenHash, now: new Date(+now + 2 * day) }),
    ).toBeUndefined();
  });

  it("extends a remembered device on the next sign-in, and forgets all of an account's devices", async () => {
    const user = await newUser();
    const tokenHash = randomBytes(32).toString("hex");
    const now = new Date();
    await rememberKnownDevice(t.db, { userId: user.id, tokenHash, now, expiresAt: new Date(+now + day) });
    const later = new Date(+now + day / 2);
    await rememberKnownDevice(t.db, {
      userId: user.id,
      tokenHash,
      now: later,
      expiresAt: new Date(+later + day),
    });
    const found = await findKnownDevice(t.db, { userId: user.id, tokenHash, now: new Date(+now + day + 1) });
    expect(found?.last_used_at).toEqual(later);
    expect(await forgetKnownDevices(t.db, user.id)).toBe(1);
    expect(await findKnownDevice(t.db, { userId: user.id, tokenHash, now })).toBeUndefined();
  });

  it("prunes an account's expired devices and all but the most recently used", async () => {
    const [user, other] = [await newUser(), await newUser()];
    const start = Date.now();
    const hashes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const tokenHash = randomBytes(32).toString("hex");
      hashes.push(tokenHash);
      const now = new Date(start + i * 1000);
      await rememberKnownDevice(t.db, { userId: user.id, tokenHash, now, expiresAt: new Date(+now + day) });
    }
    const stale = randomBytes(32).toString("hex");
    await rememberKnownDevice(t.db, {
      userId: user.id,
      tokenHash: stale,
      now: new Date(start + 9000),
      expiresAt: new Date(start + 9001),
    });
    await rememberKnownDevice(t.db, {
      userId: other.id,
      tokenHash: stale,
      now: new Date(start),
      expiresAt: new Date(start + 1),
    });
    expect(await pruneKnownDevices(t.db, { userId: user.id, now: new Date(start + 10_000), keep: 2 })).toBe(
      3,
    );
    const left = await t.db
      .selectFrom("known_devices")
      .select(["user_id", "token_hash"])
      .where("user_id", "in", [user.id, other.id])
      .execute();
    expect(
      left
        .filter((r) => r.user_id === user.id)
        .map((r) => r.token_hash)
        .sort(),
    ).toEqual(hashes.slice(2).sort());
    expect(left.filter((r) => r.user_id === other.id)).toHaveLength(1);
  });
});
