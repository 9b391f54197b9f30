import {
  createSession,
  deviceKey,
  invalidateSession,
  isKnownDevice,
  PasswordQueueFullError,
  passwordNeedsRehash,
  rememberDevice,
} from "@plinth/auth";
import { type Executor, isUniqueViolation, type User, users } from "@plinth/db";
import { recordAudit } from "../../core/audit.ts";
import { verificationEmail } from "../../core/email/messages.ts";
import { AppError } from "../../core/errors.ts";
import { accountKey, enforceRateLimit, refundIfRefused, type SpentPoints } from "../../core/rate-limit.ts";
import { assertAcceptablePassword } from "./identity.policy.ts";
import { type Me, toMe } from "./identity.schemas.ts";
import {
  type AccountHolder,
  emailTaken,
  type IdentityDeps,
  mailOneTimeToken,
  type Requester,
} from "./identity.service.ts";

/**
 * A successful sign-in: a brand-new session (a planted token gains nothing) and the known-device marker. The
 * caller delivers both the way the client asked (cookies or the response body); nothing here knows which.
 */
export interface SignedIn {
  user: Me;
  session: { token: string; expiresAt: Date };
  device: { token: string; expiresAt: Date };
}

const invalidCredentials = () => new AppError("INVALID_CREDENTIALS", "Email or password is incorrect");

async function startSession(deps: IdentityDeps, requester: Requester, db: Executor, user: User) {
  const meta = { userAgent: requester.client.userAgent, ip: requester.client.ip };
  const { token, session } = await createSession(db, user.id, meta, deps.services.clock);
  return { token, expiresAt: session.expires_at };
}

/** `signal` is the caller's request: a caller that leaves while queued for argon2 frees its place (ADR 035). */
export async function signup(
  deps: IdentityDeps,
  requester: Requester,
  input: { email: string; password: string; name: string },
  signal?: AbortSignal,
): Promise<SignedIn> {
  const spent: SpentPoints = [
    ["signup_ip", requester.client.ip ?? "unknown"],
    ["signup_account", accountKey(input.email)],
  ];
  for (const [rule, key] of spent) await enforceRateLimit(deps, rule, key);
  assertAcceptablePassword(input.password, { email: input.email, name: input.name });
  // Cheap early answer for the common case; the unique index below settles races.
  if (await users.findUserByEmail(deps.db, input.email)) throw emailTaken();
  const passwordHash = await refundIfRefused(deps, spent, () =>
    deps.services.passwords.hash(input.password, signal),
  );
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const user = await users.insertUser(trx, {
        email: input.email,
        name: input.name,
        password_hash: passwordHash,
      });
      await mailOneTimeToken(deps, trx, {
        userId: user.id,
        purpose: "email_verification",
        email: user.email,
        compose: (token) => verificationEmail(user.email, user.name, token, deps.services.appUrl),
      });
      await recordAudit({ ...requester, user }, trx, "signup", { subjectUserId: user.id });
      const session = await startSession(deps, requester, trx, user);
      const device = await rememberDevice(trx, {
        userId: user.id,
        presented: null,
        known: false,
        clock: deps.services.clock,
      });
      return { user: toMe(user), session, device };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
    throw error;
  }
}

export async function login(
  deps: IdentityDeps,
  requester: Requester,
  input: { email: string; password: string; deviceToken: string | null },
  signal?: AbortSignal,
): Promise<SignedIn> {
  // Every limit before argon2: a flood is refused without burning CPU (ADR 008).
  const attempt = await spendSignInAttempt(deps, requester, input);
  const user = attempt.user;
  // Unknown email or no password: the same argon2 work against a dummy hash, in the same queue, so neither
  // timing nor a 503 from a full queue tells. A refused attempt checked no password and costs nothing (ADR 023).
  const { passwords } = deps.services;
  const valid = await refundIfRefused(deps, attempt.spent, () =>
    user?.password_hash
      ? passwords.verify(user.password_hash, input.password, signal)
      : passwords.verifyDummy(input.password, signal),
  );
  if (!user || !valid) {
    await recordAudit(requester, deps.db, "login_failed", {
      subjectUserId: user?.id ?? null,
      actorUserId: null,
      details: { reason: "credentials" },
    });
    throw invalidCredentials();
  }
  if (user.disabled_at) {
    await recordAudit(requester, deps.db, "login_failed", {
      subjectUserId: user.id,
      actorUserId: null,
      details: { reason: "disabled" },
    });
    throw new AppError("ACCOUNT_DISABLED", "This account is disabled");
  }
  if (user.password_hash && passwordNeedsRehash(user.password_hash)) await rehash(deps, user, input.password);
  const session = await startSession(deps, requester, deps.db, user);
  await attempt.succeeded();
  const device = await rememberDevice(deps.db, {
    userId: user.id,
    presented: input.deviceToken,
    known: attempt.knownDevice,
    clock: deps.services.clock,
  });
  await recordAudit({ ...requester, user }, deps.db, "login_succeeded", {
    subjectUserId: user.id,
    details: { knownDevice: attempt.knownDevice },
  });
  return { user: toMe(user), session, device };
}

/**
 * Stores the password with today's parameters after a successful verify. Optional work: when the password queue
 * is full the sign-in goes on without it, and the next one re-hashes.
 */
async function rehash(deps: IdentityDeps, user: User, password: string): Promise<void> {
  try {
    await users.updateUser(deps.db, user.id, { password_hash: await deps.services.passwords.hash(password) });
  } catch (error) {
    if (!(error instanceof PasswordQueueFullError)) throw error;
  }
}

/** Ends the requester's session on the server; clearing its cookie is the transport's business. */
export async function logout(deps: IdentityDeps, holder: AccountHolder): Promise<void> {
  await invalidateSession(deps.db, holder.session.id);
  await recordAudit(holder, deps.db, "logout", { subjectUserId: holder.user.id });
}

/** What a sign-in attempt spent, so a success can give it back (ADR 008). */
interface SignInBudget {
  user: User | undefined;
  knownDevice: boolean;
  /** Every point spent, to give back when the password queue refuses the attempt before it checked anything. */
  spent: SpentPoints;
  /** The password was right: failures are what the rules count, so this attempt's points are returned. */
  succeeded(): Promise<void>;
}

/**
 * Spends a sign-in attempt before any argon2 work, or throws TOO_MANY_REQUESTS (ADR 008). Points are spent up
 * front and returned on success, so the rules count failures and parallel guesses are counted as they arrive.
 * Every attempt counts per IP. A known device of the account then counts per device only; any other client
 * counts per account-and-IP (tight) and per account (loose), so failures from other IPs never stop a known
 * device, and failures from other IPs stop a new one only at the loose limit.
 */
async function spendSignInAttempt(
  deps: IdentityDeps,
  requester: Requester,
  opts: { email: string; deviceToken: string | null },
): Promise<SignInBudget> {
  const ip = requester.client.ip ?? "unknown";
  const account = accountKey(opts.email);
  const limiter = deps.services.rateLimiter;
  await enforceRateLimit(deps, "login_ip", ip);
  const user = await users.findUserByEmail(deps.db, opts.email);
  const token = opts.deviceToken;
  if (
    user &&
    token &&
    (await isKnownDevice(deps.db, { userId: user.id, token, clock: deps.services.clock }))
  ) {
    const device = deviceKey(user.id, token);
    await enforceRateLimit(deps, "login_device", device);
    return {
      user,
      knownDevice: true,
      spent: [
        ["login_ip", ip],
        ["login_device", device],
      ],
      succeeded: async () => {
        await limiter.reward("login_ip", ip);
        await limiter.reset("login_device", device);
      },
    };
  }
  const accountIp = `${account}|${ip}`;
  // This order matters: calls already held at one IP never reach the account's count, so a single IP cannot
  // spend the loose per-account budget that holds new devices out.
  await enforceRateLimit(deps, "login_account_ip", accountIp);
  await enforceRateLimit(deps, "login_account", account);
  return {
    user,
    knownDevice: false,
    spent: [
      ["login_ip", ip],
      ["login_account_ip", accountIp],
      ["login_account", account],
    ],
    succeeded: async () => {
      await limiter.reward("login_ip", ip);
      await limiter.reset("login_account_ip", accountIp);
      await limiter.reward("login_account", account);
    },
  };
}
