import { type AuditChanges, type AuditEntityType, type AuditEvent, audit, type Executor } from "@plinth/db";
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

/**
 * Records one row of an organization's activity feed: who changed which entity, and the changed fields before
 * and after. Runs in the mutation's transaction, so the feed never shows a change that rolled back.
 */
export async function recordActivity(
  deps: Pick<Context, "client" | "requestId">,
  db: Executor,
  entry: {
    event: AuditEvent;
    actorUserId: string | null;
    organizationId: string;
    entityType: AuditEntityType;
    entityId: string;
    subjectUserId?: string | null;
    changes?: AuditChanges;
  },
): Promise<void> {
  await audit.recordAuditEvent(db, {
    event: entry.event,
    actorUserId: entry.actorUserId,
    subjectUserId: entry.subjectUserId ?? null,
    ip: deps.client.ip,
    userAgent: deps.client.userAgent,
    requestId: deps.requestId,
    organizationId: entry.organizationId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
  });
}
