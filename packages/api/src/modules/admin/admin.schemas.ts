import { userRoles } from "@plinth/db";
import { z } from "zod";
import { cursorInput, text } from "../../core/inputs.ts";
import { pageOf } from "../../core/outputs.ts";

export const searchUsersInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: cursorInput.nullish(),
  emailPrefix: text({ trim: true, min: 1, max: 254 }).optional(),
  direction: z.literal("forward").optional(),
});
export const setUserDisabledInput = z.strictObject({ userId: z.uuid(), disabled: z.boolean() });

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts).

/** What an admin sees of any account. */
export const adminUserOutput = z
  .strictObject({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(userRoles),
    emailVerified: z.boolean(),
    disabled: z.boolean().describe("A disabled account cannot sign in and has no sessions"),
    createdAt: z.date(),
  })
  .meta({ id: "AdminUser", description: "An account, as an admin sees it" });
export const adminUserPageOutput = pageOf(adminUserOutput, { id: "AdminUserPage", what: "accounts" });

export type AdminUserView = z.infer<typeof adminUserOutput>;
