import { invalidateUserSessions, voidOneTimeTokens } from "@plinth/auth";
import { decodeCursor, type Page, toPage, type User, users } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { recordAudit } from "../../core/audit.ts";
import { AppError } from "../../core/errors.ts";
import { checked } from "../../core/output-check.ts";
import { adminProcedure } from "../../core/trpc.ts";
import {
  type AdminUserView,
  adminUserOutput,
  adminUserPageOutput,
  searchUsersInput,
  setUserDisabledInput,
} from "./admin.schemas.ts";

const toAdminView = (u: User): AdminUserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  emailVerified: u.email_verified_at !== null,
  disabled: u.disabled_at !== null,
  createdAt: u.created_at,
});

export const adminRouter = {
  /** Every account, newest first, a keyset page at a time; `emailPrefix` narrows by the start of the address. */
  users: adminProcedure
    .input(searchUsersInput)
    .output(checked(adminUserPageOutput))
    .query(async ({ ctx, input }): Promise<Page<AdminUserView>> => {
      const after = input.cursor ? decodeCursor(input.cursor) : undefined;
      if (after === null) throw new AppError("INVALID_CURSOR", "The cursor is not one this list produced");
      const rows = await users.searchUsers(ctx.db, {
        limit: input.limit + 1,
        after,
        emailPrefix: input.emailPrefix,
      });
      return toPage(rows, input.limit, toAdminView);
    }),

  /** Disabling ends every session, voids every emailed link and blocks sign-in; enabling lifts the block. */
  setUserDisabled: adminProcedure
    .input(setUserDisabledInput)
    .output(checked(adminUserOutput))
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.user.id)
        throw new AppError("CANNOT_DISABLE_SELF", "You cannot disable your own account");
      return ctx.db.transaction().execute(async (trx) => {
        const user = await users.updateUser(trx, input.userId, {
          disabled_at: input.disabled ? ctx.services.clock.now() : null,
        });
        if (!user) throw new AppError("USER_NOT_FOUND", "No user has that id");
        const ended = input.disabled ? await invalidateUserSessions(trx, user.id) : 0;
        // A link mailed before the account was disabled must not work after it is enabled again.
        if (input.disabled) await voidOneTimeTokens(trx, user.id);
        await recordAudit(ctx, trx, input.disabled ? "user_disabled" : "user_enabled", {
          subjectUserId: user.id,
          details: { sessionsEnded: ended },
        });
        return toAdminView(user);
      });
    }),
} satisfies TRPCRouterRecord;
