import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAuditEvents, recordAuditEvent } from "../audit/audit-log.queries.ts";
import { useTestDatabase } from "../testing/index.ts";
import { insertUser, searchUsers, updateUser } from "../users/user.queries.ts";
import {
  deleteUserSession,
  deleteUserSessions,
  findSessionWithUser,
  insertSession,
  listUserSessions,
  touchSession,
} from "./session.queries.ts";

const t = useTestDatabase();
const day = 86_400_000;

async function userWithSessions(count: number) {
  const user = await insertUser(t.db, { email: `s-${randomUUID()}@example.com`, name: "Ses" });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = await insertSession(t.db, {
      id: randomBytes(32).toString("hex"),
      user_id: user.id,
      expires_at: new Date(Date.now() + day),
      absolute_expires_at: new Date(Date.now() + 90 * day),
      user_agent: `agent ${i}`,
      ip: "203.0.113.7",
    });
    ids.push(s.id);
  }
  return { user, ids };
}

describe("sessions", () => {
  it("finds a session with its user in one lookup", async () => {
    const { user, ids } = await userWithSessions(1);
    const found = await findSessionWithUser(t.db, ids[0] ?? "");
    expect(found?.session).toMatchObject({
      id: ids[0],
      user_id: user.id,
      user_agent: "agent 0",
      ip: "203.0.113.7",
    });
    expect(found?.user).toEqual(user);
    expect(await findSessionWithUser(t.db, "0".repeat(64))).toBeUndefined();
  });

  it("moves expiry and last-seen forward", async () => {
    const { ids } = await userWithSessions(1);
    const id = ids[0] ?? "";
    const later = new Date(Date.now() + 5 * day);
    await touchSession(t.db, id, { lastSeenAt: later, expiresAt: later });
    const found = await findSessionWithUser(t.db, id);
    expect(found?.session.last_seen_at).toEqual(later);
    expect(found?.session.expires_at).toEqual(later);
  });

  it("deletes a session only for its owner", async () => {
    const a = await userWithSessions(1);
    const b = await userWithSessions(1);
    expect(await deleteUserSession(t.db, b.user.id, a.ids[0] ?? "")).toBe(false);
    expect(await findSessionWithUser(t.db, a.ids[0] ?? "")).toBeDefined();
    expect(await deleteUserSession(t.db, a.user.id, a.ids[0] ?? "")).toBe(true);
  });

  it("ends every other session but the current one", async () => {
    const { user, ids } = await userWithSessions(3);
    expect(await deleteUserSessions(t.db, user.id, { except: ids[0] ?? "" })).toBe(2);
    expect((await listUserSessions(t.db, user.id, new Date())).map((s) => s.id)).toEqual([ids[0]]);
  });
});

describe("users: admin search and updates", () => {
  it("finds users by a case-insensitive email prefix, treating LIKE wildcards literally", async () => {
    const tag = randomUUID().slice(0, 8);
    await insertUser(t.db, { email: `Find_${tag}@example.com`, name: "F" });
    await insertUser(t.db, { email: `findx${tag}@example.com`, name: "G" });
    const found = await searchUsers(t.db, { limit: 10, emailPrefix: `find_${tag}` });
    expect(found.map((u) => u.email)).toEqual([`Find_${tag}@example.com`]);
    expect(await searchUsers(t.db, { limit: 10, emailPrefix: "%" })).toEqual([]);
  });

  it("updates a user and reports a missing one", async () => {
    const user = await insertUser(t.db, { email: `u-${randomUUID()}@example.com`, name: "U" });
    const disabledAt = new Date();
    expect((await updateUser(t.db, user.id, { disabled_at: disabledAt }))?.disabled_at).toEqual(disabledAt);
    expect(await updateUser(t.db, randomUUID(), { name: "nobody" })).toBeUndefined();
  });
});

describe("audit log", () => {
  it("records events newest first, per subject", async () => {
    const user = await insertUser(t.db, { email: `a-${randomUUID()}@example.com`, name: "A" });
    await recordAuditEvent(t.db, {
      event: "signup",
      actorUserId: user.id,
      subjectUserId: user.id,
      ip: "198.51.100.1",
      requestId: "r1",
    });
    await recordAuditEvent(t.db, {
      event: "login_failed",
      subjectUserId: user.id,
      details: { reason: "password" },
    });
    const events = await listAuditEvents(t.db, { subjectUserId: user.id, limit: 10 });
    expect(events.map((e) => e.event).sort()).toEqual(["login_failed", "signup"]);
    expect(events.find((e) => e.event === "login_failed")?.details).toEqual({ reason: "password" });
  });
});
