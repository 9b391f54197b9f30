import { auditEntityTypes, auditEvents, membershipRoles } from "@plinth/db";
import { z } from "zod";
import { cursorInput, emailInput, nameInput, text, tokenInput, versionInput } from "../../core/inputs.ts";
import { pageOf } from "../../core/outputs.ts";

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
export const renameOrganizationInput = z.strictObject({
  organizationId,
  name: nameInput,
  version: versionInput
    .describe(
      "The organization's version as you read it; if it moved since, the rename is refused (STALE_WRITE)",
    )
    .optional(),
});
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

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts). Strict, so a field a service adds by
// mistake (an email, a token hash) fails the call instead of leaking.
const auditValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const organizationOutput = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    slug: z.string().describe("Unique, URL-safe name: lowercase letters, digits and single hyphens"),
    role: roleInput.describe("The caller's role in the organization"),
    version: z
      .number()
      .int()
      .describe("Moves with every change; send it back with a rename to refuse one based on an older read"),
    createdAt: z.date(),
  })
  .meta({ id: "Organization", description: "An organization the caller belongs to" });
export const organizationListOutput = z
  .array(organizationOutput)
  .describe("Every organization the caller belongs to");
/** A member as other members see them: name and role, no email (the directory shows names only). */
export const memberOutput = z
  .strictObject({
    userId: z.uuid(),
    name: z.string(),
    role: roleInput,
    joinedAt: z.date(),
  })
  .meta({ id: "Member", description: "A member of the organization, as other members see them" });
export const activityOutput = z
  .strictObject({
    id: z.uuid(),
    occurredAt: z.date(),
    event: z.enum(auditEvents),
    actor: z
      .strictObject({ id: z.uuid(), name: z.string().nullable() })
      .nullable()
      .describe("Who did it; null when nobody was signed in (an invitation declined by its link)"),
    subjectUserId: z.uuid().nullable().describe("The user the event is about, when it is about one"),
    entityType: z.enum(auditEntityTypes).nullable(),
    entityId: z.string().nullable(),
    changes: z
      .strictObject({
        before: z.record(z.string(), auditValue).optional(),
        after: z.record(z.string(), auditValue).optional(),
      })
      .nullable()
      .describe("The fields that changed, before and after"),
    requestId: z.string().nullable().describe("The request that made the change, as in `x-request-id`"),
  })
  .meta({ id: "Activity", description: "One entry of the organization's activity feed" });
/** What admins see of an invitation: never the token (only its hash is stored anyway). */
export const invitationOutput = z
  .strictObject({
    id: z.uuid(),
    organizationId: z.uuid(),
    email: z.string().describe("The invited address; only an account with this email may accept"),
    role: roleInput.describe("The role the invitee gets on accepting"),
    invitedBy: z.uuid().nullable(),
    expiresAt: z.date(),
    createdAt: z.date(),
  })
  .meta({ id: "Invitation", description: "A pending invitation to join the organization" });
export const invitationPreviewOutput = z
  .strictObject({
    organizationName: z.string(),
    role: roleInput,
    email: z.string(),
    invitedByName: z.string().nullable(),
    expiresAt: z.date(),
  })
  .meta({ id: "InvitationPreview", description: "What a mailed invitation token offers" });
export const acceptedOutput = z
  .strictObject({
    organizationId: z.uuid(),
    role: roleInput.describe("The caller's role now (their existing one if they were a member already)"),
  })
  .meta({ id: "InvitationAccepted", description: "The caller is now a member" });
export const removedOutput = z
  .strictObject({
    unassignedTasks: z.number().int().describe("How many of the organization's tasks lost their assignee"),
  })
  .meta({ id: "MemberRemoved", description: "The member has left the organization" });
export const memberPageOutput = pageOf(memberOutput, { id: "MemberPage", what: "members" });
export const activityPageOutput = pageOf(activityOutput, { id: "ActivityPage", what: "activity entries" });
export const invitationPageOutput = pageOf(invitationOutput, {
  id: "InvitationPage",
  what: "pending invitations",
});

export type OrganizationView = z.infer<typeof organizationOutput>;
export type MemberView = z.infer<typeof memberOutput>;
export type ActivityView = z.infer<typeof activityOutput>;
export type InvitationView = z.infer<typeof invitationOutput>;
export type InvitationPreview = z.infer<typeof invitationPreviewOutput>;
