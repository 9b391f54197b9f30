import { z } from "zod";
import { cursorInput } from "../../core/inputs.ts";
import { pageOf } from "../../core/outputs.ts";

export const userByIdInput = z.strictObject({ id: z.uuid() });
export const listUsersInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: cursorInput.nullish(),
  // tRPC's infiniteQueryOptions always sends a direction. Pages only go forward (newest to oldest), so
  // "backward" is refused rather than silently served forward.
  direction: z.literal("forward", { error: "Only forward paging is supported" }).optional(),
});

// Outputs (the OpenAPI document's response schemas; see core/outputs.ts).

/**
 * What a signed-in member sees of another account: the name and when they joined, as a member directory shows.
 * Email, role (admins must not be picked out), password hash and verification state stay private.
 */
export const publicUserOutput = z.strictObject({ id: z.uuid(), name: z.string(), createdAt: z.date() }).meta({
  id: "PublicUser",
  description: "Another account, as the people who share an organization with it see it",
});
export const publicUserPageOutput = pageOf(publicUserOutput, { id: "PublicUserPage", what: "users" });

export type PublicUser = z.infer<typeof publicUserOutput>;
