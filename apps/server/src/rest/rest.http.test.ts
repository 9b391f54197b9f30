import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { until } from "../test/http-calls.ts";
import { rest, restUser, restWorkspace } from "../test/rest-calls.ts";
import { useTestServer } from "../test/test-server.ts";

const s = useTestServer({ maxBodyBytes: 4096 });

const expectError = (answer: { body: unknown; headers: Headers }, code: string) => {
  expect(answer.body).toEqual({
    error: expect.objectContaining({ code, message: expect.any(String), requestId: expect.any(String) }),
  });
  const error = (answer.body as { error: { requestId: string; stack?: unknown; cause?: unknown } }).error;
  expect(error.requestId).toBe(answer.headers.get("x-request-id"));
  expect(error).not.toHaveProperty("stack");
  expect(error).not.toHaveProperty("cause");
};

describe("REST: the contract's statuses through real HTTP", () => {
  it("signup 201 with Location, login 200 with a bearer token, me 200, logout 204, then 401", async () => {
    const email = `c-${randomUUID()}@example.com`;
    const password = "correct horse battery staple";
    const signup = await rest(s, "POST", "/auth/signup", { body: { email, password, name: "Cleo" } });
    expect(signup.status).toBe(201);
    expect(signup.headers.get("location")).toBe("/api/v1/auth/me");
    expect(signup.headers.get("set-cookie")).toBeNull();
    expect(signup.body.data).toMatchObject({
      user: { email, name: "Cleo" },
      sessionToken: expect.any(String),
    });
    // Plain JSON: dates are ISO-8601 strings, not superjson envelopes.
    expect(signup.body.data.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const login = await rest(s, "POST", "/auth/login", { body: { email, password } });
    expect(login.status).toBe(200);
    expect(login.headers.get("set-cookie")).toBeNull();
    const token = login.body.data.sessionToken as string;
    expect(token).toEqual(expect.any(String));

    const me = await rest(s, "GET", "/auth/me", { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ data: expect.objectContaining({ email, createdAt: expect.any(String) }) });

    const logout = await rest(s, "POST", "/auth/logout", { token });
    expect(logout.status).toBe(204);
    expect(logout.text).toBe("");
    const after = await rest(s, "GET", "/auth/me", { token });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectError(after, "UNAUTHORIZED");
  });

  it("401 with WWW-Authenticate: Bearer without a token, and a valid session cookie alone is ignored", async () => {
    const email = `k-${randomUUID()}@example.com`;
    const password = "correct horse battery staple";
    // A browser sign-in through tRPC: the session arrives as a cookie.
    const res = await fetch(`${s.url}/trpc/auth.signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email, password, name: "Kim" } }),
    });
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
    expect(cookies.length).toBeGreaterThan(0);
    const viaTrpc = await fetch(`${s.url}/trpc/account.me`, { headers: { cookie: cookies.join("; ") } });
    expect(viaTrpc.status).toBe(200);

    const viaRest = await rest(s, "GET", "/auth/me", { headers: { cookie: cookies.join("; ") } });
    expect(viaRest.status).toBe(401);
    expect(viaRest.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectError(viaRest, "UNAUTHORIZED");
    expect(viaRest.headers.get("set-cookie")).toBeNull();
  });

  it("400 VALIDATION_FAILED with details; 409 EMAIL_TAKEN; 404 for another's organization", async () => {
    const bad = await rest(s, "POST", "/auth/signup", { body: { email: "nope", password: "x", name: "" } });
    expect(bad.status).toBe(400);
    expectError(bad, "VALIDATION_FAILED");
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([{ path: "email", message: expect.any(String) }]),
    );

    const user = await restUser(s);
    const taken = await rest(s, "POST", "/auth/signup", {
      body: { email: user.email, password: "another long passphrase here", name: "Dup" },
    });
    expect(taken.status).toBe(409);
    expectError(taken, "EMAIL_TAKEN");

    const { orgId } = await restWorkspace(s);
    const notYours = await rest(s, "GET", `/organizations/${orgId}`, { token: user.token });
    expect(notYours.status).toBe(404);
    expectError(notYours, "NOT_FOUND");
    // The request log names the procedure and the appCode, as for tRPC, and the caller.
    const line = await until(
      "the request line",
      async () =>
        s.logs.find((l) => l.msg === "request" && l.requestId === notYours.headers.get("x-request-id")),
      (found) => found !== undefined,
      5_000,
    );
    expect(line).toMatchObject({
      method: "GET",
      path: `/api/v1/organizations/${orgId}`,
      status: 404,
      procedure: "organizations.byId",
      appCode: "NOT_FOUND",
      userId: user.userId,
    });
  });

  it("403 when a member lacks the role", async () => {
    const { owner, orgId } = await restWorkspace(s);
    const member = await restUser(s, "Mo");
    const invite = await rest(s, "POST", `/organizations/${orgId}/invitations`, {
      token: owner.token,
      body: { email: member.email },
    });
    expect(invite.status).toBe(201);
    expect(invite.headers.get("location")).toBe(
      `/api/v1/organizations/${orgId}/invitations/${invite.body.data.id}`,
    );
    const mail = await waitForInvitationToken(member.email);
    const accepted = await rest(s, "POST", "/invitations/accept", {
      token: member.token,
      body: { token: mail },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toEqual({ organizationId: orgId, role: "member" });

    const activity = await rest(s, "GET", `/organizations/${orgId}/activity`, { token: member.token });
    expect(activity.status).toBe(403);
    expectError(activity, "FORBIDDEN");
  });

  it("404 ROUTE_NOT_FOUND for an unknown route; 405 with Allow for a wrong method on a known path", async () => {
    const unknown = await rest(s, "GET", "/nothing-here");
    expect(unknown.status).toBe(404);
    expectError(unknown, "ROUTE_NOT_FOUND");

    const wrong = await rest(s, "PUT", `/organizations/${randomUUID()}`, { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD");
    expectError(wrong, "METHOD_NOT_ALLOWED");
  });

  it("415 for a body that is not JSON, 413 over the body limit, 400 for malformed JSON", async () => {
    const { owner } = await restWorkspace(s);
    const form = await rest(s, "POST", "/organizations", {
      token: owner.token,
      rawBody: "name=x&slug=y",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expectError(form, "UNSUPPORTED_MEDIA_TYPE");

    const big = await rest(s, "POST", "/organizations", {
      token: owner.token,
      body: { name: "x".repeat(5000), slug: "big" },
    });
    expect(big.status).toBe(413);
    expectError(big, "PAYLOAD_TOO_LARGE");

    const malformed = await rest(s, "POST", "/organizations", {
      token: owner.token,
      rawBody: '{"name": ',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expectError(malformed, "MALFORMED_REQUEST");
  });

  it("a body key that names a path parameter is a 400, not a silent choice between two ids", async () => {
    const { owner, orgId } = await restWorkspace(s);
    const clash = await rest(s, "PATCH", `/organizations/${orgId}`, {
      token: owner.token,
      body: { organizationId: randomUUID(), name: "Other" },
    });
    expect(clash.status).toBe(400);
    expectError(clash, "VALIDATION_FAILED");
    expect(clash.body.error.details).toEqual([{ path: "organizationId", message: expect.any(String) }]);
    // A route's fixed field (REST sign-ins are always bearer) cannot be overridden either.
    const cookieLogin = await rest(s, "POST", "/auth/login", {
      body: { email: owner.email, password: "correct horse battery staple", sessionTransport: "cookie" },
    });
    expect(cookieLogin.status).toBe(400);
    expect(cookieLogin.body.error.details).toEqual([
      { path: "sessionTransport", message: expect.any(String) },
    ]);
  });

  it("PATCH 200, DELETE 204, and the deleted resource is 404 after", async () => {
    const { owner, orgId, projectId } = await restWorkspace(s);
    const renamed = await rest(s, "PATCH", `/organizations/${orgId}/projects/${projectId}`, {
      token: owner.token,
      body: { name: "Website" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ id: projectId, name: "Website" });
    const deleted = await rest(s, "DELETE", `/organizations/${orgId}/projects/${projectId}`, {
      token: owner.token,
    });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    const gone = await rest(s, "GET", `/organizations/${orgId}/projects/${projectId}`, {
      token: owner.token,
    });
    expect(gone.status).toBe(404);
  });
});

async function waitForInvitationToken(email: string): Promise<string> {
  await s.jobs.nudge();
  const mail = [...s.sentMail]
    .reverse()
    .find((m) => m.to_address === email && m.kind === "organization_invitation");
  const token = mail?.text_body.match(/token=([^\s&]+)/)?.[1];
  if (!token) throw new Error(`no invitation mail for ${email}`);
  return decodeURIComponent(token);
}
