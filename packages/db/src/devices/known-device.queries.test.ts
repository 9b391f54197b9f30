import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/index.ts";
import { insertUser } from "../users/user.queries.ts";
import { findKnownDevice, forgetKnownDevices, rememberKnownDevice } from "./known-device.queries.ts";

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
});
