import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { describeUserAgent, formatDateTime } from "../../format.ts";
import { type AccountSession, useTRPC } from "../../trpc.ts";

/** Where the account is signed in: this browser marked, every other one can be signed out from here. */
export function SessionList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery({ ...trpc.account.sessions.queryOptions(), staleTime: 0 });
  const refreshSessions = () => queryClient.invalidateQueries(trpc.account.sessions.queryFilter());
  const revoke = useMutation(trpc.account.revokeSession.mutationOptions({ onSettled: refreshSessions }));
  const logoutOthers = useMutation(trpc.account.logoutOthers.mutationOptions({ onSettled: refreshSessions }));

  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      {sessions.isPending ? (
        <p className="muted">Loading sessions…</p>
      ) : sessions.error?.data?.appCode === "EMAIL_NOT_VERIFIED" ? (
        // The server requires a verified email for account management; the banner above offers a new link.
        <p className="muted">Verify your email address to see and manage where you are signed in.</p>
      ) : sessions.error ? (
        <ErrorNotice title="Could not load your sessions" error={sessions.error} />
      ) : (
        <ul className="sessions">
          {sessions.data.map((session) => (
            <SessionRow
              key={session.handle}
              session={session}
              pending={revoke.isPending && revoke.variables.handle === session.handle}
              onRevoke={() => revoke.mutate({ handle: session.handle })}
            />
          ))}
        </ul>
      )}
      {revoke.error ? <ErrorNotice title="Could not sign that session out" error={revoke.error} /> : null}
      {logoutOthers.error ? (
        <ErrorNotice title="Could not sign the other sessions out" error={logoutOthers.error} />
      ) : null}
      {logoutOthers.isSuccess ? (
        <p className="success" role="status">
          Signed out{" "}
          {logoutOthers.data.ended === 1 ? "1 other session" : `${logoutOthers.data.ended} other sessions`}.
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => logoutOthers.mutate()}
        disabled={logoutOthers.isPending || others === 0}
      >
        {logoutOthers.isPending ? "Signing out…" : "Sign out everywhere else"}
      </button>
    </section>
  );
}

interface SessionRowProps {
  session: AccountSession;
  pending: boolean;
  onRevoke: () => void;
}

function SessionRow({ session, pending, onRevoke }: SessionRowProps) {
  return (
    <li className={session.current ? "current" : undefined}>
      <div>
        <span className="name">{describeUserAgent(session.userAgent)}</span>{" "}
        {session.current ? <span className="badge ok">This browser</span> : null}
        <div className="muted small">
          {session.ip ? `${session.ip} · ` : ""}signed in{" "}
          <time dateTime={session.createdAt.toISOString()}>{formatDateTime(session.createdAt)}</time> · last
          seen <time dateTime={session.lastSeenAt.toISOString()}>{formatDateTime(session.lastSeenAt)}</time>
        </div>
      </div>
      {session.current ? null : (
        <button type="button" onClick={onRevoke} disabled={pending}>
          {pending ? "Signing out…" : "Sign out"}
        </button>
      )}
    </li>
  );
}
