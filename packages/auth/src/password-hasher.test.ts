import { parseOptions, verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { DUMMY_PASSWORD_HASH, passwordNeedsRehash } from "./password.ts";
import { PasswordQueueFullError } from "./password-gate.ts";
import { createPasswordHasher } from "./password-hasher.ts";

describe("the password hasher", () => {
  it("hashes and verifies through its gate", async () => {
    const hasher = createPasswordHasher({ concurrency: 1, queueMax: 4 });
    const stored = await hasher.hash("correct horse battery staple");
    expect(await hasher.verify(stored, "correct horse battery staple")).toBe(true);
    expect(await hasher.verify(stored, "wrong horse battery staple")).toBe(false);
    expect(await hasher.verifyDummy("correct horse battery staple")).toBe(false);
    expect(hasher.gate.stats()).toMatchObject({ running: 0, queued: 0, refused: 0 });
  });

  it("puts the dummy verify through the same gate as a real one, so both queue and are refused alike", async () => {
    const hasher = createPasswordHasher({ concurrency: 1, queueMax: 0 });
    const stored = await hasher.hash("some password here");
    let release!: () => void;
    const held = hasher.gate.run(() => new Promise<void>((resolve) => (release = resolve)));

    const outcomes = await Promise.allSettled([
      hasher.verify(stored, "some password here"),
      hasher.verifyDummy("some password here"),
      hasher.hash("another password"),
    ]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe("rejected");
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(PasswordQueueFullError);
    }
    expect(hasher.gate.stats().refused).toBe(3);

    release();
    await held;
    expect(await hasher.verifyDummy("some password here")).toBe(false);
    expect(await hasher.verify(stored, "some password here")).toBe(true);
  });

  it("makes the dummy verify do a real argon2 verify with today's parameters", async () => {
    // Were the dummy malformed, argon2 would reject it at once and the unknown-email path would be fast.
    await expect(verify(DUMMY_PASSWORD_HASH, "anything")).resolves.toBe(false);
    expect(passwordNeedsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
    expect(parseOptions(DUMMY_PASSWORD_HASH)).toMatchObject({
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
  });
});
