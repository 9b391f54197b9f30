import { describe, expect, it } from "vitest";
import type { OrgActor } from "../../core/tenancy.ts";
import { canOnComment, canOnTask } from "./tasks.policy.ts";

const actor = (role: OrgActor["role"], userId = "me"): OrgActor => ({ userId, organizationId: "o", role });
const mine = { created_by: "me", author_id: "me" };
const theirs = { created_by: "them", author_id: "them" };

describe("task and comment policy", () => {
  it("members read, create, update and move any task of their organization", () => {
    for (const action of ["read", "create", "update", "move"] as const) {
      expect(canOnTask(actor("member"), action, theirs)).toBe(true);
    }
  });

  it("a task is deleted by its creator or an admin/owner", () => {
    expect(canOnTask(actor("member"), "delete", mine)).toBe(true);
    expect(canOnTask(actor("member"), "delete", theirs)).toBe(false);
    expect(canOnTask(actor("member"), "delete", { created_by: null })).toBe(false);
    expect(canOnTask(actor("admin"), "delete", theirs)).toBe(true);
    expect(canOnTask(actor("owner"), "delete", theirs)).toBe(true);
  });

  it("comments: anyone adds, only the author edits, the author or an admin/owner deletes", () => {
    expect(canOnComment(actor("member"), "add")).toBe(true);
    expect(canOnComment(actor("member"), "edit", mine)).toBe(true);
    expect(canOnComment(actor("owner"), "edit", theirs)).toBe(false);
    expect(canOnComment(actor("member"), "delete", mine)).toBe(true);
    expect(canOnComment(actor("member"), "delete", theirs)).toBe(false);
    expect(canOnComment(actor("admin"), "delete", theirs)).toBe(true);
    expect(canOnComment(actor("admin"), "delete", { author_id: null })).toBe(true);
    expect(canOnComment(actor("member"), "edit", { author_id: null })).toBe(false);
  });
});
