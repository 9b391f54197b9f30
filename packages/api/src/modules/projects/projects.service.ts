import { decodeCursor, isUniqueViolation, type Page, type Project, projects } from "@plinth/db";
import { byActor, diff, recordActivity, type ServiceDeps } from "../../core/activity.ts";
import { AppError } from "../../core/errors.ts";
import { staleWrite } from "../../core/stale-write.ts";
import { notFound, type OrgActor, resolveOrgActor } from "../../core/tenancy.ts";
import { can, type ProjectAction } from "./projects.policy.ts";
import type {
  CreateProjectInput,
  ListProjectsInput,
  ProjectRefInput,
  ProjectView,
  UpdateProjectInput,
} from "./projects.schemas.ts";

export const toProjectView = (p: Project): ProjectView => ({
  id: p.id,
  organizationId: p.organization_id,
  name: p.name,
  key: p.key,
  description: p.description,
  archivedAt: p.archived_at,
  version: p.version,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
});

/** The signed-in caller before their membership is known. */
export interface Caller {
  userId: string;
}

async function authorize(deps: ServiceDeps, caller: Caller, orgId: string, action: ProjectAction) {
  const actor = await resolveOrgActor(deps.db, caller.userId, orgId);
  if (!can(actor, action)) throw new AppError("FORBIDDEN", "Only admins and owners manage projects");
  return actor;
}

const keyTaken = (cause: unknown) =>
  new AppError("PROJECT_KEY_TAKEN", "Another project in this organization uses that key", {
    cause,
    details: [{ path: "key", message: "Key already in use" }],
  });

export async function createProject(
  deps: ServiceDeps,
  caller: Caller,
  input: CreateProjectInput,
): Promise<ProjectView> {
  const actor = await authorize(deps, caller, input.organizationId, "create");
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const project = await projects.createProject(trx, {
        orgId: actor.organizationId,
        name: input.name,
        key: input.key,
        description: input.description,
      });
      await recordActivity(deps, trx, {
        ...byActor(actor),
        event: "project_created",
        entityType: "project",
        entityId: project.id,
        changes: { after: { name: project.name, key: project.key } },
      });
      return toProjectView(project);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken(error);
    throw error;
  }
}

/**
 * Changes the fields given, under the row lock its read took, and records only what changed. With `version`, a
 * project that moved on since the caller read it is left alone (STALE_WRITE).
 */
async function changeProject(
  deps: ServiceDeps,
  actor: OrgActor,
  projectId: string,
  event: "project_updated" | "project_archived" | "project_unarchived",
  changes: { name?: string; description?: string; archivedAt?: Date | null },
  version?: number,
): Promise<ProjectView> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await projects.lockProject(trx, { orgId: actor.organizationId, projectId });
    if (!before) throw notFound("project");
    if (version !== undefined && before.version !== version) throw staleWrite("project");
    // An update naming no field changes nothing (and an empty SET is not SQL).
    if (Object.keys(changes).length === 0) return toProjectView(before);
    const after = await projects.updateProject(trx, { orgId: actor.organizationId, projectId, changes });
    if (!after) throw notFound("project");
    const pick = (p: Project) => ({
      name: p.name,
      description: p.description,
      archivedAt: p.archived_at?.toISOString() ?? null,
    });
    const changed = diff(pick(before), pick(after));
    if (changed) {
      await recordActivity(deps, trx, {
        ...byActor(actor),
        event,
        entityType: "project",
        entityId: projectId,
        changes: changed,
      });
    }
    return toProjectView(after);
  });
}

export async function updateProject(deps: ServiceDeps, caller: Caller, input: UpdateProjectInput) {
  const actor = await authorize(deps, caller, input.organizationId, "update");
  return changeProject(
    deps,
    actor,
    input.projectId,
    "project_updated",
    {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.description === undefined ? {} : { description: input.description }),
    },
    input.version,
  );
}

export async function setProjectArchived(
  deps: ServiceDeps,
  caller: Caller,
  input: ProjectRefInput,
  archived: boolean,
  now: Date,
) {
  const actor = await authorize(deps, caller, input.organizationId, "archive");
  return changeProject(deps, actor, input.projectId, archived ? "project_archived" : "project_unarchived", {
    archivedAt: archived ? now : null,
  });
}

/** Deletes the project with its tasks and comments (the foreign keys cascade), in one transaction with its audit row. */
export async function deleteProject(deps: ServiceDeps, caller: Caller, input: ProjectRefInput) {
  const actor = await authorize(deps, caller, input.organizationId, "delete");
  await deps.db.transaction().execute(async (trx) => {
    const before = await projects.findProject(trx, {
      orgId: actor.organizationId,
      projectId: input.projectId,
    });
    if (!before) throw notFound("project");
    await projects.deleteProject(trx, { orgId: actor.organizationId, projectId: input.projectId });
    await recordActivity(deps, trx, {
      ...byActor(actor),
      event: "project_deleted",
      entityType: "project",
      entityId: before.id,
      changes: { before: { name: before.name, key: before.key } },
    });
  });
  return { deleted: true as const };
}

export async function getProject(deps: ServiceDeps, caller: Caller, input: ProjectRefInput) {
  const actor = await authorize(deps, caller, input.organizationId, "read");
  const project = await projects.findProject(deps.db, {
    orgId: actor.organizationId,
    projectId: input.projectId,
  });
  if (!project) throw notFound("project");
  return toProjectView(project);
}

/** Newest first; two statements whatever the page size (the membership, then the page). */
export async function listProjects(
  deps: ServiceDeps,
  caller: Caller,
  input: ListProjectsInput,
): Promise<Page<ProjectView>> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  if (after === null) throw invalidCursor();
  const actor = await authorize(deps, caller, input.organizationId, "read");
  const page = await projects.listProjects(deps.db, {
    orgId: actor.organizationId,
    limit: input.limit,
    after,
    includeArchived: input.includeArchived,
  });
  return { items: page.items.map(toProjectView), nextCursor: page.nextCursor };
}

export const invalidCursor = () =>
  new AppError("INVALID_CURSOR", "The cursor is not one this list produced", {
    details: [{ path: "cursor", message: "Invalid cursor" }],
  });
