import { type Algorithm, hash, parseOptions, type Version, verify } from "@node-rs/argon2";

// The library declares these as ambient `const enum`s, which TypeScript cannot inline under
// `verbatimModuleSyntax`; the values are part of its stable API (argon2's own numbering).
const ARGON2ID: Algorithm = 2 satisfies Algorithm.Argon2id;
const VERSION_0X13: Version = 1 satisfies Version.V0x13;

/**
 * argon2id with OWASP's minimum parameters (Password Storage Cheat Sheet: m=19 MiB, t=2, p=1), pinned here rather
 * than left to the library's defaults, so an upgrade cannot change them silently. Raising them later is safe:
 * old hashes still verify (the PHC string carries its own parameters) and `passwordNeedsRehash` says when to
 * re-hash at the next successful sign-in.
 *
 * `@node-rs/argon2`'s `hash` and `verify` run on the libuv thread pool, so a sign-in does not block the event
 * loop for the 10-50 ms a hash takes. These functions are ungated: request paths use a `PasswordHasher`
 * (password-hasher.ts), which bounds how many run at once (ADR 023).
 */
export const ARGON2_PARAMS = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

const options = {
  ...ARGON2_PARAMS,
  algorithm: ARGON2ID,
  version: VERSION_0X13,
};

// NFKC, as NIST 800-63B suggests: "é" typed as one code point on one keyboard and as "e" + accent on another is
// the same password. Applied to hash and verify alike, so it is invisible to users.
const normalize = (password: string) => password.normalize("NFKC");

/** A PHC string: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, with a random 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), options);
}

/** False, never an exception, for a wrong password and for a stored value that is not an argon2 hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await verify(hash, normalize(password));
  } catch {
    return false;
  }
}

/** True when the hash was made with other parameters (or is unreadable): re-hash after a successful verify. */
export function passwordNeedsRehash(hash: string): boolean {
  try {
    const used = parseOptions(hash);
    return (
      used.algorithm !== ARGON2ID ||
      used.version !== VERSION_0X13 ||
      used.memoryCost !== ARGON2_PARAMS.memoryCost ||
      used.timeCost !== ARGON2_PARAMS.timeCost ||
      used.parallelism !== ARGON2_PARAMS.parallelism ||
      used.outputLen !== ARGON2_PARAMS.outputLen
    );
  } catch {
    return true;
  }
}

const phcBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");

/**
 * A PHC string with today's parameters, a random salt and a random 32-byte "hash": argon2 does the whole work of
 * a real verify against it, and no password can match bytes nobody derived from one. Built from random bytes
 * rather than by hashing, so no sign-in pays for an extra hash (the first unknown email used to, which timed
 * differently from every later one).
 */
export const DUMMY_PASSWORD_HASH =
  `$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}` +
  `$${phcBase64(crypto.getRandomValues(new Uint8Array(16)))}` +
  `$${phcBase64(crypto.getRandomValues(new Uint8Array(ARGON2_PARAMS.outputLen)))}`;

/**
 * For a sign-in with an unknown email: does the same work as a real `verifyPassword`, so the response time does
 * not tell an attacker which emails have accounts (ASVS 6.3.8). Always false.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  await verifyPassword(DUMMY_PASSWORD_HASH, password);
  return false;
}
