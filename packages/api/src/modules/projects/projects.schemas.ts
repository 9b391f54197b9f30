import { z } from "zod";
import { cursorInput, nameInput, text } from "../../core/inputs.ts";

/** Project keys prefix task numbers (`WEB-42`): 2-10 capitals and digits, starting with a letter. */
export const projectKeyInput = text({ trim: true, min: 2, max: 10 }).regex(/^[A-Z][A-Z0-9]{1,9}$/, {
  error: "Use 2 to 10 capital letters or digits, starting with a letter",
});
const descriptionInput = text({ max: 5000 });
const ids = { organizationId: z.uuid(), projectId: z.uuid() };

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
