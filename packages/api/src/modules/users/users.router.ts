import { decodeCursor, type Page, toPage, type User, users } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { cursorInput } from "../../core/inputs.ts";
import { authedProcedure } from "../../core/trpc.ts";

/**
 * The directory: a signed-in user sees only the people who share an organization with them (themselves
 * included, once they belong to one); anyone else is USER_NOT_FOUND, exactly like an id that does not exist.
 * What a signed-in member sees of another account: the name and when they joined, as a member directory shows.
 * Email, role (admins must not be picked out), password hash and verification state stay private.
 */
export interface PublicUser {
  id: string;
  name: string;
  createdAt: Date;
}

const toPublicUser = (u: User): PublicUser => ({ id: u.id, name: u.name, createdAt: u.created_at });

export const usersRouter = {
  byId: authedProcedure.input(z.strictObject({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const user = await users.findUserVisibleTo(ctx.db, ctx.user.id, input.id);
    if (!user) throw new AppError("USER_NOT_FOUND", "No user has that id");
    return toPublicUser(user);
  }),

  /** Newest first, a keyset page at a time: pass the previous page's `nextCursor` to get the next. */
  list: authedProcedure
    .input(
      z.strictObject({
        limit: z.number().int().min(1).max(100).default(20),
        cursor: cursorInput.nullish(),
        // tRPC's infiniteQueryOptions always sends a direction. Pages only go forward (newest to oldest), so
        // "backward" is refused rather than silently served forward.
        direction: z.literal("forward", { error: "Only forward paging is supported" }).optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<Page<PublicUser>> => {
      const after = input.cursor ? decodeCursor(input.cursor) : undefined;
      if (after === null) {
        throw new AppError("INVALID_CURSOR", "The cursor is not one this list produced", {
          details: [{ path: "cursor", message: "Invalid cursor" }],
        });
      }
      const rows = await users.listUsers(ctx.db, { limit: input.limit + 1, after, visibleTo: ctx.user.id });
      return toPage(rows, input.limit, toPublicUser);
    }),
} satisfies TRPCRouterRecord;
