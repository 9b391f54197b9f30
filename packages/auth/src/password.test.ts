import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import {
  ARGON2_PARAMS,
  hashPassword,
  passwordNeedsRehash,
  verifyDummyPassword,
  verifyPassword,
} from "./password.ts";

describe("password hashing (argon2id)", () => {
  it("produces a PHC string with the pinned parameters and a random salt", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(ARGON2_PARAMS).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("tr0ub4dor&3 but longer");
    expect(await verifyPassword(stored, "tr0ub4dor&3 but longer")).toBe(true);
    expect(await verifyPassword(stored, "tr0ub4dor&3 but longer ")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("treats composed and decomposed Unicode as the same password (NFKC)", async () => {
    const stored = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword(stored, "cafe\u0301 au lait")).toBe(true);
  });

  it("returns false, without throwing, for a stored value that is not an argon2 hash", async () => {
    for (const junk of [
      "",
      "not a hash",
      "$argon2id$v=19$m=19456,t=2,p=1$",
      "$2b$10$abcdefghijklmnopqrstuv",
    ]) {
      expect(await verifyPassword(junk, "whatever")).toBe(false);
    }
  });

  it("asks for a rehash when the parameters differ, and only then", async () => {
    const current = await hashPassword("some password here");
    expect(passwordNeedsRehash(current)).toBe(false);
    const older = await hash("some password here", { memoryCost: 19456, timeCost: 3, parallelism: 1 });
    expect(older).toContain("t=3");
    expect(passwordNeedsRehash(older)).toBe(true);
    expect(await verifyPassword(older, "some password here")).toBe(true);
    const argon2i = await hash("x", { ...ARGON2_PARAMS, algorithm: 1 });
    expect(passwordNeedsRehash(argon2i)).toBe(true);
    expect(passwordNeedsRehash("garbage")).toBe(true);
  });

  it("verifyDummyPassword is always false, whatever it is given", async () => {
    expect(await verifyDummyPassword("password")).toBe(false);
    expect(await verifyDummyPassword("")).toBe(false);
    expect(await Promise.all([verifyDummyPassword("a"), verifyDummyPassword("b")])).toEqual([false, false]);
  });

  it("does not block the event loop while hashing", async () => {
    // Batches of four parallel hashes until the timer has fired a few times. If hashing ran on the main thread,
    // no timer could fire between or during batches (awaiting settled promises runs no timers): ticks would stay
    // 0 through all 20 batches. No timing threshold: a faster machine just needs more batches.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      for (let batch = 0; batch < 20 && ticks < 3; batch++) {
        await Promise.all([1, 2, 3, 4].map((i) => hashPassword(`event loop ${batch}.${i}`)));
      }
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});
