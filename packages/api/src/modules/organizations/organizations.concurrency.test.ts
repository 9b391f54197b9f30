import { memberships } from "@plinth/db";
import { makeOrganization, useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type Services } from "../../core/services.ts";
import { resolveOrgActor } from "../../core/tenancy.ts";
import { changeMemberRole, type OrgDeps, removeMember } from "./organizations.service.ts";

const t = useTestDatabase();
let deps: OrgDeps;
beforeAll(async () => {
  const services: Services = await createTestServices();
  deps = {
    db: t.db,
    services,
    requestId: "concurrency-test",
    client: { ip: null, userAgent: null, deviceToken: null },
  };
});

/** Two owners; each acts on the other (or on themselves) at the same time. */
async function twoOwners() {
  const { org, owner, members } = await makeOrganization(t.db, ["owner"]);
  const other = members[0];
  if (!other) throw new Error("test: no second owner");
  return {
    orgId: org.id,
    a: await resolveOrgActor(t.db, owner.id, org.id),
    b: await resolveOrgActor(t.db, other.id, org.id),
  };
}

const owners = async (orgId: string) => memberships.countOwners(t.db, orgId);

async function settle(ops: Promise<unknown>[]) {
  const results = await Promise.allSettled(ops);
  const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
  return { fulfilled: results.length - failures.length, failures };
}

describe("at least one owner remains under concurrency", () => {
  it("two owners demoting each other at once: one wins, the other gets LAST_OWNER", async () => {
    for (let round = 0; round < 5; round++) {
      const { orgId, a, b } = await twoOwners();
      const { fulfilled, failures } = await settle([
        changeMemberRole(deps, a, { userId: b.userId, role: "member" }),
        changeMemberRole(deps, b, { userId: a.userId, role: "member" }),
      ]);
      expect(await owners(orgId)).toBe(1);
      expect(fulfilled).toBe(1);
      expect(failures).toEqual([expect.objectContaining({ appCode: "LAST_OWNER" })]);
    }
  });

  it("two owners leaving at once, or removing each other: one stays", async () => {
    for (let round = 0; round < 5; round++) {
      const left = await twoOwners();
      const removed = await twoOwners();
      await settle([
        removeMember(deps, left.a, { userId: left.a.userId }),
        removeMember(deps, left.b, { userId: left.b.userId }),
        removeMember(deps, removed.a, { userId: removed.b.userId }),
        removeMember(deps, removed.b, { userId: removed.a.userId }),
      ]);
      expect(await owners(left.orgId)).toBe(1);
      expect(await owners(removed.orgId)).toBe(1);
    }
  });

  it("a demotion racing a removal of the other owner leaves one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const { orgId, a, b } = await twoOwners();
      await settle([
        changeMemberRole(deps, a, { userId: a.userId, role: "admin" }),
        removeMember(deps, b, { userId: b.userId }),
      ]);
      expect(await owners(orgId)).toBe(1);
    }
  });
});
