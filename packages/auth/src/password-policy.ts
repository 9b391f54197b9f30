import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * NIST 800-63B (and ASVS 6.2): a length range and a blocklist of known passwords. No composition rules (they
 * make passwords harder to remember, not harder to guess) and no truncation: every character counts, up to
 * 256. Lengths are Unicode code points, so an emoji is one character, as the person typing it would count.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "TOO_SHORT" | "TOO_LONG" | "TOO_COMMON";

let common: ReadonlySet<string> | undefined;

/** About 49 000 passwords from real breaches (zxcvbn-ts's ranked list), lower-cased; built on first use. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

const fold = (s: string) => s.normalize("NFKC").toLowerCase();

export function checkPassword(
  password: string,
  context: { email?: string; name?: string } = {},
): PasswordProblem | null {
  // A string of more than 2 × max UTF-16 units has more than max code points: no need to walk a huge input.
  if (password.length > PASSWORD_MAX_LENGTH * 2) return "TOO_LONG";
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "TOO_SHORT";
  if (length > PASSWORD_MAX_LENGTH) return "TOO_LONG";

  const folded = fold(password);
  if (commonPasswords().has(folded)) return "TOO_COMMON";
  // Context-specific words (NIST): the account's own email, its local part, or the person's name.
  const { email, name } = context;
  const at = email?.lastIndexOf("@") ?? -1;
  const localPart = email && at > 0 ? email.slice(0, at) : undefined;
  const own = [email, localPart, name].filter((s): s is string => !!s);
  if (own.some((s) => fold(s) === folded)) return "TOO_COMMON";
  return null;
}
