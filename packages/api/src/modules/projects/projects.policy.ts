import { atLeast, type OrgActor } from "../../core/tenancy.ts";

/**
 * Who may do what to projects. Every member reads them (the task list lives inside one); creating, renaming,
 * archiving and deleting a project reshapes everyone's work, so it is for admins and owners. Non-members never
 * reach this: `resolveOrgActor` already answered NOT_FOUND.
 */
export type ProjectAction = "read" | "create" | "update" | "archive" | "delete";

export function can(actor: OrgActor, action: ProjectAction): boolean {
  if (action === "read") return true;
  return atLeast(actor.role, "admin");
}
