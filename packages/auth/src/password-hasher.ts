import { hashPassword, verifyDummyPassword, verifyPassword } from "./password.ts";
import { createPasswordGate, type PasswordGate, type PasswordGateOptions } from "./password-gate.ts";

/**
 * Password work as request paths do it: every argon2 operation, the dummy verify for unknown emails included,
 * through one gate (ADR 023). Known and unknown emails therefore queue, and are refused, alike: the gate cannot
 * tell which accounts exist. One hasher per process (Services.passwords); its `gate` is public for tests and stats.
 */
export interface PasswordHasher {
  readonly gate: PasswordGate;
  /**
   * `hashPassword` in a slot; throws `PasswordQueueFullError` when refused, `PasswordWaitAbandonedError` when
   * `signal` (the caller's request) aborts while it waits.
   */
  hash(password: string, signal?: AbortSignal): Promise<string>;
  /** `verifyPassword` in a slot: false for a wrong password; throws as `hash` does. */
  verify(hash: string, password: string, signal?: AbortSignal): Promise<boolean>;
  /** `verifyDummyPassword` in a slot, as a real verify would take one. */
  verifyDummy(password: string, signal?: AbortSignal): Promise<false>;
}

export function createPasswordHasher(options: PasswordGateOptions = {}): PasswordHasher {
  const gate = createPasswordGate(options);
  return {
    gate,
    hash: (password, signal) => gate.run(() => hashPassword(password), signal),
    verify: (hash, password, signal) => gate.run(() => verifyPassword(hash, password), signal),
    verifyDummy: (password, signal) => gate.run(() => verifyDummyPassword(password), signal),
  };
}
