import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDateTime } from "../../format.ts";
import { type MailboxEmail, useTRPC } from "../../trpc.ts";
import { MailText } from "./MailText.tsx";

/**
 * Development only (the route exists only when `import.meta.env.DEV`, and the server answers `dev.mailbox` only
 * in development): the emails the server queued, newest first, so the local demo can follow a verification or
 * reset link without an SMTP server.
 */
export function DevMailboxScreen() {
  const trpc = useTRPC();
  // Always fresh: the point of opening this page is to see the email that was just sent. Some mail is written
  // by a background job a moment after the request that caused it (a password reset), so it also polls.
  const mailbox = useQuery({
    ...trpc.dev.mailbox.queryOptions({ limit: 20 }),
    staleTime: 0,
    refetchInterval: 2_000,
  });

  return (
    <section className="card" aria-labelledby="mailbox-title">
      <div className="card-title-row">
        <h2 id="mailbox-title">Development mailbox</h2>
        <button type="button" onClick={() => mailbox.refetch()} disabled={mailbox.isFetching}>
          {mailbox.isFetching ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <p className="muted">The emails the server sent, newest first. Nothing here leaves this machine.</p>
      {mailbox.isPending ? (
        <p className="muted">Loading emails…</p>
      ) : mailbox.error ? (
        <ErrorNotice title="Could not read the mailbox" error={mailbox.error} />
      ) : mailbox.data.length === 0 ? (
        <p className="muted">No emails yet. Sign up to get one.</p>
      ) : (
        <ul className="mails">
          {mailbox.data.map((email) => (
            <MailRow key={email.id} email={email} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MailRow({ email }: { email: MailboxEmail }) {
  return (
    <li>
      <article aria-label={email.subject}>
        <h3>{email.subject}</h3>
        <p className="muted small">
          To {email.to} ·{" "}
          <time dateTime={email.createdAt.toISOString()}>{formatDateTime(email.createdAt)}</time>
        </p>
        <MailText text={email.text} />
      </article>
    </li>
  );
}
