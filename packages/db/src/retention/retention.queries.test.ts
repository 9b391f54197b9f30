import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { insertApiKey, revokeUserApiKey } from "../api-keys/api-key.queries.ts";
import { createInvitation } from "../invitations/invitation.queries.ts";
import { completeJob, enqueueJob } from "../jobs/job.queries.ts";
import { enqueueEmail, markEmailSent } from "../outbox/email-outbox.queries.ts";
import { insertSession } from "../sessions/session.queries.ts";
import { makeOrganization, makeUser, useTestDatabase } from "../testing/index.ts";
import { insertUserToken } from "../tokens/user-token.queries.ts";
import { type PrunedTable, prunedTables, pruneEnded } from "./retention.queries.ts";

const t = useTestDatabase();

// Far enough in the past that no other test's rows are this old.
const cutoff = new Date("2001-01-01T00:00:00Z");
const longAgo = (days: number) => new Date(+cutoff - days * 24 * 60 * 60_000);
const recently = new Date("2001-06-01T00:00:00Z");

/** Makes one row of the table that ended at `ended` (null: has not ended) and gives its id. */
const make: Record<PrunedTable, (ended: Date | null) => Promise<string>> = {
  jobs: async (ended) => {
    const job = await enqueueJob(t.db, { name: "retention_test", payload: {} });
    if (ended) await completeJob(t.db, job.id, ended);
    return job.id;
  },
  email_outbox: async (ended) => {
    const email = await enqueueEmail(t.db, {
      kind: "test",
      to_address: "someone@example.com",
      subject: "s",
      text_body: "https://example.com/reset?token=secret",
    });
    if (ended) await markEmailSent(t.db, email.id, ended);
    return email.id;
  },
  sessions: async (ended) => {
    const user = await makeUser(t.db);
    const expires = ended ?? new Date(Date.now() + 60 * 60_000);
    const session = await insertSession(t.db, {
      id: randomUUID(),
      user_id: user.id,
      expires_at: expires,
      absolute_expires_at: expires,
    });
    return session.id;
  },
  user_tokens: async (ended) => {
    const user = await makeUser(t.db);
    const token = await insertUserToken(t.db, {
      user_id: user.id,
      purpose: "password_reset",
      token_hash: randomUUID(),
      // A token always expires; "not ended" is one that expires in the future.
      expires_at: ended ?? new Date(Date.now() + 60 * 60_000),
    });
    return token.id;
  },
  invitations: async (ended) => {
    const { org, owner } = await makeOrganization(t.db);
    const invitation = await createInvitation(t.db, {
      orgId: org.id,
      email: `${randomUUID()}@example.com`,
      role: "member",
      tokenHash: randomUUID(),
      invitedBy: owner.id,
      expiresAt: ended ?? new Date(Date.now() + 60 * 60_000),
    });
    return invitation.id;
  },
  // An ended key expired then and was revoked later (now): it ended at the earlier of the two.
  api_keys: (ended) => apiKey(ended, ended ? new Date() : undefined),
};

async function apiKey(expiresAt: Date | null, revokedAt?: Date): Promise<string> {
  const user = await makeUser(t.db);
  const key = await insertApiKey(t.db, {
    user_id: user.id,
    public_id: randomUUID(),
    secret_hash: randomUUID(),
    name: "k",
    scopes: ["read"],
    expires_at: expiresAt,
  });
  if (revokedAt) await revokeUserApiKey(t.db, user.id, key.id, revokedAt);
  return key.id;
}

const remaining = async (table: PrunedTable, ids: string[]) =>
  (
    await sql<{
      id: string;
    }>`select id from ${sql.table(table)} where id::text = any(${ids}::text[])`.execute(t.db)
  ).rows
    .map((r) => r.id)
    .sort();

describe("retention prune", () => {
  it.each(prunedTables)(
    "%s: deletes the rows that ended before the cutoff, oldest first, a batch at a time",
    async (table) => {
      const oldest = await make[table](longAgo(30));
      const older = await make[table](longAgo(2));
      const young = await make[table](recently);
      const live = await make[table](null);
      const ids = [oldest, older, young, live];

      expect(await pruneEnded(t.db, table, { olderThan: cutoff, limit: 1 })).toBe(1);
      expect(await remaining(table, ids)).toEqual([older, young, live].sort());
      expect(await pruneEnded(t.db, table, { olderThan: cutoff, limit: 5 })).toBe(1);
      expect(await pruneEnded(t.db, table, { olderThan: cutoff, limit: 5 })).toBe(0);
      expect(await remaining(table, ids)).toEqual([young, live].sort());
    },
  );

  it("an API key ends at its revocation when that came before its expiry", async () => {
    const id = await apiKey(new Date("2099-01-01T00:00:00Z"), longAgo(1));
    expect(await pruneEnded(t.db, "api_keys", { olderThan: cutoff, limit: 5 })).toBe(1);
    expect(await remaining("api_keys", [id])).toEqual([]);
  });
});
