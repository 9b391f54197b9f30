import { describe, expect, it } from "vitest";
import type { OrgActor } from "../../core/tenancy.ts";
import { can } from "./projects.policy.ts";

const actor = (role: OrgActor["role"]): OrgActor => ({ userId: "u", organizationId: "o", role });

describe("project policy", () => {
  it("every member reads; only admins and owners manage", () => {
    for (const role of ["member", "admin", "owner"] as const) expect(can(actor(role), "read")).toBe(true);
    for (const action of ["create", "update", "archive", "delete"] as const) {
      expect(can(actor("member"), action)).toBe(false);
      expect(can(actor("admin"), action)).toBe(true);
      expect(can(actor("owner"), action)).toBe(true);
    }
  });
});
