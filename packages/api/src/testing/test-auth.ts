import { randomUUID } from "node:crypto";
import {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimitRule,
  validateSessionToken,
} from "@plinth/auth";
import type { Database } from "@plinth/db";
import pino from "pino";
import { runDueJobs } from "../core/jobs/run-jobs.ts";
import type { Services } from "../core/services.ts";
import { testCaller } from "./test-context.ts";

/** A limiter that never gets in the way, for tests about something else (races, flows). */
export async function permissiveLimiter() {
  const wide: RateLimitRule = { points: 1_000_000, durationSec: 60 };
  const names = Object.keys(DEFAULT_RATE_LIMITS);
  return createRateLimiter({ kind: "memory" }, Object.fromEntries(names.map((n) => [n, wide])));
}

export const uniqueEmail = (tag = "user") => `${tag}-${randomUUID()}@example.com`;
export const randomIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
export const GOOD_PASSWORD = "correct horse battery staple";

/** The session token a procedure put in its Set-Cookie, if any. */
export function cookieToken(setCookies: string[]): string | null {
  for (const c of setCookies) {
    const match = /^(?:__Host-)?plinth_session=([^;]*)/.exec(c);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** A caller acting with a session token, as the HTTP layer would build it. */
export async function callerWithToken(
  db: Database,
  services: Services,
  token: string,
  opts: { ip?: string; userAgent?: string } = {},
) {
  const validation = await validateSessionToken(db, token, services.clock);
  if (!validation) throw new Error("test: session token does not validate");
  return testCaller(db, {
    services,
    session: { session: validation.session, user: validation.user },
    ...opts,
  });
}

/** Signs up through the procedure and returns an authenticated caller plus what it used. */
export async function signUp(
  db: Database,
  services: Services,
  opts: { email?: string; password?: string; name?: string } = {},
) {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? GOOD_PASSWORD;
  const anon = testCaller(db, { services, ip: randomIp() });
  const result = await anon.auth.signup({ email, password, name: opts.name ?? "Test User" });
  const token = cookieToken(anon.ctx.response.setCookies);
  if (!token) throw new Error("test: signup set no session cookie");
  return { ...result, email, password, token, caller: await callerWithToken(db, services, token) };
}

/** Runs every due job once, as the server's worker would have by the time a user opens their mail. */
export async function drainJobs(db: Database, services: Services) {
  while ((await runDueJobs({ db, services, logger: pino({ level: "silent" }) })).succeeded > 0);
}

/** Reads the newest email of a kind to an address through the dev mailbox, as the web app does. */
export async function latestMail(db: Database, services: Services, to: string, kind: string) {
  await drainJobs(db, services);
  const mails = await testCaller(db, { services }).dev.mailbox({ to, limit: 50 });
  const mail = mails.find((m) => m.kind === kind);
  if (!mail) throw new Error(`test: no ${kind} email to ${to}`);
  return mail;
}

export function tokenFromMail(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!match?.[1]) throw new Error("test: no token link in the email");
  return decodeURIComponent(match[1]);
}

/** Signs up and verifies the email. */
export async function verifiedUser(
  db: Database,
  services: Services,
  opts: { email?: string; password?: string } = {},
) {
  const user = await signUp(db, services, opts);
  const mail = await latestMail(db, services, user.email, "email_verification");
  await testCaller(db, { services }).auth.verifyEmail({ token: tokenFromMail(mail.text) });
  return { ...user, caller: await callerWithToken(db, services, user.token) };
}
