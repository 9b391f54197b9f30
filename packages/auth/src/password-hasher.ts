import { hashPassword, verifyDummyPassword, verifyPassword } from "./password.ts";
import { createPasswordGate, type PasswordGate, type PasswordGateOptions } from "./password-gate.ts";

/**
 * Password work as request paths do it: every argon2 operation, the dummy verify for unknown emails included,
 * through one gate (ADR 023). Known and unknown emails therefore queue, and are refused, alike: the gate cannot
 * tell which accounts exist. One hasher per process (Services.passwords); its `gate` is public for tests and stats.
 */
export interface PasswordHasher {
  readonly gate: PasswordGate;
  /** `hashPassword` in a slot; throws `PasswordQueueFullError` when refused. */
  hash(password: string): Promise<string>;
  /** `verifyPassword` in a slot: false for a wrong password; throws `PasswordQueueFullError` when refused. */
  verify(hash: string, password: string): Promise<boolean>;
  /** `verifyDummyPassword` in a slot, as a real verify would take one. */
  verifyDummy(password: string): Promise<false>;
}

export function createPasswordHasher(options: PasswordGateOptions = {}): PasswordHasher {
  const gate = createPasswordGate(options);
  return {
    gate,
    hash: (password) => gate.run(() => hashPassword(password)),
    verify: (hash, password) => gate.run(() => verifyPassword(hash, password)),
    verifyDummy: (password) => gate.run(() => verifyDummyPassword(password)),
  };
}
