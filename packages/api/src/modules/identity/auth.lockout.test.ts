import { createRateLimiter, DEFAULT_RATE_LIMITS } from "@plinth/auth";
import { useTestDatabase } from "@plinth/db/testing";
import { describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import { signUp, uniqueEmail } from "../../testing/test-auth.ts";
import { createTestServices, testCaller } from "../../testing/test-context.ts";

// Issue 6 §5 and ADR 008: guessing is stopped per account-and-IP, per IP and (loosely) per account, and none of it
// keeps the owner out of an account from a device it signed in from before.

const t = useTestDatabase();
/** The limits ADR 008 documents, spelled out so the tests pin them. */
const limits = {
  login_ip: { points: 20 },
  login_account_ip: { points: 5 },
  login_account: { points: 50 },
  login_device: { points: 10 },
};
const strict = async (): Promise<Services> =>
  createTestServices({ rateLimiter: await createRateLimiter({ kind: "memory" }, DEFAULT_RATE_LIMITS) });
let ipCounter = 0;
/** A distinct address per call site, so no two tests (or attackers) share one by chance. */
const freshIp = () => {
  ipCounter += 1;
  return `10.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}.${Math.floor(Math.random() * 250) + 1}`;
};

function login(
  services: Services,
  ip: string,
  input: { email: string; password: string; sessionTransport?: "cookie" | "bearer"; deviceToken?: string },
  cookieDevice?: string,
) {
  const caller = testCaller(t.db, { services, ip, ...(cookieDevice ? { deviceToken: cookieDevice } : {}) });
  return caller.auth.login(input).then(
    (result) => ({ code: "ok", result, setCookies: caller.ctx.response.setCookies }),
    (e: { appCode?: string }) => ({ code: e.appCode ?? "unknown", result: undefined, setCookies: [] }),
  );
}
const wrong = (email: string) => ({ email, password: "definitely not the password" });
const deviceCookie = (setCookies: string[]) =>
  setCookies.map((c) => /^(?:__Host-)?plinth_device=([a-z2-7]+);/.exec(c)?.[1]).find(Boolean);

describe("sign-in guessing is stopped", () => {
  it("per account and IP: that IP is held, and the right password from another IP still works", async () => {
    const services = await strict();
    const user = await signUp(t.db, services);
    const attacker = freshIp();
    const codes: string[] = [];
    for (let i = 0; i < limits.login_account_ip.points; i++)
      codes.push((await login(services, attacker, wrong(user.email))).code);
    expect(codes.every((c) => c === "INVALID_CREDENTIALS")).toBe(true);
    // Held before argon2, even with the right password.
    expect((await login(services, attacker, { email: user.email, password: user.password })).code).toBe(
      "TOO_MANY_REQUESTS",
    );
    expect((await login(services, freshIp(), { email: user.email, password: user.password })).code).toBe(
      "ok",
    );
  });

  it("calls held at one IP do not spend the account's loose budget", async () => {
    const services = await strict();
    const user = await signUp(t.db, services);
    const attacker = freshIp();
    const codes: string[] = [];
    for (let i = 0; i < limits.login_account.points + 10; i++)
      codes.push((await login(services, attacker, wrong(user.email))).code);
    expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(limits.login_account_ip.points);
    expect((await login(services, freshIp(), { email: user.email, password: user.password })).code).toBe(
      "ok",
    );
  });

  it("per account and IP, counting failures only: a success there clears the count", async () => {
    const services = await strict();
    const user = await signUp(t.db, services);
    const ip = freshIp();
    const n = limits.login_account_ip.points;
    for (let i = 0; i < n - 1; i++) await login(services, ip, wrong(user.email));
    expect((await login(services, ip, { email: user.email, password: user.password })).code).toBe("ok");
    const codes: string[] = [];
    for (let i = 0; i <= n; i++) codes.push((await login(services, ip, wrong(user.email))).code);
    expect(codes.slice(0, n).every((c) => c === "INVALID_CREDENTIALS")).toBe(true);
    expect(codes.at(-1)).toBe("TOO_MANY_REQUESTS");
  });

  it("per IP across accounts, where a success does not count as a failure", async () => {
    const services = await strict();
    const owner = await signUp(t.db, services);
    const ip = freshIp();
    const n = limits.login_ip.points;
    // Spraying one guess at each of many addresses from one IP.
    for (let i = 0; i < n - 1; i++) await login(services, ip, wrong(uniqueEmail("spray")));
    expect((await login(services, ip, { email: owner.email, password: owner.password })).code).toBe("ok");
    expect((await login(services, ip, wrong(uniqueEmail("spray")))).code).toBe("INVALID_CREDENTIALS");
    expect((await login(services, ip, wrong(uniqueEmail("spray")))).code).toBe("TOO_MANY_REQUESTS");
    expect((await login(services, ip, { email: owner.email, password: owner.password })).code).toBe(
      "TOO_MANY_REQUESTS",
    );
  });

  it("counts parallel guesses as they arrive, so a burst cannot outrun the count", async () => {
    const services = await strict();
    const user = await signUp(t.db, services);
    const ip = freshIp();
    const burst = await Promise.all(Array.from({ length: 12 }, () => login(services, ip, wrong(user.email))));
    expect(burst.filter((r) => r.code === "INVALID_CREDENTIALS")).toHaveLength(
      limits.login_account_ip.points,
    );
  });
});

describe("the owner still gets in while the account is under attack from many IPs", () => {
  it("from a known device (cookie or bearer) once the loose per-account limit stops new devices", async () => {
    const services = await strict();
    const user = await signUp(t.db, services);
    const home = freshIp();
    // Earlier, successful sign-ins: a browser (cookie) and an API client (bearer) become known devices.
    const browser = await login(services, home, { email: user.email, password: user.password });
    const browserDevice = deviceCookie(browser.setCookies);
    expect(browserDevice).toMatch(/^[a-z2-7]{52}$/);
    const api = await login(services, home, {
      email: user.email,
      password: user.password,
      sessionTransport: "bearer",
    });
    const apiDevice = (api.result as { deviceToken?: string } | undefined)?.deviceToken;
    expect(apiDevice).toMatch(/^[a-z2-7]{52}$/);

    // The botnet: one wrong guess from each of many IPs, every one below the per-IP limits.
    const guesses = limits.login_account.points;
    const codes: string[] = [];
    for (let i = 0; i < guesses; i += 10) {
      const batch = Array.from({ length: Math.min(10, guesses - i) }, () =>
        login(services, freshIp(), wrong(user.email)),
      );
      codes.push(...(await Promise.all(batch)).map((r) => r.code));
    }
    expect(codes.every((c) => c === "INVALID_CREDENTIALS")).toBe(true);
    // A new device is now refused, even with the right password and from a clean IP: the loose limit holds.
    expect((await login(services, freshIp(), { email: user.email, password: user.password })).code).toBe(
      "TOO_MANY_REQUESTS",
    );
    // A planted or unknown device token is just a new device.
    expect(
      (await login(services, freshIp(), { email: user.email, password: user.password }, "c".repeat(52))).code,
    ).toBe("TOO_MANY_REQUESTS");

    // The owner's devices are not held.
    const again = await login(
      services,
      freshIp(),
      { email: user.email, password: user.password },
      browserDevice,
    );
    expect(again.code).toBe("ok");
    expect(deviceCookie(again.setCookies)).toBe(browserDevice);
    const bearer = await login(services, freshIp(), {
      email: user.email,
      password: user.password,
      sessionTransport: "bearer",
      ...(apiDevice ? { deviceToken: apiDevice } : {}),
    });
    expect(bearer.code).toBe("ok");
  });

  it("a known device is itself limited, so its marker alone does not allow unlimited guessing", async () => {
    const services = await strict();
    const user = await signUp(t.db, services);
    const first = await login(services, freshIp(), { email: user.email, password: user.password });
    const device = deviceCookie(first.setCookies);
    const codes: string[] = [];
    for (let i = 0; i <= limits.login_device.points; i++)
      codes.push((await login(services, freshIp(), wrong(user.email), device)).code);
    expect(codes.slice(0, -1).every((c) => c === "INVALID_CREDENTIALS")).toBe(true);
    expect(codes.at(-1)).toBe("TOO_MANY_REQUESTS");
    // Those failures held only that device: they do not count against the account.
    expect((await login(services, freshIp(), { email: user.email, password: user.password })).code).toBe(
      "ok",
    );
  });

  it("a device known for one account is a new device for another", async () => {
    const services = await strict();
    const alice = await signUp(t.db, services);
    const bob = await signUp(t.db, services);
    const device = deviceCookie(
      (await login(services, freshIp(), { email: alice.email, password: alice.password })).setCookies,
    );
    const bobs = await login(services, freshIp(), { email: bob.email, password: bob.password }, device);
    expect(bobs.code).toBe("ok");
    expect(deviceCookie(bobs.setCookies)).not.toBe(device);
  });
});
