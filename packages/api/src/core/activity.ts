import {
  type AuditChanges,
  type AuditEntityType,
  type AuditEvent,
  audit,
  type Database,
  type Executor,
} from "@plinth/db";
import type { Context } from "./context.ts";
import type { OrgActor } from "./tenancy.ts";

/** What a domain service needs from the request: the database, and who/where for the activity feed. */
export interface ServiceDeps {
  db: Database;
  requestId: string;
  client: { ip: string | null; userAgent: string | null };
}

/** The request's share of a service call: plain data, so a job or the REST layer can build it too. */
export const serviceDeps = (ctx: Context): ServiceDeps => ({
  db: ctx.db,
  requestId: ctx.requestId,
  client: { ip: ctx.client.ip, userAgent: ctx.client.userAgent },
});

/** Who did it and where, from a resolved membership: the usual first half of an activity entry. */
export const byActor = (actor: OrgActor) => ({
  actorUserId: actor.userId,
  organizationId: actor.organizationId,
});

/**
 * One row of the organization's activity feed. Services call it with the transaction that made the change, so
 * the feed never shows a change that rolled back, nor misses one that committed. The actor may be null (an
 * invitation declined by someone not signed in).
 */
export async function recordActivity(
  deps: Pick<ServiceDeps, "requestId" | "client">,
  trx: Executor,
  entry: {
    event: AuditEvent;
    actorUserId: string | null;
    organizationId: string;
    entityType: AuditEntityType;
    entityId: string;
    subjectUserId?: string | null;
    changes?: AuditChanges | undefined;
  },
): Promise<void> {
  await audit.recordAuditEvent(trx, {
    event: entry.event,
    actorUserId: entry.actorUserId,
    subjectUserId: entry.subjectUserId ?? null,
    organizationId: entry.organizationId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
    requestId: deps.requestId,
    ip: deps.client.ip,
    userAgent: deps.client.userAgent,
  });
}

/** The fields whose values differ, as `{ before, after }` (only what changed goes into the feed). */
export function diff<T extends Record<string, string | number | boolean | null>>(
  before: T,
  after: T,
): AuditChanges | undefined {
  const changed = Object.keys(after).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return undefined;
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, after[k] ?? null])),
  };
}
