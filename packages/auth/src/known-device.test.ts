import { randomUUID } from "node:crypto";
import { users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.ts";
import {
  deviceCookieName,
  forgetDevices,
  isKnownDevice,
  KNOWN_DEVICE_TTL_MS,
  KNOWN_DEVICES_PER_ACCOUNT,
  readDeviceCookie,
  rememberDevice,
  serializeDeviceCookie,
} from "./known-device.ts";
import { generateOneTimeToken } from "./tokens.ts";

const t = useTestDatabase();
const newUser = () => users.insertUser(t.db, { email: `device-${randomUUID()}@example.com`, name: "Device" });

describe("known devices", () => {
  it("become known by signing in, for that account only, until they expire", async () => {
    const clock = createManualClock(new Date("2030-01-01T00:00:00.000Z"));
    const [alice, bob] = [await newUser(), await newUser()];
    const { token, expiresAt } = await rememberDevice(t.db, {
      userId: alice.id,
      presented: null,
      known: false,
      clock,
    });
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(KNOWN_DEVICE_TTL_MS);
    expect(await isKnownDevice(t.db, { userId: alice.id, token, clock })).toBe(true);
    expect(await isKnownDevice(t.db, { userId: bob.id, token, clock })).toBe(false);
    clock.advance(KNOWN_DEVICE_TTL_MS);
    expect(await isKnownDevice(t.db, { userId: alice.id, token, clock })).toBe(false);
  });

  it("never adopt a presented token that is not already known for the account (a planted cookie)", async () => {
    const clock = createManualClock(new Date());
    const user = await newUser();
    const planted = generateOneTimeToken();
    const issued = await rememberDevice(t.db, { userId: user.id, presented: planted, known: false, clock });
    expect(issued.token).not.toBe(planted);
    expect(await isKnownDevice(t.db, { userId: user.id, token: planted, clock })).toBe(false);
    const kept = await rememberDevice(t.db, { userId: user.id, presented: issued.token, known: true, clock });
    expect(kept.token).toBe(issued.token);
    expect(await forgetDevices(t.db, user.id)).toBe(1);
    expect(await isKnownDevice(t.db, { userId: user.id, token: issued.token, clock })).toBe(false);
  });

  it("are capped per account, so a client that never sends its token back cannot grow the table", async () => {
    const clock = createManualClock(new Date());
    const user = await newUser();
    for (let i = 0; i < KNOWN_DEVICES_PER_ACCOUNT + 3; i++) {
      clock.advance(1000);
      await rememberDevice(t.db, { userId: user.id, presented: null, known: false, clock });
    }
    const rows = await t.db
      .selectFrom("known_devices")
      .select("token_hash")
      .where("user_id", "=", user.id)
      .execute();
    expect(rows).toHaveLength(KNOWN_DEVICES_PER_ACCOUNT);
  });

  it("travel in an HttpOnly cookie named like the session cookie", () => {
    const token = generateOneTimeToken();
    const host = { secure: true, hostPrefix: true };
    expect(deviceCookieName(host)).toBe("__Host-plinth_device");
    const cookie = serializeDeviceCookie(token, new Date(Date.now() + 60_000), host);
    expect(cookie).toMatch(/^__Host-plinth_device=[a-z2-7]{52}; HttpOnly; SameSite=Lax; Path=\/; .*Secure$/);
    expect(readDeviceCookie(`plinth_session=x; __Host-plinth_device=${token}`, host)).toBe(token);
    expect(readDeviceCookie(`plinth_device=${token}`, host)).toBeNull();
  });
});
