import { randomUUID } from "node:crypto";
import { memberships, organizations, users } from "@plinth/db";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test/test-server.ts";

const s = useTestServer();

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return error as { message: string; data: Record<string, unknown> };
}

let directoryOrg: Promise<string> | undefined;
/** Puts users in the signed-in member's organization: the directory shows only people who share one. */
async function shareOrganizationWithMember(...userIds: string[]) {
  directoryOrg ??= s
    .client({ headers: await s.memberHeaders() })
    .account.me.query()
    .then(async (me) => {
      const slug = `dir-${randomUUID().slice(0, 8)}`;
      return (await organizations.createOrganization(s.db, { name: "Directory", slug, ownerId: me.id })).id;
    });
  const orgId = await directoryOrg;
  for (const userId of userIds) await memberships.addMember(s.db, { orgId, userId, role: "member" });
}

describe("tRPC over HTTP with @trpc/client", () => {
  it("health.ping reads the database clock, and superjson brings a Date back", async () => {
    const result = await s.client().health.ping.query();
    expect(result.status).toBe("ok");
    expect(result.database).toBe(s.driver);
    expect(result.time).toBeInstanceOf(Date);
    expect(Math.abs(result.time.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("users.list and users.byId are for signed-in callers only: 401 UNAUTHORIZED otherwise", async () => {
    const user = await users.insertUser(s.db, { email: `u-${randomUUID()}@example.com`, name: "Uma" });
    for (const call of [s.client().users.byId.query({ id: user.id }), s.client().users.list.query({})]) {
      const error = await rejection(call);
      expect(error.data).toMatchObject({ appCode: "UNAUTHORIZED", httpStatus: 401 });
    }
  });

  it("users.byId returns the public profile only", async () => {
    const user = await users.insertUser(s.db, {
      email: `p-${randomUUID()}@example.com`,
      name: "Pat",
      password_hash: "x",
    });
    await shareOrganizationWithMember(user.id);
    for (const batch of [true, false]) {
      const found = await s
        .client({ batch, headers: await s.memberHeaders() })
        .users.byId.query({ id: user.id });
      expect(found).toEqual({ id: user.id, name: "Pat", createdAt: user.created_at });
    }
  });

  it("a missing user is 404 with appCode USER_NOT_FOUND", async () => {
    const error = await rejection(
      s.client({ headers: await s.memberHeaders() }).users.byId.query({ id: randomUUID() }),
    );
    expect(error.data).toMatchObject({ code: "NOT_FOUND", appCode: "USER_NOT_FOUND", httpStatus: 404 });
  });

  it("invalid input is 400 VALIDATION_FAILED with a flat list of field errors", async () => {
    const error = await rejection(
      s.client({ headers: await s.memberHeaders() }).users.byId.query({ id: "not-a-uuid" }),
    );
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION_FAILED", httpStatus: 400 });
    expect(error.data.details).toEqual([{ path: "id", message: expect.any(String) }]);
    expect(error.message).toBe("Invalid input");
  });

  it("extra input keys are rejected, not ignored (no mass assignment)", async () => {
    const error = await rejection(
      s
        .client({ headers: await s.memberHeaders() })
        .users.list.query({ limit: 5, role: "admin" } as unknown as { limit: number }),
    );
    expect(error.data).toMatchObject({ appCode: "VALIDATION_FAILED" });
    expect(JSON.stringify(error.data.details)).toContain("role");
  });

  it("pages through users.list with keyset cursors and rejects a forged cursor", async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 7; i++) {
      const user = await users.insertUser(s.db, {
        email: `list-${tag}-${i}@example.com`,
        name: `L${tag}${i}`,
      });
      await shareOrganizationWithMember(user.id);
    }
    const client = s.client({ headers: await s.memberHeaders() });
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await client.users.list.query({
        limit: 3,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen.size).toBeGreaterThanOrEqual(7);

    const error = await rejection(client.users.list.query({ cursor: "forged" }));
    expect(error.data).toMatchObject({ appCode: "INVALID_CURSOR", httpStatus: 400 });
  });

  it("runs a batch of calls in one HTTP request", async () => {
    const before = s.logs.filter((l) => l.msg === "request").length;
    const client = s.client();
    const [a, b, c] = await Promise.all([
      client.health.live.query(),
      client.health.ping.query(),
      client.health.live.query(),
    ]);
    expect([a.status, b.status, c.status]).toEqual(["ok", "ok", "ok"]);
    const requests = s.logs.filter((l) => l.msg === "request").slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe("/trpc/health.live,health.ping,health.live");
  });
});
