import { z } from "zod";
import { cursorInput, nameInput, text, versionInput } from "../../core/inputs.ts";
import { pageOf } from "../../core/outputs.ts";

/** Project keys prefix task numbers (`WEB-42`): 2-10 capitals and digits, starting with a letter. */
export const projectKeyInput = text({ trim: true, min: 2, max: 10 }).regex(/^[A-Z][A-Z0-9]{1,9}$/, {
  error: "Use 2 to 10 capital letters or digits, starting with a letter",
});
const descriptionInput = text({ max: 5000 });
const ids = { organizationId: z.uuid(), projectId: z.uuid() };
const expectedVersion = versionInput.describe(
  "The project's version as you read it; if it moved since, the change is refused (STALE_WRITE)",
);

export const createProjectInput = z.strictObject({
  organizationId: z.uuid(),
  name: nameInput,
  key: projectKeyInput,
  description: descriptionInput.optional(),
});
export const updateProjectInput = z.strictObject({
  ...ids,
  name: nameInput.optional(),
  description: descriptionInput.optional(),
  version: expectedVersion.optional(),
});
export const projectRefInput = z.strictObject(ids);
export const listProjectsInput = z.strictObject({
  organizationId: z.uuid(),
  includeArchived: z.boolean().default(false),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: cursorInput.nullish(),
  // tRPC's infiniteQueryOptions always sends a direction; pages only go forward.
  direction: z.literal("forward", { error: "Only forward paging is supported" }).optional(),
});

export type CreateProjectInput = z.infer<typeof createProjectInput>;
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;
export type ProjectRefInput = z.infer<typeof projectRefInput>;
export type ListProjectsInput = z.infer<typeof listProjectsInput>;

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts).

/** A project as clients see it (the task counter is an internal detail). */
export const projectOutput = z
  .strictObject({
    id: z.uuid(),
    organizationId: z.uuid(),
    name: z.string(),
    key: z.string().describe("Prefix of the project's task numbers, as in `WEB-42`"),
    description: z.string(),
    archivedAt: z.date().nullable().describe("When the project was archived; null while it is active"),
    version: z
      .number()
      .int()
      .describe("Moves with every change; send it back with an update to refuse one based on an older read"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Project", description: "A project of an organization" });
export const projectPageOutput = pageOf(projectOutput, { id: "ProjectPage", what: "projects" });

export type ProjectView = z.infer<typeof projectOutput>;
