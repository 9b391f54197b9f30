import { randomUUID } from "node:crypto";
import { audit, memberships } from "@plinth/db";
import { makeUser, useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import {
  callerWithToken,
  countQueries,
  createTestServices,
  permissiveLimiter,
  verifiedUser,
} from "../../testing/index.ts";

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

/** An owner's caller over a counting database, and their organization with `extra` more members and feed rows. */
async function orgOfSize(extra: number) {
  const owner = await verifiedUser(t.db, services);
  const org = await owner.caller.organizations.create({
    name: "Acme",
    slug: `org-${randomUUID().slice(0, 8)}`,
  });
  for (let i = 0; i < extra; i++) {
    const user = await makeUser(t.db, `Member ${i}`);
    await memberships.addMember(t.db, { orgId: org.id, userId: user.id, role: "member" });
    await audit.recordAuditEvent(t.db, {
      event: "organization_updated",
      actorUserId: user.id,
      organizationId: org.id,
      entityType: "organization",
      entityId: org.id,
    });
  }
  const counter = countQueries(t.db);
  const caller = await callerWithToken(counter.db, services, owner.token);
  return { caller, counter, organizationId: org.id };
}

async function queriesFor(
  extra: number,
  call: (s: Awaited<ReturnType<typeof orgOfSize>>) => Promise<{ items: unknown[] }>,
) {
  const setup = await orgOfSize(extra);
  setup.counter.reset();
  const page = await call(setup);
  expect(page.items.length).toBe(extra + 1);
  return setup.counter.count;
}

describe("query budget (no N+1)", () => {
  it("members.list costs the same few queries for 1 and for 50 members", async () => {
    const list = (s: Awaited<ReturnType<typeof orgOfSize>>) =>
      s.caller.organizations.members.list({ organizationId: s.organizationId, limit: 100 });
    const one = await queriesFor(0, list);
    const fifty = await queriesFor(49, list);
    expect(fifty).toBe(one);
    expect(one).toBeLessThanOrEqual(2);
  });

  it("activity costs the same few queries for 1 and for 50 entries", async () => {
    const feed = (s: Awaited<ReturnType<typeof orgOfSize>>) =>
      s.caller.organizations.activity({ organizationId: s.organizationId, limit: 100 });
    const one = await queriesFor(0, feed);
    const fifty = await queriesFor(49, feed);
    expect(fifty).toBe(one);
    expect(one).toBeLessThanOrEqual(2);
  });
});
