import { randomUUID } from "node:crypto";
import { createPasswordHasher, createRateLimiter, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { describe, expect, it } from "vitest";
import { until } from "./test/http-calls.ts";
import { rest } from "./test/rest-calls.ts";
import { useTestServer, WEB_ORIGIN } from "./test/test-server.ts";

// The password queue over HTTP (ADR 023): one argon2 slot and one waiter, so the test fills both itself and every
// further sign-in must be refused at once with 503, Retry-After and PASSWORD_QUEUE_FULL, on tRPC and REST alike,
// while calls that hash nothing keep answering. Tight per-account limits show that a refused attempt costs nothing.
const s = useTestServer({
  trustedProxies: ["127.0.0.1"],
  services: async () => ({
    passwords: createPasswordHasher({ concurrency: 1, queueMax: 1 }),
    rateLimiter: await createRateLimiter(
      { kind: "memory" },
      {
        ...DEFAULT_RATE_LIMITS,
        login_account_ip: { points: 2, durationSec: 600 },
        signup_account: { points: 2, durationSec: 600 },
      },
    ),
  }),
});

const PASSWORD = "correct horse battery staple";
let ipCounter = 1;
const freshIp = () => `198.51.100.${ipCounter++}`;

/** Takes the one slot with work that ends when the returned function is called. */
function holdSlot() {
  let finish!: () => void;
  const held = s.services.passwords.gate.run(() => new Promise<void>((resolve) => (finish = resolve)));
  return async () => {
    finish();
    await held;
  };
}

/** Slot and queue both taken by the test itself: every password operation is refused until `release`. */
async function fillQueue() {
  const release = holdSlot();
  const waiter = s.services.passwords.gate.run(async () => undefined);
  expect(s.services.passwords.gate.stats()).toMatchObject({ running: 1, queued: 1 });
  return async () => {
    await release();
    await waiter;
  };
}

type TrpcAnswer = Awaited<ReturnType<typeof trpcLogin>>;

async function trpcLogin(input: { email: string; password: string }, ip: string) {
  const res = await fetch(`${s.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: WEB_ORIGIN, "x-forwarded-for": ip },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as {
    error?: { json: { message: string; data: { appCode: string; httpStatus: number; retryAfter?: number } } };
  };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), error: body.error?.json };
}

const restLogin = (input: { email: string; password: string }, ip: string) =>
  rest(s, "POST", "/auth/login", { body: input, headers: { "x-forwarded-for": ip } });

async function signUp() {
  const email = `queue-${randomUUID()}@example.com`;
  const res = await rest(s, "POST", "/auth/signup", {
    body: { email, password: PASSWORD, name: "Queue" },
    headers: { "x-forwarded-for": freshIp() },
  });
  expect(res.status).toBe(201);
  return { email, token: res.body.data.sessionToken as string };
}

describe("a full password queue over HTTP", () => {
  it("lets one sign-in wait, refuses the next with 503 + Retry-After on tRPC and REST, and keeps serving other calls", async () => {
    const { email, token } = await signUp();
    const release = holdSlot();
    // This one takes the only place in the queue…
    const waiting = restLogin({ email, password: PASSWORD }, freshIp());
    await until(
      "the first sign-in is queued",
      async () => s.services.passwords.gate.stats().queued,
      (queued) => queued === 1,
      10_000,
    );

    // … so these are refused at once, over both transports.
    const overRest = await restLogin({ email, password: PASSWORD }, freshIp());
    expect(overRest.status).toBe(503);
    expect(overRest.body.error.code).toBe("PASSWORD_QUEUE_FULL");
    expect(Number(overRest.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const overTrpc = await trpcLogin({ email, password: PASSWORD }, freshIp());
    expect(overTrpc.status).toBe(503);
    expect(overTrpc.error?.data.appCode).toBe("PASSWORD_QUEUE_FULL");
    expect(overTrpc.error?.data.retryAfter).toBeGreaterThanOrEqual(1);
    expect(Number(overTrpc.retryAfter)).toBe(overTrpc.error?.data.retryAfter);

    // Calls that hash nothing still answer, with the database (a bearer session) and without it.
    const live = await fetch(`${s.url}/trpc/health.live`);
    expect(live.status).toBe(200);
    const me = await rest(s, "GET", "/auth/me", { token, headers: { "x-forwarded-for": freshIp() } });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(email);

    await release();
    const first = await waiting;
    expect(first.status).toBe(200);
    expect(first.body.data.sessionToken).toEqual(expect.any(String));
    expect(s.services.passwords.gate.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it("does not count a refused sign-in as a failed attempt, and answers the same for an unknown email", async () => {
    const { email } = await signUp();
    const ip = freshIp();
    const release = await fillQueue();
    // login_account_ip allows 2 here: were refusals counted, the third would be 429 before reaching the queue.
    const known: TrpcAnswer[] = [];
    for (let i = 0; i < 3; i++) known.push(await trpcLogin({ email, password: PASSWORD }, ip));
    const unknown = await trpcLogin({ email: `nobody-${randomUUID()}@example.com`, password: PASSWORD }, ip);
    await release();

    for (const answer of [...known, unknown]) {
      expect(answer.status).toBe(503);
      expect(answer.error?.data.appCode).toBe("PASSWORD_QUEUE_FULL");
    }
    const strip = (a: TrpcAnswer) => ({
      status: a.status,
      retryAfter: a.retryAfter,
      message: a.error?.message,
      data: { ...a.error?.data, requestId: undefined },
    });
    expect(strip(unknown)).toEqual(strip(known[0] as TrpcAnswer));

    // The budget is whole: two wrong passwords are still allowed, then the limit holds.
    expect((await trpcLogin({ email, password: "a wrong password" }, ip)).status).toBe(401);
    expect((await trpcLogin({ email, password: PASSWORD }, ip)).status).toBe(200);
  });

  it("frees a sign-in's place in the queue as soon as its client leaves, on tRPC and REST, and refunds its budget", async () => {
    const { email } = await signUp();
    const ip = freshIp();
    const refusedBefore = s.services.passwords.gate.stats().refused;
    const release = holdSlot();
    const queued = () => s.services.passwords.gate.stats().queued;
    const leave = async (send: (signal: AbortSignal) => Promise<unknown>) => {
      const client = new AbortController();
      const sent = send(client.signal).catch((e: unknown) => e);
      await until(
        "the sign-in is queued",
        async () => queued(),
        (n) => n === 1,
        10_000,
      );
      client.abort();
      expect(await sent).toMatchObject({ name: "AbortError" });
      // The slot is still held: only the client's leaving can have emptied the queue.
      await until(
        "the queue lets the sign-in go",
        async () => queued(),
        (n) => n === 0,
        10_000,
      );
      expect(s.services.passwords.gate.stats().running).toBe(1);
    };
    const body = JSON.stringify({ email, password: PASSWORD });
    await leave((signal) =>
      fetch(`${s.url}/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: WEB_ORIGIN, "x-forwarded-for": ip },
        body: JSON.stringify({ json: { email, password: PASSWORD } }),
        signal,
      }),
    );
    await leave((signal) =>
      fetch(`${s.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body,
        signal,
      }),
    );

    // The freed place takes the next sign-in instead of a 503, and login_account_ip (2 here) still allows it:
    // the two that left checked no password and cost nothing.
    const next = restLogin({ email, password: PASSWORD }, ip);
    await until(
      "the next sign-in is queued",
      async () => queued(),
      (n) => n === 1,
      10_000,
    );
    await release();
    expect((await next).status).toBe(200);
    expect((await trpcLogin({ email, password: PASSWORD }, ip)).status).toBe(200);
    // Leaving is not a refusal: the gate's count of 503s did not move.
    expect(s.services.passwords.gate.stats()).toMatchObject({
      running: 0,
      queued: 0,
      refused: refusedBefore,
    });
  });

  it("refuses a sign-up with 503 without spending its per-address budget", async () => {
    const email = `later-${randomUUID()}@example.com`;
    const release = await fillQueue();
    const refused: Awaited<ReturnType<typeof rest>>[] = [];
    // signup_account allows 2 here.
    for (let i = 0; i < 3; i++) {
      refused.push(
        await rest(s, "POST", "/auth/signup", {
          body: { email, password: PASSWORD, name: "Later" },
          headers: { "x-forwarded-for": freshIp() },
        }),
      );
    }
    await release();
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(
      Array.from({ length: 3 }, () => [503, "PASSWORD_QUEUE_FULL"]),
    );
    expect(refused.every((r) => Number(r.headers.get("retry-after")) >= 1)).toBe(true);
    const created = await rest(s, "POST", "/auth/signup", {
      body: { email, password: PASSWORD, name: "Later" },
      headers: { "x-forwarded-for": freshIp() },
    });
    expect(created.status).toBe(201);
  });
});
