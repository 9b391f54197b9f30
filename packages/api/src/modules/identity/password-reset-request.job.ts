import { users } from "@plinth/db";
import { z } from "zod";
import { recordAudit } from "../../core/audit.ts";
import { passwordResetEmail } from "../../core/email/messages.ts";
import { text } from "../../core/inputs.ts";
import { defineJob } from "../../core/jobs/define-job.ts";
import { mailOneTimeToken, type Requester } from "./identity.service.ts";

/**
 * The work behind `auth.requestPasswordReset`, off the request path: the procedure answers the same, in the same
 * time, whether or not the address has an account, and this looks it up later. Audit rows keep the requester's
 * ip and request id, carried in the payload.
 */
export const passwordResetRequestJob = defineJob({
  payload: z.strictObject({
    email: text({ max: 254 }),
    requestId: text({ max: 200 }),
    ip: text({ max: 64 }).nullable(),
    userAgent: text({ max: 512 }).nullable(),
  }),
  handler: async (deps, payload) => {
    const user = await users.findUserByEmail(deps.db, payload.email);
    if (!user || user.disabled_at) return;
    // The requester as the request saw it, minus a session (a reset is asked for signed out).
    const requester: Requester = {
      requestId: payload.requestId,
      client: { ip: payload.ip, userAgent: payload.userAgent, deviceToken: null },
      user: null,
      session: null,
    };
    await deps.db.transaction().execute(async (trx) => {
      await mailOneTimeToken(deps, trx, {
        userId: user.id,
        purpose: "password_reset",
        email: user.email,
        compose: (token) => passwordResetEmail(user.email, user.name, token, deps.services.appUrl),
      });
      await recordAudit(requester, trx, "password_reset_requested", {
        subjectUserId: user.id,
        actorUserId: null,
      });
    });
  },
});
