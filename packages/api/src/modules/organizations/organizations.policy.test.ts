import type { MembershipRole } from "@plinth/db";
import { describe, expect, it } from "vitest";
import { can } from "./organizations.policy.ts";

const as = (role: MembershipRole) => ({ role });

describe("organizations policy", () => {
  it("lets every member read and list members, and only owners delete", () => {
    for (const role of ["member", "admin", "owner"] as const) {
      expect(can(as(role), "organization.read")).toBe(true);
      expect(can(as(role), "members.list")).toBe(true);
      expect(can(as(role), "organization.delete")).toBe(role === "owner");
    }
  });

  it("keeps renaming, invitations and the activity feed for admins and owners", () => {
    for (const action of [
      "organization.rename",
      "invitation.list",
      "invitation.revoke",
      "activity.read",
    ] as const) {
      expect(can(as("member"), action)).toBe(false);
      expect(can(as("admin"), action)).toBe(true);
      expect(can(as("owner"), action)).toBe(true);
    }
  });

  it("never lets an admin grant or invite above their own role, nor touch an owner", () => {
    expect(can(as("admin"), "invitation.create", { role: "admin" })).toBe(true);
    expect(can(as("admin"), "invitation.create", { role: "owner" })).toBe(false);
    expect(can(as("admin"), "member.changeRole", { targetRole: "member", role: "admin" })).toBe(true);
    expect(can(as("admin"), "member.changeRole", { targetRole: "member", role: "owner" })).toBe(false);
    expect(can(as("admin"), "member.changeRole", { targetRole: "owner", role: "member" })).toBe(false);
    expect(can(as("admin"), "member.remove", { targetRole: "admin" })).toBe(true);
    expect(can(as("admin"), "member.remove", { targetRole: "owner" })).toBe(false);
    expect(can(as("owner"), "member.changeRole", { targetRole: "owner", role: "member" })).toBe(true);
    expect(can(as("owner"), "invitation.create", { role: "owner" })).toBe(true);
  });

  it("gives members no say over other people", () => {
    expect(can(as("member"), "invitation.create", { role: "member" })).toBe(false);
    expect(can(as("member"), "member.changeRole", { targetRole: "member", role: "member" })).toBe(false);
    expect(can(as("member"), "member.remove", { targetRole: "member" })).toBe(false);
  });
});
