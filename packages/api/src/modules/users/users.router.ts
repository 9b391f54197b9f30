import { decodeCursor, type Page, toPage, type User, users } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { AppError } from "../../core/errors.ts";
import { checked } from "../../core/output-check.ts";
import { authedProcedure } from "../../core/trpc.ts";
import {
  listUsersInput,
  type PublicUser,
  publicUserOutput,
  publicUserPageOutput,
  userByIdInput,
} from "./users.schemas.ts";

const toPublicUser = (u: User): PublicUser => ({ id: u.id, name: u.name, createdAt: u.created_at });

/**
 * The directory: a signed-in user sees only the people who share an organization with them (themselves
 * included, once they belong to one); anyone else is USER_NOT_FOUND, exactly like an id that does not exist.
 */
export const usersRouter = {
  byId: authedProcedure
    .input(userByIdInput)
    .output(checked(publicUserOutput))
    .query(async ({ ctx, input }) => {
      const user = await users.findUserVisibleTo(ctx.db, ctx.user.id, input.id);
      if (!user) throw new AppError("USER_NOT_FOUND", "No user has that id");
      return toPublicUser(user);
    }),

  /** Newest first, a keyset page at a time: pass the previous page's `nextCursor` to get the next. */
  list: authedProcedure
    .input(listUsersInput)
    .output(checked(publicUserPageOutput))
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
