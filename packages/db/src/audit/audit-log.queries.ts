import type { Executor } from "../executor.ts";
import type { AuditEntry, AuditEvent } from "./audit-log.table.ts";

export interface AuditRecord {
  event: AuditEvent;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export async function recordAuditEvent(db: Executor, record: AuditRecord): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      event: record.event,
      actor_user_id: record.actorUserId ?? null,
      subject_user_id: record.subjectUserId ?? null,
      ip: record.ip ?? null,
      user_agent: record.userAgent?.slice(0, 512) ?? null,
      request_id: record.requestId ?? null,
      details: JSON.stringify(record.details ?? {}),
    })
    .execute();
}

/** Newest first, for one subject or for everyone. */
export async function listAuditEvents(
  db: Executor,
  opts: { subjectUserId?: string | undefined; limit: number },
): Promise<AuditEntry[]> {
  let query = db.selectFrom("audit_log").selectAll();
  if (opts.subjectUserId) query = query.where("subject_user_id", "=", opts.subjectUserId);
  return query.orderBy("occurred_at", "desc").orderBy("id", "desc").limit(opts.limit).execute();
}
