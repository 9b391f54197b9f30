import { membershipRoles } from "@plinth/db";
import { z } from "zod";
import { cursorInput, emailInput, nameInput, text, tokenInput } from "../../core/inputs.ts";

/** Lowercase letters, digits and single hyphens, as the `organizations.slug` check constraint says. */
export const slugInput = text({ trim: true, min: 1, minError: "Enter a slug", max: 60 }).pipe(
  z
    .string()
    .toLowerCase()
    .regex(/^[a-z0-9](-?[a-z0-9])*$/, { error: "Use lowercase letters, digits and single hyphens" }),
);
export const roleInput = z.enum(membershipRoles);

const organizationId = z.uuid();
/** Keyset paging as every list takes it; `direction` is what tRPC's infinite queries always send. */
const page = {
  limit: z.number().int().min(1).max(100).default(20),
  cursor: cursorInput.nullish(),
  direction: z.literal("forward", { error: "Only forward paging is supported" }).optional(),
};

export const createOrganizationInput = z.strictObject({ name: nameInput, slug: slugInput });
export const organizationIdInput = z.strictObject({ organizationId });
export const renameOrganizationInput = z.strictObject({ organizationId, name: nameInput });
export const pageInput = z.strictObject({ organizationId, ...page });
export const changeRoleInput = z.strictObject({ organizationId, userId: z.uuid(), role: roleInput });
export const memberInput = z.strictObject({ organizationId, userId: z.uuid() });
export const inviteInput = z.strictObject({
  organizationId,
  email: emailInput,
  role: roleInput.default("member"),
});
export const invitationIdInput = z.strictObject({ organizationId, invitationId: z.uuid() });
export const invitationTokenInput = z.strictObject({ token: tokenInput });

export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;
export type PageInput = z.infer<typeof pageInput>;
export type ChangeRoleInput = z.infer<typeof changeRoleInput>;
export type InviteInput = z.infer<typeof inviteInput>;
