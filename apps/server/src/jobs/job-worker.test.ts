import { users } from "@plinth/db";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../test/test-server.ts";

const s = useTestServer();

const signUp = async (email: string) => {
  await s.client().auth.signup.mutate({ email, password: "correct horse battery staple", name: "Jo" });
};

describe("job worker (as main.ts runs it)", () => {
  it("runs the reset job queued over HTTP, and the email reaches the transport", async () => {
    const email = `jw-${crypto.randomUUID()}@example.com`;
    await signUp(email);
    expect(await s.client().auth.requestPasswordReset.mutate({ email })).toEqual({ ok: true });
    // The reset job queues the email's delivery job in its transaction; the worker sends it on a later pass.
    await expect
      .poll(() => s.sentMail.filter((m) => m.to_address === email).map((m) => m.kind), { timeout: 20_000 })
      .toContain("password_reset");
    const job = await s.db
      .selectFrom("jobs")
      .selectAll()
      .where("name", "=", "password_reset_request")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(job.finished_at).toBeInstanceOf(Date);
    expect(job.last_error).toBeNull();
  });

  it("sends nothing for an unknown or a disabled address", async () => {
    const disabled = `jd-${crypto.randomUUID()}@example.com`;
    await signUp(disabled);
    await users.updateUser(s.db, (await users.findUserByEmail(s.db, disabled))?.id ?? "", {
      disabled_at: new Date(),
    });
    const ghost = `jg-${crypto.randomUUID()}@example.com`;
    for (const email of [ghost, disabled]) await s.client().auth.requestPasswordReset.mutate({ email });
    await s.jobs.nudge();
    const pending = await s.db
      .selectFrom("jobs")
      .select("id")
      .where("name", "=", "password_reset_request")
      .where("finished_at", "is", null)
      .execute();
    expect(pending).toEqual([]);
    const mail = await s.db
      .selectFrom("email_outbox")
      .select("kind")
      .where("to_address", "in", [ghost, disabled])
      .where("kind", "=", "password_reset")
      .execute();
    expect(mail).toEqual([]);
  });
});
