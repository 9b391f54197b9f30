import type { Executor } from "../executor.ts";
import { type KeysetCursor, type Page, toPage } from "../pagination.ts";
import type { AuditChanges, AuditEntityType, AuditEntry, AuditEvent } from "./audit-log.table.ts";

export interface AuditRecord {
  event: AuditEvent;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  details?: Record<string, string | number | boolean | null>;
  /** For the organization activity feed. */
  organizationId?: string | null;
  entityType?: AuditEntityType | null;
  entityId?: string | null;
  changes?: AuditChanges | null;
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
      organization_id: record.organizationId ?? null,
      entity_type: record.entityType ?? null,
      entity_id: record.entityId ?? null,
      changes: record.changes ? JSON.stringify(record.changes) : null,
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

export interface ActivityEntry extends AuditEntry {
  actor_name: string | null;
}

/**
 * An organization's activity feed, newest first, by keyset over `audit_log_org_occurred_idx`:
 * `… where organization_id = $1 and (occurred_at, id) < ($2, $3) order by occurred_at desc, id desc`.
 * One statement for any page size: the actor's name comes from a join.
 */
export async function listOrganizationActivity(
  db: Executor,
  opts: { orgId: string; limit: number; after?: KeysetCursor | undefined },
): Promise<Page<ActivityEntry>> {
  let query = db
    .selectFrom("audit_log")
    .leftJoin("users as actor", "actor.id", "audit_log.actor_user_id")
    .selectAll("audit_log")
    .select("actor.name as actor_name")
    .where("audit_log.organization_id", "=", opts.orgId);
  const after = opts.after;
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("audit_log.occurred_at", "audit_log.id"), "<", eb.tuple(after.createdAt, after.id)),
    );
  }
  const rows = await query
    .orderBy("audit_log.occurred_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(opts.limit + 1)
    .execute();
  return toPage(
    rows.map((r) => ({ ...r, created_at: r.occurred_at })),
    opts.limit,
    ({ created_at: _, ...entry }) => entry,
  );
}
