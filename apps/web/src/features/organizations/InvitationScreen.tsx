import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDate } from "../../format.ts";
import { isInvalidLink } from "../../lib/error-messages.ts";
import { Link, navigate, useLocation } from "../../navigation.tsx";
import { hrefs, paths } from "../../paths.ts";
import { useMe } from "../../session.ts";
import { useTRPC } from "../../trpc.ts";

/**
 * Where an invitation email links (`/invitation?token=`): shows what is offered, then accept (signed in as the
 * invited address, verified) or decline. Nothing is posted on arrival: answering is the invitee's choice.
 */
export function InvitationScreen() {
  const token = useLocation().search.get("token") ?? "";
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const preview = useQuery({
    ...trpc.organizations.invitations.preview.queryOptions({ token }),
    enabled: !!token,
  });
  const accept = useMutation(
    trpc.organizations.invitations.accept.mutationOptions({
      onSuccess: async (accepted) => {
        await queryClient.invalidateQueries(trpc.organizations.list.queryFilter());
        navigate(hrefs.organization(accepted.organizationId));
      },
    }),
  );
  const decline = useMutation(trpc.organizations.invitations.decline.mutationOptions());

  const body = () => {
    if (!token) return <p>This link has no token. Open the link from the email exactly as it was sent.</p>;
    if (preview.isPending) return <p className="muted">Looking up the invitation…</p>;
    if (preview.error) {
      return (
        <ErrorNotice
          title={
            isInvalidLink(preview.error) ? "This invitation can't be used" : "Could not load the invitation"
          }
          error={preview.error}
        />
      );
    }
    if (decline.isSuccess)
      return <p role="status">You declined the invitation to {preview.data.organizationName}.</p>;
    const invitation = preview.data;
    const signedIn = me.data ?? null;
    return (
      <>
        <p>
          {invitation.invitedByName ?? "Someone"} invited <strong>{invitation.email}</strong> to join{" "}
          <strong>{invitation.organizationName}</strong> as {invitation.role}. The invitation expires on{" "}
          {formatDate(invitation.expiresAt)}.
        </p>
        {me.isPending ? null : signedIn ? (
          signedIn.email.toLowerCase() !== invitation.email.toLowerCase() ? (
            <p className="muted">
              You are signed in as {signedIn.email}; accepting needs the invited address.
            </p>
          ) : null
        ) : (
          <p className="muted">
            To accept, <Link to={paths.login}>log in</Link> or <Link to={paths.signup}>sign up</Link> with{" "}
            {invitation.email}, verify it, then open this link again.
          </p>
        )}
        {accept.error ? <ErrorNotice title="Could not accept the invitation" error={accept.error} /> : null}
        {decline.error ? (
          <ErrorNotice title="Could not decline the invitation" error={decline.error} />
        ) : null}
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!signedIn || accept.isPending || decline.isPending}
            onClick={() => accept.mutate({ token })}
          >
            {accept.isPending ? "Joining…" : "Accept invitation"}
          </button>
          <button
            type="button"
            disabled={accept.isPending || decline.isPending}
            onClick={() => decline.mutate({ token })}
          >
            Decline
          </button>
        </div>
      </>
    );
  };

  return (
    <section className="card narrow">
      <h2>Invitation</h2>
      {body()}
    </section>
  );
}
