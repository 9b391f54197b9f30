import { type AuditEvent, audit, type Executor } from "@plinth/db";
import type { Context } from "./context.ts";

/** Records an authentication event with who, from where and which request. Callers pass no secrets in details. */
export async function recordAudit(
  ctx: Pick<Context, "client" | "requestId" | "user">,
  db: Executor,
  event: AuditEvent,
  opts: {
    subjectUserId?: string | null;
    actorUserId?: string | null;
    details?: Record<string, string | number | boolean | null>;
  } = {},
): Promise<void> {
  await audit.recordAuditEvent(db, {
    event,
    actorUserId: opts.actorUserId !== undefined ? opts.actorUserId : (ctx.user?.id ?? null),
    subjectUserId: opts.subjectUserId ?? null,
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
    requestId: ctx.requestId,
    ...(opts.details ? { details: opts.details } : {}),
  });
}
